import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { organization } from "../../db/schema.ts";
import { caseDeadline } from "../../domain/case-deadline.ts";
import { triggersFollowUp } from "../../domain/follow-up-rule.ts";
import { storeConsent, type TContactConsent } from "./case-consent.ts";
import { caseDepartment, caseOwner, type TAnswerTags } from "./case-owner.ts";
import { emitCaseEvent } from "./case-webhooks.ts";
import { ruleFromRow } from "./rule.ts";
import { followUpCase, followUpRule } from "./schema.ts";
import { appendCaseEvent } from "./timeline.ts";

export interface TAnswerForCase extends TAnswerTags {
  orgId: string;
  responseId: string;
  surveyId: string;
  score: number;
  satisfaction: number | null;
  /** When the answer was first given (the deadline counts from it). */
  receivedAt: Date;
}

export interface SyncCaseOptions {
  now?: Date;
  /** What changed in the answer, for the timeline of an existing case. */
  changed?: Record<string, unknown>;
  /** A user opening the case by hand (skips the rule). */
  actorId?: string | null;
  force?: boolean;
  /** The respondent's answer to the contact question, stored on the case. */
  consent?: TContactConsent;
}

/**
 * Opens the follow-up case an answer triggers, or records the change on the answer's existing case.
 * Call it with the transaction that stores the answer: it reads and writes only through `tx`, so the case
 * exists exactly when the answer does. Returns the case id and whether it was opened now, or null.
 */
export async function syncCaseForAnswer(
  tx: Db,
  a: TAnswerForCase,
  options: SyncCaseOptions = {},
): Promise<{ caseId: string; created: boolean } | null> {
  const synced = await openOrUpdateCase(tx, a, options);
  if (synced && options.consent)
    await storeConsent(tx, a.orgId, synced.caseId, options.consent, options.now ?? new Date());
  return synced;
}

async function openOrUpdateCase(
  tx: Db,
  a: TAnswerForCase,
  { now = new Date(), changed = {}, actorId = null, force = false }: SyncCaseOptions,
): Promise<{ caseId: string; created: boolean } | null> {
  // One round trip for the rule, the time zone and an existing case.
  const [ctx] = await tx
    .select({
      timeZone: organization.timeZone,
      rule: followUpRule,
      caseId: followUpCase.id,
    })
    .from(organization)
    .leftJoin(followUpRule, inOrg(followUpRule, organization.id))
    .leftJoin(followUpCase, inOrg(followUpCase, organization.id, eq(followUpCase.responseId, a.responseId)))
    .where(eq(organization.id, a.orgId));
  if (!ctx) return null;
  if (ctx.caseId) {
    await recordAnswerChange(tx, a, ctx.caseId, changed, now);
    return { caseId: ctx.caseId, created: false };
  }
  const rule = ruleFromRow(ctx.rule);
  if (!force && !triggersFollowUp(rule, a.surveyId, a.score, a.satisfaction)) return null;
  const departmentId = await caseDepartment(tx, a.orgId, a);
  const ownerId = await caseOwner(tx, a.orgId, rule, departmentId);
  const due = caseDeadline(a.receivedAt, rule.deadlineWorkingDays, ctx.timeZone);
  const id = randomUUID();
  const inserted = await tx
    .insert(followUpCase)
    .values({
      orgId: a.orgId,
      id,
      responseId: a.responseId,
      surveyId: a.surveyId,
      serviceId: a.serviceId,
      departmentId,
      employeeId: a.employeeId,
      state: "open",
      ownerId,
      dueDate: due.dueDate,
      dueAt: due.dueAt,
      openedAt: now,
      updatedAt: now,
    })
    // Two clicks racing on one answer: the second finds the first's case.
    .onConflictDoNothing({ target: [followUpCase.orgId, followUpCase.responseId] })
    .returning({ id: followUpCase.id });
  if (!inserted.length) {
    const [existing] = await tx
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .where(inOrg(followUpCase, a.orgId, eq(followUpCase.responseId, a.responseId)));
    await recordAnswerChange(tx, a, existing.id, changed, now);
    return { caseId: existing.id, created: false };
  }
  await appendCaseEvent(
    tx,
    a.orgId,
    id,
    {
      kind: "opened",
      actorId,
      toState: "open",
      data: { score: a.score, satisfaction: a.satisfaction, ownerId, dueDate: due.dueDate },
    },
    now,
  );
  await emitCaseEvent(tx, a.orgId, id, "case.created", now);
  return { caseId: id, created: true };
}

async function recordAnswerChange(
  tx: Db,
  a: TAnswerForCase,
  caseId: string,
  changed: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await tx
    .update(followUpCase)
    .set({ updatedAt: now })
    .where(inOrg(followUpCase, a.orgId, eq(followUpCase.id, caseId)));
  await appendCaseEvent(
    tx,
    a.orgId,
    caseId,
    { kind: "answer_changed", data: { score: a.score, satisfaction: a.satisfaction, ...changed } },
    now,
  );
  await emitCaseEvent(tx, a.orgId, caseId, "case.updated", now);
}
