import type { TActor } from "../../auth/permissions.ts";
import type { AppDeps } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { getFollowUpPreference, setFollowUpPreference, ZFollowUpPreference } from "./preference.ts";

/** A preference belongs to a person: API keys have none. */
function userOf(actor: TActor): string {
  if (actor.kind !== "user")
    throw new AppError("FORBIDDEN", { message: { key: "problem.preferences.userOnly" } });
  return actor.userId;
}

/** The signed-in case worker's follow-up mail preference: an e-mail per assignment or a daily digest. */
export function registerFollowUpPreferenceRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["follow-up"] as const;
  route.get(
    "/follow-up-preferences/me",
    {
      access: "cases:write",
      schema: {
        tags,
        operationId: "getMyFollowUpPreference",
        summary: "My assignment e-mails: one per case (default) or a daily digest",
        response: { 200: ZFollowUpPreference },
      },
    },
    async (_request, _reply, actor) => getFollowUpPreference(deps.db, actor.orgId, userOf(actor)),
  );
  route.put(
    "/follow-up-preferences/me",
    {
      access: "cases:write",
      schema: {
        tags,
        operationId: "setMyFollowUpPreference",
        summary:
          "Choose an e-mail per assigned case, or one digest a day at 07:00 (organisation's time zone)",
        body: ZFollowUpPreference,
        response: { 200: ZFollowUpPreference },
      },
    },
    async (request, _reply, actor) =>
      setFollowUpPreference(deps.db, actor.orgId, userOf(actor), request.body),
  );
}
