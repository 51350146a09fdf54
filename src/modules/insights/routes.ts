import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { registerBenchmarkRoutes } from "./benchmark/routes.ts";
import { checkFilterIds } from "./check-filter-ids.ts";
import { registerGroupLabelRoutes } from "./group-labels.ts";
import { ZSummary, ZSummaryQuery } from "./report-schemas.ts";
import { getSummary } from "./summarize.ts";

/** Reports over the rollups (GET /reports/summary) and the benchmark networks. */
export function registerReportRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  route.get(
    "/reports/summary",
    {
      access: "reports:read",
      schema: {
        operationId: "getReportSummary",
        tags: ["reports"],
        summary:
          "NPS, satisfaction index, 95 % intervals, invitations and response rate, filtered and grouped by up to two dimensions",
        description:
          "Groups with fewer answers than the organisation's minimum sample are withheld (figures null, withheld: true); groups under 30 answers carry lowReliability. Managers see their departments' answers, agents their own. See docs/insights.md.",
        querystring: ZSummaryQuery,
        response: { 200: ZSummary },
      },
    },
    async (request, reply, actor) => {
      await checkFilterIds(deps.db, actor.orgId, request.query);
      // Written as is, not parsed by ZSummary again: a copy of hundreds of groups for nothing, since the type is
      // checked when compiled and the tests hold every body to the schema (decision 046).
      reply.serializer(JSON.stringify);
      return getSummary(deps.db, actor, request.query);
    },
  );
  registerBenchmarkRoutes(app, deps);
  registerGroupLabelRoutes(app, deps);
}
