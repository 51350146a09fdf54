import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { followUpEvent } from "./schema.ts";

export interface TCaseEventInput {
  kind:
    | "opened"
    | "answer_changed"
    | "assigned"
    | "state"
    | "note"
    | "call_attempt"
    | "overdue"
    | "deadline"
    | "consent"
    | "recovery_sent"
    | "recovery";
  actorId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one entry to a case's timeline (entries are never changed or removed). */
export async function appendCaseEvent(
  tx: Db,
  orgId: string,
  caseId: string,
  e: TCaseEventInput,
  now = new Date(),
): Promise<void> {
  await tx.insert(followUpEvent).values({
    orgId,
    id: randomUUID(),
    caseId,
    kind: e.kind,
    actorId: e.actorId ?? null,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    note: e.note ?? null,
    data: e.data ?? {},
    at: now,
  });
}
