import type { AppDeps } from "../../context.ts";
import type { Api } from "../../http/types.ts";
import { registerAuditRoutes } from "./audit-routes.ts";
import { registerCommentPrivacyRoutes } from "./comment-routes.ts";
import { registerPersonRoutes } from "./person-routes.ts";
import { registerRetentionRoutes } from "./retention-routes.ts";

/** The privacy module's API: the audit log, personal data in comments, a person's data, retention. */
export function registerPrivacyRoutes(app: Api, deps: AppDeps): void {
  registerAuditRoutes(app, deps);
  registerCommentPrivacyRoutes(app, deps);
  registerPersonRoutes(app, deps);
  registerRetentionRoutes(app, deps);
}
