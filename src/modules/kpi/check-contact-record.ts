import type { TContactRecordInput } from "./contracts.ts";
import { MAX_HOURS, rowProblem, type TRowProblem, type TRowProblemCode } from "./row-problems.ts";

const LIMIT_MS = MAX_HOURS * 3_600_000;
const hours = { hours: String(MAX_HOURS) };

/** The catalogue entries a record may name. */
export interface TKnownIds {
  queues: ReadonlySet<string>;
  employees: ReadonlySet<string>;
  services: ReadonlySet<string>;
}

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);

/**
 * What is wrong with one record, each problem on `${at}.<field>`: times out of order, waits or talks over 24 h,
 * both answered and abandoned, or neither, and ids unknown to the catalogue.
 */
export function checkContactRecord(r: TContactRecordInput, known: TKnownIds, at: string): TRowProblem[] {
  const problems = checkContactTimes(r, at);
  if (!known.queues.has(r.queueId))
    problems.push(
      rowProblem(`${at}.queueId`, "unknown_queue", "kpiUpload.row.unknownQueue", { id: r.queueId }),
    );
  if (r.employeeId && !known.employees.has(r.employeeId))
    problems.push(
      rowProblem(`${at}.employeeId`, "unknown_employee", "kpiUpload.row.unknownEmployee", {
        id: r.employeeId,
      }),
    );
  if (r.serviceId && !known.services.has(r.serviceId))
    problems.push(
      rowProblem(`${at}.serviceId`, "unknown_service", "kpiUpload.row.unknownService", { id: r.serviceId }),
    );
  return [...problems, ...checkResolvedFlag(r, at)];
}

/** What is wrong with one record in itself, before the catalogue is asked: its times, then its FCR flag. */
export function checkContactRecordItself(r: TContactRecordInput, at: string): TRowProblem[] {
  return [...checkContactTimes(r, at), ...checkResolvedFlag(r, at)];
}

function checkResolvedFlag(r: TContactRecordInput, at: string): TRowProblem[] {
  return r.resolvedAtFirstContact != null && r.answeredAt == null
    ? [rowProblem(`${at}.resolvedAtFirstContact`, "resolved_unanswered", "kpiUpload.row.resolvedUnanswered")]
    : [];
}

function checkContactTimes(r: TContactRecordInput, at: string): TRowProblem[] {
  const problems: TRowProblem[] = [];
  const add = (field: string, code: TRowProblemCode, key: string, values?: Record<string, string>) =>
    problems.push(rowProblem(`${at}.${field}`, code, key, values));
  const arrived = Date.parse(r.arrivedAt);
  const answered = ms(r.answeredAt);
  const abandoned = ms(r.abandonedAt);
  const ended = ms(r.endedAt);
  if (answered === null && abandoned === null)
    add("answeredAt", "answer_or_abandon", "kpiUpload.row.answerOrAbandon");
  if (answered !== null && abandoned !== null)
    add("abandonedAt", "answered_and_abandoned", "kpiUpload.row.answeredAndAbandoned");
  if (answered !== null && answered < arrived)
    add("answeredAt", "before_arrival", "kpiUpload.row.beforeArrival");
  else if (answered !== null && answered - arrived > LIMIT_MS)
    add("answeredAt", "wait_too_long", "kpiUpload.row.longWait", hours);
  if (abandoned !== null && abandoned < arrived)
    add("abandonedAt", "before_arrival", "kpiUpload.row.beforeArrival");
  else if (abandoned !== null && abandoned - arrived > LIMIT_MS)
    add("abandonedAt", "wait_too_long", "kpiUpload.row.longWait", hours);
  if (ended !== null) {
    const from = answered ?? abandoned ?? arrived;
    if (ended < from && answered !== null) add("endedAt", "before_answer", "kpiUpload.row.beforeAnswer");
    else if (ended < from) add("endedAt", "before_arrival", "kpiUpload.row.beforeArrival");
    else if (ended - from > LIMIT_MS) add("endedAt", "contact_too_long", "kpiUpload.row.longContact", hours);
  }
  return problems;
}
