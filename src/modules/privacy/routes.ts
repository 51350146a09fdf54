import type { AppDeps } from "../../context.ts";
import type { Api } from "../../http/types.ts";
import { registerAuditRoutes } from "./audit-routes.ts";

/** The privacy module's API: the audit log. */
export function registerPrivacyRoutes(app: Api, deps: AppDeps): void {
  registerAuditRoutes(app, deps);
}
