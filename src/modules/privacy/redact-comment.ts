import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import {
  answerTexts,
  findPersonalData,
  mapAnswerTexts,
  REDACTED,
  replacePersonalData,
} from "../../domain/personal-data.ts";
import { AppError } from "../../http/errors.ts";
import { followUpCase, followUpEvent } from "../followup/schema.ts";
import { recordAudit } from "./record-audit.ts";

function countKinds(texts: (string | null)[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const text of texts)
    for (const m of findPersonalData(text ?? "")) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
  return kinds;
}

/**
 * Removes for good the personal data found in an answer's comment, its text answers and the notes of its
 * follow-up case:
 * each finding becomes "[…]", the rest of the text stays, scores and tags do not change. Logged with the
 * kinds and counts removed (never the data). Nothing found: nothing written.
 */
export async function redactComment(db: Db, actor: TActor, responseId: string) {
  return db.transaction(async (tx) => {
    const [answer] = await tx
      .select({ id: response.id, comment: response.comment, answers: response.answers })
      .from(response)
      .where(inOrg(response, actor.orgId, eq(response.id, responseId)))
      .for("update");
    if (!answer) throw new AppError("NOT_FOUND", { message: { key: "problem.answer.notFound" } });
    const notes = await tx
      .select({ id: followUpEvent.id, note: followUpEvent.note })
      .from(followUpEvent)
      .innerJoin(
        followUpCase,
        inOrg(followUpCase, followUpEvent.orgId, eq(followUpCase.id, followUpEvent.caseId)),
      )
      .where(inOrg(followUpEvent, actor.orgId, eq(followUpCase.responseId, responseId)));
    const flagged = notes.filter((n) => n.note && findPersonalData(n.note).length > 0);
    const texts = answerTexts(null, answer.answers);
    const kinds = countKinds([answer.comment, ...texts, ...flagged.map((n) => n.note)]);
    const redacted = Object.values(kinds).reduce((a, b) => a + b, 0);
    if (redacted === 0) return { redacted: 0, comment: answer.comment };
    const comment = answer.comment === null ? null : replacePersonalData(answer.comment, REDACTED);
    const answers = mapAnswerTexts(answer.answers, (t) => replacePersonalData(t, REDACTED));
    if (comment !== answer.comment || texts.some((t) => findPersonalData(t).length > 0))
      await tx
        .update(response)
        .set({ comment, answers })
        .where(inOrg(response, actor.orgId, eq(response.id, responseId)));
    for (const n of flagged)
      await tx
        .update(followUpEvent)
        .set({ note: replacePersonalData(n.note ?? "", REDACTED) })
        .where(inOrg(followUpEvent, actor.orgId, eq(followUpEvent.id, n.id)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "comment.redact",
      target: { type: "response", id: responseId },
      details: { kinds, notes: flagged.length },
    });
    return { redacted, comment };
  });
}
