import { addWorkingDays } from "./calendar.ts";
import type { KpiResult } from "./kpi.ts";
import { addDays, type CivilDate, civilDate, DEFAULT_TIME_ZONE } from "./time-zone.ts";

/** "letter": the general 30-day reply rule; "information_request": teabenõue, 5 working days. */
export type WrittenRequestKind = "letter" | "information_request";

export interface WrittenRequest {
  kind: WrittenRequestKind;
  receivedAt: Date;
  repliedAt: Date | null;
  /** A statutory deadline in calendar days that replaces the 30-day default for a letter. */
  deadlineDays?: number;
}

export interface ReplyComplianceOptions {
  now: Date;
  timeZone?: string;
  target?: number;
}

export interface ReplyCompliance {
  /** Requests whose outcome is known: replied, or still open after their deadline. */
  due: number;
  onTime: number;
  late: number;
  /** Open requests still inside their deadline; not counted yet. */
  pending: number;
  kpi: KpiResult | null;
}

/**
 * The last civil day on which a reply is on time. Day of receipt is not counted: a letter received on 2 March is
 * due 1 April (30 calendar days), an information request received on Monday 22 June 2026 is due Wednesday 1 July
 * (5 working days, Midsummer holidays skipped).
 */
export function replyDeadline(
  request: Omit<WrittenRequest, "repliedAt">,
  timeZone = DEFAULT_TIME_ZONE,
): CivilDate {
  const received = civilDate(request.receivedAt, timeZone);
  if (request.kind === "information_request") return addWorkingDays(received, 5, timeZone);
  return addDays(received, request.deadlineDays ?? 30);
}

/** Weekly deadline-compliance figure: share of due requests answered on or before their deadline (target 100 %). */
export function replyCompliance(
  requests: readonly WrittenRequest[],
  { now, timeZone = DEFAULT_TIME_ZONE, target = 100 }: ReplyComplianceOptions,
): ReplyCompliance {
  const today = civilDate(now, timeZone);
  let onTime = 0;
  let late = 0;
  let pending = 0;
  for (const request of requests) {
    const deadline = replyDeadline(request, timeZone);
    if (request.repliedAt) {
      if (civilDate(request.repliedAt, timeZone) <= deadline) onTime += 1;
      else late += 1;
    } else if (today > deadline) late += 1;
    else pending += 1;
  }
  const due = onTime + late;
  const value = due === 0 ? null : (onTime * 100) / due;
  return {
    due,
    onTime,
    late,
    pending,
    kpi: value === null ? null : { value, target, meetsTarget: value >= target },
  };
}
