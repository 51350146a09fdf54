import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { auditLog } from "../../db/schema.ts";
import type { TAuditAction, TAuditActorType } from "./audit-actions.ts";

/** The actor as the log records it: its kind and id, nothing else. */
export interface TAuditActor {
  type: TAuditActorType;
  id: string | null;
}

/** Kaja itself, for what scheduled jobs do. */
export const SYSTEM_ACTOR: TAuditActor = { type: "system", id: null };

/** A detail value: ids, codes, counts, flags, dates as text. Never names, addresses or free text. */
export type TAuditValue = string | number | boolean | null | readonly string[];

export interface TAuditEntry {
  orgId: string;
  actor: TActor | TAuditActor;
  action: TAuditAction;
  target?: { type: string; id: string };
  details?: Record<string, TAuditValue | Record<string, TAuditValue>>;
}

function actorRef(actor: TActor | TAuditActor): TAuditActor {
  if ("type" in actor) return actor;
  return actor.kind === "user" ? { type: "user", id: actor.userId } : { type: "apiKey", id: actor.keyId };
}

/**
 * The one writer of the audit log. Pass the transaction of the change it records, so the entry and the change
 * are written together or not at all. The table is append-only: a database trigger refuses UPDATE and DELETE.
 */
export async function recordAudit(db: Db, entry: TAuditEntry): Promise<void> {
  const actor = actorRef(entry.actor);
  await db.insert(auditLog).values({
    orgId: entry.orgId,
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
  });
}
