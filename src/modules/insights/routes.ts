import type { AppDeps } from "../../context.ts";
import { requireAccess } from "../../auth/access.ts";
import { type Api, problemResponses } from "../../http/types.ts";
import { registerBenchmarkRoutes } from "./benchmark/routes.ts";
import { checkFilterIds } from "./check-filter-ids.ts";
import { ZSummary, ZSummaryQuery } from "./report-schemas.ts";
import { getSummary } from "./summarize.ts";

/** Reports over the rollups (GET /reports/summary) and the benchmark networks. */
export function registerReportRoutes(app: Api, deps: AppDeps): void {
  app.get(
    "/reports/summary",
    {
      schema: {
        tags: ["reports"],
        summary:
          "NPS, satisfaction index, 95 % intervals, invitations and response rate, filtered and grouped by up to two dimensions",
        description:
          "Groups with fewer answers than the organisation's minimum sample are withheld (figures null, withheld: true); groups under 30 answers carry lowReliability. Managers see their departments' answers, agents their own. See docs/insights.md.",
        querystring: ZSummaryQuery,
        response: { 200: ZSummary, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "reports:read");
      await checkFilterIds(deps.db, actor.orgId, request.query);
      return getSummary(deps.db, actor, request.query);
    },
  );
  registerBenchmarkRoutes(app, deps);
}
