import { z } from "zod";
import { zonedTimeToInstant } from "../../domain/time-zone.ts";
import { isCalendarDate, nulColumns } from "../../http/strict-input.ts";
import { t } from "../../i18n/account-mail.ts";
import { referenceProblem, type TCatalogueRefs } from "../catalog/resolve-refs.ts";
import { AUDIENCES } from "../catalog/routes.ts";
import { contactLocale, contactPhone, emailProblem, parseEmail } from "./contact-input.ts";
import { own } from "./own-text.ts";
import type { TBulkRow } from "./read-bulk-file.ts";
import type { TScheduleItem } from "./schedule-types.ts";
import { FUTURE_TOLERANCE_MS } from "./schedule-invitation.ts";
import { TAG_COLUMNS, TAG_TABLES, type TTagKey, type TTags } from "./tags.ts";

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

/** Instants read per time zone and text, NaN for a text that is none: a file's rows share few contact times. */
const readInstants = new Map<string, Map<string, number>>();
/** Texts remembered per time zone, and their longest (a date-time with nanoseconds and an offset is 35): the
 * memory stays small whatever a file holds. */
const MAX_REMEMBERED = 10_000;
const MAX_REMEMBERED_LENGTH = 40;

/** parseOccurredAt, remembered: its regular expressions and time-zone arithmetic cost more than the look-up. */
function readOccurredAt(raw: string, timeZone: string): Date | null {
  if (raw.length > MAX_REMEMBERED_LENGTH) return parseOccurredAt(raw, timeZone);
  let known = readInstants.get(timeZone);
  if (!known) {
    known = new Map();
    readInstants.set(timeZone, known);
  }
  let ms = known.get(raw);
  if (ms === undefined) {
    if (known.size >= MAX_REMEMBERED) known.clear();
    ms = parseOccurredAt(raw, timeZone)?.getTime() ?? Number.NaN;
    known.set(own(raw), ms);
  }
  return Number.isNaN(ms) ? null : new Date(ms);
}

function wall(date: string, time: string | undefined, seconds: string | undefined, timeZone: string): Date {
  const at = zonedTimeToInstant(date, time ?? "00:00", timeZone);
  return new Date(at.getTime() + Number(seconds ?? 0) * 1000);
}

const TAG_ENTRIES = Object.entries(TAG_COLUMNS) as [TTagKey, (typeof TAG_COLUMNS)[TTagKey]][];

/** How a row is read: when, in which time zone, against which catalogue, with details in which language. */
export interface TBulkRowContext {
  now: Date;
  timeZone: string;
  /**
   * The organisation's catalogue, loaded once per file: a tag column may then give an id, a code or an exact
   * name. Without it only ids are taken (and checked against the organisation later).
   */
  refs?: TCatalogueRefs;
  /** Language of the row details (a staff language; English by default). */
  locale?: string;
}

/** Turns one row of a bulk file into an item to schedule, marking why it cannot be scheduled as given. */
export function bulkRowToItem(
  { line, values }: TBulkRow,
  { now, timeZone, refs, locale = "en" }: TBulkRowContext,
): TScheduleItem {
  const v = (k: keyof TBulkRow["values"]) => values[k]?.trim() || null;
  const rawEmail = v("email");
  const email = rawEmail ? parseEmail(rawEmail) : null;
  const rawLocale = v("locale");
  const rawPhone = v("phone");
  const contact = {
    email,
    externalId: v("external_id")?.slice(0, 200) ?? null,
    name: v("name")?.slice(0, 200) ?? null,
    locale: rawLocale ? contactLocale(rawLocale) : null,
    // A malformed telephone number does not stop an e-mail survey: it is left out.
    phone: rawPhone ? contactPhone(rawPhone) : null,
  };
  const rawAt = v("occurred_at");
  const occurredAt = rawAt ? readOccurredAt(rawAt, timeZone) : now;
  const tags: TTags = { audience: v("audience") };
  const badTags: string[] = [];
  for (const [key, column] of TAG_ENTRIES) {
    const given = v(column);
    const found = given ? readReference(key, column, given, { line, refs, locale }) : { id: null };
    if ("problem" in found) badTags.push(found.problem);
    else tags[key] = found.id;
  }
  if (tags.audience && !(AUDIENCES as readonly string[]).includes(tags.audience)) {
    badTags.push(t(locale, "row.audience", { values: AUDIENCES.join(", ") }));
  }
  const item: TScheduleItem = { contact, occurredAt, tags, locale: contact.locale };
  const nul = nulColumns(values);
  if (nul.length) {
    const detail = nul.map((n) => t(locale, "row.nul", { column: n.slice(0, n.indexOf(":")) })).join("; ");
    return { ...item, invalid: { reason: "invalid_row", detail } };
  }
  if (rawLocale && !contact.locale) {
    const detail = t(locale, "row.locale.unknown", { value: rawLocale.slice(0, 40) });
    return { ...item, invalid: { reason: "invalid_row", detail } };
  }
  if (rawEmail && !email) {
    return { ...item, invalid: { reason: "invalid_address", detail: emailProblem(rawEmail, locale) } };
  }
  if (!occurredAt) {
    return { ...item, invalid: { reason: "invalid_row", detail: t(locale, "row.occurredAt.format") } };
  }
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return { ...item, invalid: { reason: "invalid_row", detail: t(locale, "row.occurredAt.future") } };
  }
  if (badTags.length) return { ...item, invalid: { reason: "invalid_tag", detail: badTags.join("; ") } };
  return item;
}

/** A tag column's value as a catalogue id, or the row's problem with it. */
function readReference(
  key: TTagKey,
  column: string,
  given: string,
  { line, refs, locale }: { line: number; refs?: TCatalogueRefs; locale: string },
): { id: string | null } | { problem: string } {
  const kind = TAG_TABLES[key];
  if (!refs) {
    return ZId.safeParse(given).success
      ? { id: given }
      : { problem: t(locale, "row.ref.unknown", { column, value: given.slice(0, 80), kind }) };
  }
  const r = refs.resolveAt(kind, given, line);
  if (r.ok) return { id: r.item.id };
  return { problem: referenceProblem(r, column, given, kind, locale) };
}
