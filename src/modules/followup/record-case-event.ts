import { eq, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { type CaseState, canMoveCase, stateAfterCall } from "../../domain/case-states.ts";
import type { TCaseEventRequest } from "./case-contracts.ts";
import { emitCaseEvent } from "./case-webhooks.ts";
import { fieldError } from "./field-error.ts";
import { findVisibleCase } from "./get-case.ts";
import { getFollowUpRule } from "./rule.ts";
import { followUpCase } from "./schema.ts";
import { appendCaseEvent } from "./timeline.ts";

/**
 * Adds a note, a call attempt or a state change to a case. A change applies only if the case is still in
 * the state it was read in (a concurrent change makes this one a 409, and nothing is written).
 */
export async function recordCaseEvent(
  db: Db,
  actor: TActor,
  id: string,
  e: TCaseEventRequest,
  now = new Date(),
): Promise<void> {
  const { row } = await findVisibleCase(db, actor, id, now);
  const from = row.state as CaseState;
  const actorId = actor.kind === "user" ? actor.userId : null;
  if (e.kind === "note") {
    await db.transaction(async (tx) => {
      await appendCaseEvent(tx, actor.orgId, id, { kind: "note", actorId, note: e.note }, now);
      await touch(tx, actor.orgId, id, from, {}, now);
    });
    return;
  }
  if (e.kind === "call_attempt") {
    if (from === "resolved") throw fieldError("body.kind", { key: "problem.field.caseResolved" }, "CONFLICT");
    if (row.contactAllowed === false)
      throw fieldError("body.kind", { key: "problem.field.noContactAllowed" }, "CONFLICT");
    const { unreachableAfter } = await getFollowUpRule(db, actor.orgId);
    const attempts = row.attempts + (e.reached ? 0 : 1);
    const to = stateAfterCall(from, e.reached, attempts, unreachableAfter);
    await db.transaction(async (tx) => {
      await touch(
        tx,
        actor.orgId,
        id,
        from,
        {
          state: to,
          attempts,
          ...(e.reached
            ? { firstContactAt: sql`coalesce(${followUpCase.firstContactAt}, ${now.toISOString()})` }
            : {}),
        },
        now,
      );
      await appendCaseEvent(
        tx,
        actor.orgId,
        id,
        {
          kind: "call_attempt",
          actorId,
          fromState: from,
          toState: to,
          note: e.note,
          data: { reached: e.reached },
        },
        now,
      );
    });
    return;
  }
  if (!canMoveCase(from, e.state))
    throw fieldError(
      "body.state",
      { key: "problem.field.caseTransition", values: { from, to: e.state } },
      "CONFLICT",
    );
  if (e.state === "resolved" && !e.resolution)
    throw fieldError("body.resolution", { key: "problem.field.resolutionRequired" });
  if (e.state !== "resolved" && e.resolution)
    throw fieldError("body.resolution", { key: "problem.field.onlyWhenResolving" });
  const changes =
    e.state === "resolved"
      ? { state: e.state, resolution: e.resolution, resolutionNote: e.note ?? null, resolvedAt: now }
      : { state: e.state, ...(from === "resolved" ? { resolution: null, resolvedAt: null } : {}) };
  await db.transaction(async (tx) => {
    await touch(tx, actor.orgId, id, from, changes, now);
    await appendCaseEvent(
      tx,
      actor.orgId,
      id,
      {
        kind: "state",
        actorId,
        fromState: from,
        toState: e.state,
        note: e.note,
        data: e.resolution ? { resolution: e.resolution } : {},
      },
      now,
    );
  });
}

/** Updates the case if it is still in `from`; otherwise 409 (someone changed it meanwhile). */
async function touch(
  tx: Db,
  orgId: string,
  id: string,
  from: CaseState,
  changes: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const done = await tx
    .update(followUpCase)
    .set({ ...changes, updatedAt: now })
    .where(inOrg(followUpCase, orgId, eq(followUpCase.id, id), eq(followUpCase.state, from)))
    .returning({ id: followUpCase.id });
  if (!done.length) throw fieldError("body.kind", { key: "problem.field.caseChanged" }, "CONFLICT");
  await emitCaseEvent(tx, orgId, id, "case.updated", now);
}
