import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { auditLog } from "../../db/schema.ts";

/** Records who did what to a contact (ids only: the audit log never holds personal data). */
export async function auditContact(tx: Db, actor: TActor, action: string, contactId: string): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: actor.orgId,
    actorType: actor.kind,
    actorId: actor.kind === "user" ? actor.userId : actor.keyId,
    action,
    targetType: "contact",
    targetId: contactId,
  });
}
