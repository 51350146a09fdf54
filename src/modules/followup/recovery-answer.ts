import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization, response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { SURVEY_LOCALES, type TSurveyLocale } from "../../i18n/locales.ts";
import { hashSurveyToken, isWellFormedToken } from "../responses/tokens.ts";
import { emitCaseEvent } from "./case-webhooks.ts";
import { followUpCase } from "./schema.ts";
import type { TRecoveryAnswer } from "./send-recovery-questions.ts";
import { appendCaseEvent } from "./timeline.ts";

/** How long after the question was sent its answer can still be given or changed. */
export const RECOVERY_ANSWER_DAYS = 7;

/** The case behind a recovery link, or null for an unknown, malformed or tampered token. */
export async function unsafeFindCaseByRecoveryToken(db: Db, token: string) {
  if (!isWellFormedToken(token)) return null;
  // Across organisations: the token alone names the case.
  const [row] = await db
    .select({
      orgId: followUpCase.orgId,
      id: followUpCase.id,
      responseId: followUpCase.responseId,
      recovery: followUpCase.recovery,
      sentAt: followUpCase.recoverySentAt,
      claimedAt: followUpCase.recoveryClaimedAt,
      org: { name: organization.name, timeZone: organization.timeZone },
    })
    .from(followUpCase)
    .innerJoin(organization, eq(organization.id, followUpCase.orgId))
    .where(eq(followUpCase.recoveryTokenHash, hashSurveyToken(token)));
  if (!row) return null;
  const [r] = await db
    .select({ locale: response.locale })
    .from(response)
    .where(inOrg(response, row.orgId, eq(response.id, row.responseId)));
  const locale = (SURVEY_LOCALES as readonly string[]).includes(r?.locale ?? "")
    ? (r.locale as TSurveyLocale)
    : "et";
  // A link exists once its mail is on its way; the window counts from the send (or the claim, while sending).
  const from = row.sentAt ?? row.claimedAt ?? new Date();
  const until = new Date(from.getTime() + RECOVERY_ANSWER_DAYS * 86_400_000);
  return { ...row, locale, until };
}

export type TRecoveryCase = NonNullable<Awaited<ReturnType<typeof unsafeFindCaseByRecoveryToken>>>;

/** Records (or changes) the respondent's answer on the case, with a timeline entry and case.updated. */
export async function recordRecoveryAnswer(
  db: Db,
  c: TRecoveryCase,
  answer: TRecoveryAnswer,
  now = new Date(),
): Promise<void> {
  if (c.recovery === answer) return;
  await db.transaction(async (tx) => {
    await tx
      .update(followUpCase)
      .set({ recovery: answer, recoveryAnsweredAt: now, updatedAt: now })
      .where(inOrg(followUpCase, c.orgId, eq(followUpCase.id, c.id)));
    await appendCaseEvent(
      tx,
      c.orgId,
      c.id,
      { kind: "recovery", data: { answer, previous: c.recovery } },
      now,
    );
    await emitCaseEvent(tx, c.orgId, c.id, "case.updated", now);
  });
}
