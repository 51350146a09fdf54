import { sql } from "drizzle-orm";
import { response } from "../../db/schema.ts";
import type { TCase } from "./case-contracts.ts";
import { followUpCase } from "./schema.ts";

/** The columns of a case as the API shows it (never contact details), with its answer's scores. */
export const caseColumns = {
  id: followUpCase.id,
  responseId: followUpCase.responseId,
  surveyId: followUpCase.surveyId,
  serviceId: followUpCase.serviceId,
  departmentId: followUpCase.departmentId,
  employeeId: followUpCase.employeeId,
  state: followUpCase.state,
  ownerId: followUpCase.ownerId,
  contactAllowed: followUpCase.contactAllowed,
  contactChannel: followUpCase.contactChannel,
  dueDate: followUpCase.dueDate,
  dueAt: followUpCase.dueAt,
  attempts: followUpCase.attempts,
  resolution: followUpCase.resolution,
  resolutionNote: followUpCase.resolutionNote,
  firstContactAt: followUpCase.firstContactAt,
  resolvedAt: followUpCase.resolvedAt,
  recovery: followUpCase.recovery,
  openedAt: followUpCase.openedAt,
  updatedAt: followUpCase.updatedAt,
  score: response.score,
  satisfaction: response.satisfaction,
};

/** A case row as the API shows it; `overdue` is computed at `now`. */
export function toCase(row: Record<keyof typeof caseColumns, unknown>, now: Date): TCase {
  const r = row as TCase;
  return { ...r, overdue: r.state !== "resolved" && r.dueAt < now };
}

/** Cases not resolved whose deadline has passed. */
export const isOverdue = (now: Date) =>
  sql`${followUpCase.state} <> 'resolved' and ${followUpCase.dueAt} < ${now.toISOString()}`;
