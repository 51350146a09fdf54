import { z } from "zod";
import { ZInstantQuery } from "../../http/strict-input.ts";
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES } from "./audit-actions.ts";

/** Filters of the audit log: one action, one actor (a member's or key's id), a period. */
export const ZAuditFilters = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().trim().min(1).max(100).optional().describe("the id of a member's user or of an API key"),
  from: ZInstantQuery.optional().describe("entries at or after this instant"),
  to: ZInstantQuery.optional().describe("entries before this instant"),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export const ZAuditQuery = ZAuditFilters.extend({
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "must be the nextCursor of a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.date(),
  action: z.string(),
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorId: z.string().nullable(),
  actorName: z.string().nullable().describe("the member's name or e-mail, or the API key's name, when known"),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEvent), nextCursor: z.string().nullable() });
