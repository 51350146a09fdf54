import { addWorkingDays, isInBlackout } from "./calendar.ts";
import { isPublicHoliday } from "./holidays.ts";
import { type ContactRules, resolveContactRules } from "./resolve-contact-rules.ts";
import { addDays, type CivilDate, civilDate, isoWeekday, zonedTimeToInstant } from "./time-zone.ts";

export type { ContactRules, SendWindow } from "./resolve-contact-rules.ts";

export interface PlanSendOptions {
  occurredAt: Date;
  now: Date;
  rules?: ContactRules;
  /** When this person was last sent a survey, by any service of the organisation. */
  lastContactedAt?: Date | null;
  optedOut?: boolean;
}

export type SkipReason = "opted_out" | "quarantine" | "blackout" | "expired";

export type SendPlan =
  | { state: "scheduled"; sendAt: Date }
  | { state: "skipped"; reason: SkipReason; availableFrom?: CivilDate };

/** The first instant inside the window on a sendable day from the due day to the expiry day, or why there is none. */
function firstSendInstant(
  occurredAt: Date,
  now: Date,
  rules: Required<ContactRules>,
): Date | "blackout" | "expired" {
  const { window, timeZone, blackouts } = rules;
  const contactDay = civilDate(occurredAt, timeZone);
  const lastDay = addDays(contactDay, rules.expiryDays);
  const dueDay = addWorkingDays(contactDay, rules.delayWorkingDays, timeZone);
  // ISO dates sort chronologically: start from the due day, or from today if processing is late.
  const firstDay = [dueDay, civilDate(now, timeZone)].sort()[1];
  let pushedByBlackout = false;
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    if (!window.days.includes(isoWeekday(day)) || isPublicHoliday(day)) continue;
    if (isInBlackout(day, blackouts)) {
      pushedByBlackout = true;
      continue;
    }
    const start = zonedTimeToInstant(day, window.start, timeZone);
    const candidate = now > start ? now : start;
    if (candidate < zonedTimeToInstant(day, window.end, timeZone)) return new Date(candidate);
  }
  return pushedByBlackout ? "blackout" : "expired";
}

/**
 * Decides when to send the survey about one contact. The send day is the delayWorkingDays-th working day after
 * the contact's civil date (0 = the contact day), moved on to the first day that is in window.days, not a public
 * holiday and not in a blackout; the send time is window.start, or `now` if that is later and still before
 * window.end. The send date must not be later than contact date + expiryDays, else the contact is skipped as
 * "blackout" (if a blackout pushed it out) or "expired". Quarantine counts calendar days in the time zone: a
 * person last surveyed on day D may be surveyed again from day D + quarantineDays on; earlier is skipped, not
 * postponed, because a late survey about this contact would be worth less than none.
 */
export function planSend({
  occurredAt,
  now,
  rules = {},
  lastContactedAt = null,
  optedOut = false,
}: PlanSendOptions): SendPlan {
  const resolved = resolveContactRules(rules);
  if (optedOut) return { state: "skipped", reason: "opted_out" };
  const sendAt = firstSendInstant(occurredAt, now, resolved);
  if (!(sendAt instanceof Date)) return { state: "skipped", reason: sendAt };
  if (lastContactedAt) {
    const availableFrom = addDays(civilDate(lastContactedAt, resolved.timeZone), resolved.quarantineDays);
    if (civilDate(sendAt, resolved.timeZone) < availableFrom) {
      return { state: "skipped", reason: "quarantine", availableFrom };
    }
  }
  return { state: "scheduled", sendAt };
}
