import { assertBlackouts, type Blackout } from "./calendar.ts";
import { DomainError } from "./errors.ts";
import { civilDate, DEFAULT_TIME_ZONE } from "./time-zone.ts";

/** Local send hours ("HH:MM", end exclusive) and ISO weekdays (1 = Monday … 7 = Sunday). */
export interface SendWindow {
  start: string;
  end: string;
  days: readonly number[];
}

/** An organisation's rules for when a transactional survey may go out. */
export interface ContactRules {
  delayWorkingDays?: number;
  window?: SendWindow;
  timeZone?: string;
  blackouts?: readonly Blackout[];
  quarantineDays?: number;
  /** Calendar days after the contact day by which the survey must have gone, or it is no longer asked. */
  expiryDays?: number;
}

const DEFAULT_WINDOW: SendWindow = { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] };

function invalid(path: string, message: string): never {
  throw new DomainError("INVALID_INPUT", `${path} ${message}`, [{ path, message }]);
}

/** Fills in the defaults and rejects rules that cannot be planned with. */
export function resolveContactRules(rules: ContactRules): Required<ContactRules> {
  const resolved: Required<ContactRules> = {
    delayWorkingDays: rules.delayWorkingDays ?? 1,
    window: rules.window ?? DEFAULT_WINDOW,
    timeZone: rules.timeZone ?? DEFAULT_TIME_ZONE,
    blackouts: rules.blackouts ?? [],
    quarantineDays: rules.quarantineDays ?? 70,
    expiryDays: rules.expiryDays ?? 7,
  };
  const { delayWorkingDays, quarantineDays, expiryDays, window } = resolved;
  for (const [path, value] of Object.entries({ delayWorkingDays, quarantineDays, expiryDays })) {
    if (!Number.isInteger(value) || value < 0) invalid(`rules.${path}`, "must be a whole number ≥ 0");
  }
  if (window.days.length === 0 || window.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    invalid("rules.window.days", "must list ISO weekdays 1–7");
  }
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!hhmm.test(window.start) || !hhmm.test(window.end) || window.start >= window.end) {
    invalid("rules.window", "must have HH:MM times with start before end");
  }
  try {
    civilDate(new Date(0), resolved.timeZone);
  } catch {
    invalid("rules.timeZone", `is not a known IANA time zone: "${resolved.timeZone}"`);
  }
  assertBlackouts(resolved.blackouts);
  return resolved;
}
