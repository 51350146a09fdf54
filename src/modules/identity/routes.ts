import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { getSecuritySettings, updateSecuritySettings } from "./security-settings.ts";

const ZSecuritySettings = z.object({
  requireTwoFactor: z.boolean(),
  membersWithoutTwoFactor: z.number().int(),
});

/** The organisation's sign-in rules, sessions and single sign-on. */
export function registerIdentityRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["sign-in"] as const;

  route.get(
    "/security-settings",
    {
      access: "org:manage",
      schema: {
        operationId: "getSecuritySettings",
        tags,
        summary: "The organisation's sign-in rules",
        response: { 200: ZSecuritySettings },
      },
    },
    async (_request, _reply, actor) => getSecuritySettings(deps.db, actor.orgId),
  );
  route.put(
    "/security-settings",
    {
      access: "org:manage",
      schema: {
        operationId: "updateSecuritySettings",
        tags,
        summary: "Require two-factor sign-in of every member, or stop requiring it",
        body: z.strictObject({ requireTwoFactor: z.boolean() }),
        response: { 200: ZSecuritySettings },
      },
      problems: [409],
    },
    async (request, _reply, actor) => updateSecuritySettings(deps.db, actor, request.body),
  );
}
