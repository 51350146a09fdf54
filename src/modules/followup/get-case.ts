import { asc, eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { contact, response, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { personalDataView } from "../privacy/personal-data-view.ts";
import { recordAudit } from "../privacy/record-audit.ts";
import { caseColumns, toCase } from "./case-columns.ts";
import type { TCaseDetail } from "./case-contracts.ts";
import { caseScope, seesContact } from "./case-scope.ts";
import { followUpCase, followUpEvent } from "./schema.ts";

/** One case the actor may see, or NOT_FOUND (another organisation's or out of scope alike). */
export async function findVisibleCase(db: Db, actor: TActor, id: string, now = new Date()) {
  const scope = await caseScope(db, actor);
  const [row] = await db
    .select({
      ...caseColumns,
      comment: response.comment,
      locale: response.locale,
      receivedAt: response.receivedAt,
      contactPhone: followUpCase.contactPhone,
      respondentEmail: response.respondentEmail,
      invitationId: response.invitationId,
    })
    .from(followUpCase)
    .innerJoin(response, inOrg(response, followUpCase.orgId, eq(response.id, followUpCase.responseId)))
    .where(inOrg(followUpCase, actor.orgId, eq(followUpCase.id, id), scope));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.case.notFound" } });
  return { row, case: toCase(row, now) };
}

/**
 * A case with its answer, timeline and — for roles with cases:contact, when the respondent allowed contact —
 * the contact details; showing them is written to the audit log.
 */
export async function getCase(db: Db, actor: TActor, id: string, now = new Date()): Promise<TCaseDetail> {
  const { row, case: c } = await findVisibleCase(db, actor, id, now);
  const timeline = await db
    .select({
      id: followUpEvent.id,
      kind: followUpEvent.kind,
      actorId: followUpEvent.actorId,
      fromState: followUpEvent.fromState,
      toState: followUpEvent.toState,
      note: followUpEvent.note,
      data: followUpEvent.data,
      at: followUpEvent.at,
    })
    .from(followUpEvent)
    .where(inOrg(followUpEvent, actor.orgId, eq(followUpEvent.caseId, id)))
    .orderBy(asc(followUpEvent.at), asc(followUpEvent.id));
  const view = personalDataView(actor);
  let shown: TCaseDetail["contact"] = null;
  if (row.contactAllowed === true && seesContact(actor)) {
    const email = row.contactChannel === "email" ? await answerEmail(db, actor.orgId, row) : null;
    shown = { email, phone: row.contactChannel === "phone" ? row.contactPhone : null };
    await recordAudit(db, {
      orgId: actor.orgId,
      actor,
      action: "case.contact_view",
      target: { type: "follow_up_case", id },
    });
  }
  return {
    ...c,
    answer: { comment: view(row.comment), locale: row.locale, receivedAt: row.receivedAt },
    contact: shown,
    timeline: timeline.map((e) => ({ ...e, note: view(e.note) })),
  };
}

/** The e-mail the respondent was invited at (or gave on the website survey). */
async function answerEmail(
  db: Db,
  orgId: string,
  row: { invitationId: string | null; respondentEmail: string | null },
): Promise<string | null> {
  if (!row.invitationId) return row.respondentEmail;
  const [found] = await db
    .select({ email: contact.email })
    .from(surveyInvitation)
    .innerJoin(contact, inOrg(contact, surveyInvitation.orgId, eq(contact.id, surveyInvitation.contactId)))
    .where(inOrg(surveyInvitation, orgId, eq(surveyInvitation.id, row.invitationId)));
  return found?.email ?? null;
}
