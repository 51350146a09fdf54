import type { AppDeps } from "../../context.ts";
import type { Api } from "../../http/types.ts";
import { registerContactRoutes } from "./contacts-routes.ts";
import { registerInvitationRoutes } from "./invitation-routes.ts";
import { registerContactRuleRoutes } from "./rules-routes.ts";
import { registerSendRoutes } from "./send-routes.ts";

/** Contacts, contact rules, the three ways to trigger invitations, and what became of them. */
export function registerDistributionRoutes(app: Api, deps: AppDeps): void {
  registerContactRoutes(app, deps);
  registerContactRuleRoutes(app, deps);
  registerSendRoutes(app, deps);
  registerInvitationRoutes(app, deps);
}
