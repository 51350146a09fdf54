import { z } from "zod";
import { zonedTimeToInstant } from "../../domain/time-zone.ts";
import { isCalendarDate, nulColumns } from "../../http/strict-input.ts";
import { AUDIENCES } from "../catalog/routes.ts";
import { emailProblem, parseEmail, ZContactLocale, ZPhone } from "./contact-input.ts";
import type { TBulkRow } from "./read-bulk-file.ts";
import type { TScheduleItem } from "./schedule-types.ts";
import { FUTURE_TOLERANCE_MS } from "./schedule-invitation.ts";
import { TAG_COLUMNS, type TTagKey, type TTags } from "./tags.ts";

const ZId = z.uuid();

/**
 * When the contact happened. A date or a date-time without an offset is read in the organisation's time zone;
 * ISO 8601 with Z or an offset is taken as is; Estonian DD.MM.YYYY [HH:MM] is accepted too. The date must be a
 * real calendar date in the accepted years (no 30 February, no year 0).
 */
export function parseOccurredAt(raw: string, timeZone: string): Date | null {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(raw);
  const et = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}:\d{2}))?$/.exec(raw);
  const date = et ? `${et[3]}-${et[2].padStart(2, "0")}-${et[1].padStart(2, "0")}` : raw.slice(0, 10);
  if (!isCalendarDate(date)) return null;
  try {
    if (iso) return wall(date, iso[2], iso[3], timeZone);
    if (et) return wall(date, et[4]?.padStart(5, "0"), undefined, timeZone);
  } catch {
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(raw)) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

function wall(date: string, time: string | undefined, seconds: string | undefined, timeZone: string): Date {
  const at = zonedTimeToInstant(date, time ?? "00:00", timeZone);
  return new Date(at.getTime() + Number(seconds ?? 0) * 1000);
}

/** Turns one row of a bulk file into an item to schedule, marking why it cannot be scheduled as given. */
export function bulkRowToItem(
  { values }: TBulkRow,
  { now, timeZone }: { now: Date; timeZone: string },
): TScheduleItem {
  const v = (k: keyof TBulkRow["values"]) => values[k]?.trim() || null;
  const rawEmail = v("email");
  const email = rawEmail ? parseEmail(rawEmail) : null;
  const contact = {
    email,
    externalId: v("external_id")?.slice(0, 200) ?? null,
    name: v("name")?.slice(0, 200) ?? null,
    locale: ZContactLocale.safeParse(v("locale") ?? "").data ?? null,
    // A malformed telephone number does not stop an e-mail survey: it is left out.
    phone: ZPhone.safeParse(v("phone") ?? "").data ?? null,
  };
  const rawAt = v("occurred_at");
  const occurredAt = rawAt ? parseOccurredAt(rawAt, timeZone) : now;
  const tags: TTags = { audience: v("audience") };
  const badTags: string[] = [];
  for (const [key, column] of Object.entries(TAG_COLUMNS) as [TTagKey, (typeof TAG_COLUMNS)[TTagKey]][]) {
    const id = v(column);
    if (id && !ZId.safeParse(id).success) badTags.push(`${column}: not an id`);
    tags[key] = id;
  }
  if (tags.audience && !(AUDIENCES as readonly string[]).includes(tags.audience)) {
    badTags.push(`audience: must be one of ${AUDIENCES.join(", ")}`);
  }
  const item: TScheduleItem = { contact, occurredAt, tags, locale: contact.locale };
  const nul = nulColumns(values);
  if (nul.length) return { ...item, invalid: { reason: "invalid_row", detail: nul.join("; ") } };
  const rawLocale = v("locale");
  if (rawLocale && !contact.locale) {
    const detail = `locale: "${rawLocale.slice(0, 40)}" is not a known language code (such as et, en, ru)`;
    return { ...item, invalid: { reason: "invalid_row", detail } };
  }
  if (rawEmail && !email) {
    return { ...item, invalid: { reason: "invalid_address", detail: emailProblem(rawEmail) } };
  }
  if (!occurredAt) {
    const detail = "occurred_at: must be a date or date-time (YYYY-MM-DD HH:MM, DD.MM.YYYY HH:MM, ISO 8601)";
    return { ...item, invalid: { reason: "invalid_row", detail } };
  }
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return {
      ...item,
      invalid: { reason: "invalid_row", detail: "occurred_at: more than a day in the future" },
    };
  }
  if (badTags.length) return { ...item, invalid: { reason: "invalid_tag", detail: badTags.join("; ") } };
  return item;
}
