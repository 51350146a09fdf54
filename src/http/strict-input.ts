import { z } from "zod";
import { AppError } from "./errors.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route checks its body's text itself and shows problems in its page (the public answer forms). */
    answerForm?: boolean;
  }
}

/**
 * The primitives every input goes through, in one place: scores, calendar dates and months, instants, e-mail
 * addresses, text PostgreSQL can store, and uploaded text in a known encoding. Strict on purpose: a value
 * that is not clearly what was meant is refused with a message naming it, never guessed at.
 */

/** Years accepted in any date (PostgreSQL stores far more, JavaScript and reports far less sensibly). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** Whether a text contains U+0000, which PostgreSQL cannot store in text or jsonb. */
export const hasNul = (s: string): boolean => s.includes("\u0000");

/** Whether a parsed body or query holds U+0000 in a string or key; no path is built (the usual answer is no). */
function holdsNul(value: unknown, depth: number): boolean {
  if (typeof value === "string") return hasNul(value);
  if (typeof value !== "object" || value === null || depth > 64 || Buffer.isBuffer(value)) return false;
  if (typeof (value as { pipe?: unknown }).pipe === "function") return false;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    if (hasNul(k) || holdsNul((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

/** The dotted path of the first string or key containing U+0000 in a parsed body or query, or null. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (depth === 0 && !holdsNul(value, 0)) return null;
  if (typeof value === "string") return hasNul(value) ? path : null;
  if (typeof value !== "object" || value === null || depth > 64 || Buffer.isBuffer(value)) return null;
  // A file streamed to its route is read, row by row, by the route itself.
  if (typeof (value as { pipe?: unknown }).pipe === "function") return null;
  for (const [k, v] of Object.entries(value)) {
    const at = `${path}.${k}`;
    if (hasNul(k)) return at;
    const found = findNul(v, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The columns of an imported row that contain U+0000, as "column: message" reasons. */
export function nulColumns(values: Record<string, string | undefined>): string[] {
  // Checked a row at a time on files of a hundred thousand rows: no arrays for the usual row without one.
  let any = false;
  for (const k in values) {
    const v = values[k];
    if (typeof v === "string" && hasNul(v)) {
      any = true;
      break;
    }
  }
  if (!any) return [];
  return Object.entries(values)
    .filter(([, v]) => typeof v === "string" && hasNul(v))
    .map(([k]) => `${k}: ${NUL_MESSAGE}`);
}

/**
 * A whole number from `min` to `max`: a JSON number, or (when `text` is allowed, for forms, queries and files)
 * plain decimal digits, nothing else: no sign, space, exponent, hex or leading zero.
 */
export function parseWhole(
  v: unknown,
  min: number,
  max: number,
  { text }: { text: boolean },
): number | undefined {
  let n: unknown = v;
  if (typeof v === "string") n = text && /^(0|[1-9][0-9]{0,8})$/.test(v) ? Number(v) : undefined;
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** A score 0–10 written as plain digits (a form field or a file cell). */
export const ZScoreText = z
  .string()
  .refine((v) => parseWhole(v, 0, 10, { text: true }) !== undefined, "must be a whole number from 0 to 10")
  .transform(Number);

const inYears = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** Whether `s` is a real calendar date written YYYY-MM-DD, in the accepted years (no 30 February). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || !inYears(Number(m[1]))) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whether `s` is a month written YYYY-MM, in the accepted years. */
export const isCalendarMonth = (s: string): boolean => /^\d{4}-\d{2}$/.test(s) && isCalendarDate(`${s}-01`);

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/i;

/**
 * An instant from an ISO 8601 date ("2026-03-01", midnight UTC) or date-time (with Z or an offset; without
 * one, as JavaScript reads it), on a real calendar date in the accepted years; null otherwise.
 */
export function parseInstant(s: string): Date | null {
  const m = ISO_INSTANT.exec(s);
  if (!m || !isCalendarDate(m[1])) return null;
  const at = new Date(s);
  return Number.isNaN(at.getTime()) ? null : at;
}

const DATE_MESSAGE = `must be a real date written YYYY-MM-DD, in the years ${MIN_YEAR}–${MAX_YEAR}`;

/** A civil date YYYY-MM-DD (report ranges, in the organisation's time zone). */
export const ZCalendarDate = z.string().refine(isCalendarDate, DATE_MESSAGE);

/** A calendar month YYYY-MM. */
export const ZCalendarMonth = z
  .string()
  .refine(isCalendarMonth, `must be a month written YYYY-MM, in the years ${MIN_YEAR}–${MAX_YEAR}`);

/** A query bound in time: an ISO 8601 date or date-time, as a Date. */
export const ZInstantQuery = z
  .string()
  .refine((v) => parseInstant(v) !== null, `${DATE_MESSAGE}, or an ISO 8601 date-time on such a date`)
  .transform((v) => parseInstant(v) as Date);

/** An ISO 8601 date-time with Z or an offset (events from integrations), as a Date. */
export const ZOffsetInstant = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 date-time with Z or an offset" })
  .refine((v) => parseInstant(v) !== null, `must be on a real date in the years ${MIN_YEAR}–${MAX_YEAR}`)
  .transform((v) => new Date(v));

/** An e-mail address, compared and stored in lower case so one person is one contact. */
export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .transform((v) => v.toLowerCase())
  .pipe(z.email({ message: "must be an e-mail address" }));

/** Encodings an uploaded text file may declare (`charset=` of its content type); UTF-8 when none is. */
const CHARSETS: Record<string, string> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "windows-1257": "windows-1257",
  cp1257: "windows-1257",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
};

/** Decodes an uploaded text file strictly: a byte sequence invalid in its encoding is an error, not "�". */
/** The text encoding an upload's content type declares (UTF-8 when it declares none); 415 for an unknown one. */
export function uploadEncoding(contentType: string | undefined): string {
  const declared = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? "utf-8";
  const encoding = CHARSETS[declared];
  if (!encoding) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
      message: { key: "problem.upload.charset", values: { charset: declared } },
    });
  }
  return encoding;
}

/** The refusal of bytes that are not valid in the upload's encoding. */
export function notInEncoding(encoding: string): AppError {
  return new AppError("VALIDATION", {
    message: { key: "problem.upload.encoding", values: { encoding } },
  });
}

export function decodeUpload(body: Buffer, contentType: string | undefined): string {
  const encoding = uploadEncoding(contentType);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    throw notInEncoding(encoding);
  }
}

/** Rejects U+0000 anywhere in a request's params, query or parsed body, naming the field (the route's own body checks aside). */
export function rejectNul(
  parts: { params: unknown; query: unknown; body: unknown },
  { checkBody }: { checkBody: boolean },
): void {
  const path =
    findNul(parts.params, "params") ??
    findNul(parts.query, "querystring") ??
    // A text body (an uploaded file) is checked row by row by its importer, which names the line.
    (checkBody && typeof parts.body === "object" ? findNul(parts.body, "body") : null);
  if (path) {
    throw new AppError("VALIDATION", {
      detail: `Invalid input: ${path}: ${NUL_MESSAGE}`,
      message: { key: "problem.invalidInput" },
      errors: [{ path, message: NUL_MESSAGE }],
      fieldMessages: [{ key: "problem.field.nul" }],
    });
  }
}
