import type { TFieldError } from "../../http/errors.ts";
import type { TContactRecordInput } from "./contracts.ts";

const DAY_MS = 86_400_000;

/** The catalogue entries a record may name. */
export interface TKnownIds {
  queues: ReadonlySet<string>;
  employees: ReadonlySet<string>;
  services: ReadonlySet<string>;
}

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);

/**
 * What is wrong with one record, each error on `${at}.<field>`: times out of order, waits or talks over 24 h,
 * both answered and abandoned, or neither, and ids unknown to the catalogue.
 */
export function checkContactRecord(r: TContactRecordInput, known: TKnownIds, at: string): TFieldError[] {
  const errors = checkContactTimes(r, at);
  const add = (field: string, message: string) => errors.push({ path: `${at}.${field}`, message });
  if (!known.queues.has(r.queueId)) add("queueId", `unknown queue "${r.queueId}"`);
  if (r.employeeId && !known.employees.has(r.employeeId))
    add("employeeId", `unknown employee "${r.employeeId}"`);
  if (r.serviceId && !known.services.has(r.serviceId)) add("serviceId", `unknown service "${r.serviceId}"`);
  return [...errors, ...checkResolvedFlag(r, at)];
}

/** What is wrong with one record in itself, before the catalogue is asked: its times, then its FCR flag. */
export function checkContactRecordItself(r: TContactRecordInput, at: string): TFieldError[] {
  return [...checkContactTimes(r, at), ...checkResolvedFlag(r, at)];
}

function checkResolvedFlag(r: TContactRecordInput, at: string): TFieldError[] {
  return r.resolvedAtFirstContact != null && r.answeredAt == null
    ? [{ path: `${at}.resolvedAtFirstContact`, message: "only an answered contact can be resolved" }]
    : [];
}

function checkContactTimes(r: TContactRecordInput, at: string): TFieldError[] {
  const errors: TFieldError[] = [];
  const add = (field: string, message: string) => errors.push({ path: `${at}.${field}`, message });
  const arrived = Date.parse(r.arrivedAt);
  const answered = ms(r.answeredAt);
  const abandoned = ms(r.abandonedAt);
  const ended = ms(r.endedAt);
  if (answered === null && abandoned === null)
    add("answeredAt", "either answeredAt or abandonedAt is required");
  if (answered !== null && abandoned !== null)
    add("abandonedAt", "an answered contact cannot also be abandoned");
  if (answered !== null && answered < arrived) add("answeredAt", "must not be before arrivedAt");
  else if (answered !== null && answered - arrived > DAY_MS) add("answeredAt", "waiting time over 24 hours");
  if (abandoned !== null && abandoned < arrived) add("abandonedAt", "must not be before arrivedAt");
  else if (abandoned !== null && abandoned - arrived > DAY_MS)
    add("abandonedAt", "waiting time over 24 hours");
  if (ended !== null) {
    const from = answered ?? abandoned ?? arrived;
    if (ended < from)
      add("endedAt", answered !== null ? "must not be before answeredAt" : "must not be before arrivedAt");
    else if (ended - from > DAY_MS) add("endedAt", "duration over 24 hours");
  }
  return errors;
}
