import type { AppDeps } from "../../context.ts";
import type { Api } from "../../http/types.ts";
import { registerQualityEvaluationRoutes } from "./evaluation-routes.ts";
import { registerQualityModelRoutes } from "./model-routes.ts";
import { registerEmployeeOverviewRoute } from "./overview-routes.ts";
import { registerQualityReportRoutes } from "./report-routes.ts";

/** The quality module's API: models and versions, settings, evaluations, agreements, reports and the sampling queue. */
export function registerQualityRoutes(app: Api, deps: AppDeps): void {
  registerQualityModelRoutes(app, deps);
  registerQualityEvaluationRoutes(app, deps);
  registerQualityReportRoutes(app, deps);
  registerEmployeeOverviewRoute(app, deps);
}
