import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { ZEmployeeOverview, ZOverviewQuery } from "./contracts.ts";
import { employeeOverview } from "./employee-overview.ts";
import { fieldError } from "./problems.ts";

/** The month `back` months before `month` (YYYY-MM). */
function monthsBefore(month: string, back: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 7);
}

/** The employee page: what clients said and what evaluators found about one employee. */
export function registerEmployeeOverviewRoute(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  route.get(
    "/employees/:id/overview",
    {
      access: "quality:read",
      schema: {
        tags: ["quality"],
        operationId: "getEmployeeOverview",
        summary: "One employee's NPS, praise, QA trend, agreements and cases, with team medians",
        params: z.object({ id: z.string().min(1).max(200) }),
        querystring: ZOverviewQuery,
        response: { 200: ZEmployeeOverview },
      },
    },
    async (request, _reply, actor) => {
      const to = request.query.to ?? new Date().toISOString().slice(0, 7);
      const from = request.query.from ?? monthsBefore(to, 11);
      if (from > to) throw fieldError("querystring.from", { key: "problem.field.afterTo" });
      return employeeOverview(deps.db, actor, request.params.id, from, to);
    },
  );
}
