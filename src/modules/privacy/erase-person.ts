import { eq, inArray } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { contact, outbox, response, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { mapAnswerTexts, REDACTED, replacePersonalData } from "../../domain/personal-data.ts";
import { AppError } from "../../http/errors.ts";
import { skipWaitingInvitations } from "../distribution/opt-out-contact.ts";
import { followUpCase, followUpEvent } from "../followup/schema.ts";
import { countPerson, findPerson } from "./find-person.ts";
import type { TPersonQuery } from "./person-contracts.ts";
import { recordAudit } from "./record-audit.ts";

const redact = (text: string | null) => (text === null ? null : replacePersonalData(text, REDACTED));

/**
 * Erases a person in one transaction: contacts (with their opt-outs) go, invitations lose the link and unsent
 * ones are skipped, answers lose the name and e-mail and the personal data in their comments and text answers but keep scores
 * and tags (figures and rollups stay as they are), follow-up cases lose the phone number and consent, case
 * notes lose personal data, local copies of messages to the person go. Returns a receipt; the audit log keeps
 * the same counts. A person with nothing left is NOT_FOUND, so a second erasure changes nothing.
 */
export async function erasePerson(db: Db, actor: TActor, q: TPersonQuery, now = new Date()) {
  return db.transaction(async (tx) => {
    const p = await findPerson(tx, actor.orgId, q);
    const removed = countPerson(p);
    if (Object.values(removed).every((n) => n === 0))
      throw new AppError("NOT_FOUND", { message: { key: "problem.privacy.nothingToErase" } });
    for (const c of p.contacts) {
      await skipWaitingInvitations(tx, actor.orgId, c.id, "erased");
      await tx
        .update(surveyInvitation)
        .set({ contactId: null })
        .where(inOrg(surveyInvitation, actor.orgId, eq(surveyInvitation.contactId, c.id)));
      await tx.delete(contact).where(inOrg(contact, actor.orgId, eq(contact.id, c.id)));
    }
    for (const a of p.answers)
      await tx
        .update(response)
        .set({
          respondentName: null,
          respondentEmail: null,
          comment: redact(a.comment),
          answers: mapAnswerTexts(a.answers, (t) => replacePersonalData(t, REDACTED)),
        })
        .where(inOrg(response, actor.orgId, eq(response.id, a.id)));
    if (p.cases.length)
      await tx
        .update(followUpCase)
        .set({ contactPhone: null, contactChannel: null, contactAllowed: false })
        .where(
          inOrg(
            followUpCase,
            actor.orgId,
            inArray(
              followUpCase.id,
              p.cases.map((c) => c.id),
            ),
          ),
        );
    for (const n of p.notes)
      await tx
        .update(followUpEvent)
        .set({ note: redact(n.note) })
        .where(inOrg(followUpEvent, actor.orgId, eq(followUpEvent.id, n.id)));
    if (p.messages.length)
      await tx.delete(outbox).where(
        inOrg(
          outbox,
          actor.orgId,
          inArray(
            outbox.id,
            p.messages.map((m) => m.id),
          ),
        ),
      );
    const erasedBy =
      actor.kind === "user" ? { type: "user", id: actor.userId } : { type: "apiKey", id: actor.keyId };
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "person.erase",
      details: { by: q.email ? "email" : "phone", removed: { ...removed } },
    });
    return {
      erasedAt: now,
      erasedBy,
      removed,
      note: "Scores, tags and dates of the answers are kept without anything that identifies the person, so reports stay true.",
    };
  });
}
