import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { recordAudit } from "../privacy/record-audit.ts";

/** Records who did what to a contact (ids only: the audit log never holds personal data). */
export async function auditContact(
  tx: Db,
  actor: TActor,
  action: "contact.erase" | "contact.opt_out" | "contact.view",
  contactId: string,
): Promise<void> {
  await recordAudit(tx, { orgId: actor.orgId, actor, action, target: { type: "contact", id: contactId } });
}
