import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { recordAudit } from "./record-audit.ts";

/** The settings whose changes are logged; the entry names the area and the fields sent, never their values. */
export type TSettingsArea =
  | "contact_rules"
  | "survey_contact_rules"
  | "follow_up_rule"
  | "quality"
  | "retention"
  | "survey_retention"
  | "sso";

/** Records that `actor` changed an area of the organisation's settings (and, for a survey's, which survey). */
export async function auditSettingsChange(
  db: Db,
  actor: TActor,
  area: TSettingsArea,
  body: object,
  target?: { type: string; id: string },
): Promise<void> {
  await recordAudit(db, {
    orgId: actor.orgId,
    actor,
    action: "settings.change",
    target,
    details: { area, fields: Object.keys(body).sort() },
  });
}
