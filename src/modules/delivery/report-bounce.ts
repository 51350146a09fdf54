import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";

export interface TBounce {
  email: string;
  reason: string;
  permanent: boolean;
}

/**
 * Records a bounce reported by the mail system. A permanent bounce marks the organisation's contact with
 * that address invalid and skips its invitations not yet sent ("invalid_address"); a temporary one changes
 * nothing (the mail server retries by itself).
 */
export async function reportBounce(db: Db, orgId: string, b: TBounce, now = new Date()) {
  if (!b.permanent) return { contacts: 0, invitationsSkipped: 0 };
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(contact)
      .set({ emailInvalidAt: now, emailInvalidReason: b.reason, updatedAt: now })
      .where(inOrg(contact, orgId, sql`lower(${contact.email}) = lower(${b.email})`))
      .returning({ id: contact.id });
    if (!marked.length) return { contacts: 0, invitationsSkipped: 0 };
    const skipped = await tx
      .update(surveyInvitation)
      .set({ state: "skipped", reason: "invalid_address" })
      .where(
        inOrg(
          surveyInvitation,
          orgId,
          inArray(
            surveyInvitation.contactId,
            marked.map((m) => m.id),
          ),
          inArray(surveyInvitation.state, ["scheduled", "failed"]),
        ),
      )
      .returning({ id: surveyInvitation.id });
    return { contacts: marked.length, invitationsSkipped: skipped.length };
  });
}
