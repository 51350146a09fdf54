import type { z } from "zod";
import type { TFieldError, TMessageRef } from "../../http/errors.ts";
import { zodIssueMessage } from "../../http/problem-language.ts";
import { t } from "../../i18n/account-mail.ts";

/**
 * What is wrong with one contact record (from the API or a file), by a stable code that API clients read, and
 * the catalogue message that says it in the caller's language.
 */
export interface TRowProblem {
  /** `body.records.3.answeredAt` (API) or `line 5.answeredAt` (file). */
  path: string;
  /** A TRowProblemCode, or the code of a zod issue (invalid_value, too_big …) for a malformed cell. */
  code: string;
  message: TMessageRef;
}

/** The reasons of the record checks, listed for API clients in docs/kpi.md. */
export type TRowProblemCode =
  | "unknown_queue"
  | "unknown_employee"
  | "unknown_service"
  | "answer_or_abandon"
  | "answered_and_abandoned"
  | "before_arrival"
  | "before_answer"
  | "wait_too_long"
  | "contact_too_long"
  | "resolved_unanswered"
  | "repeated_source_id"
  | "source_id_conflict"
  | "not_boolean"
  | "required"
  | "invalid_date_time";

/** The longest wait and the longest contact a record may give, in hours. */
export const MAX_HOURS = 24;

/** A problem said by the catalogue message `key` (a `kpiUpload.row.…` key). */
export function rowProblem(
  path: string,
  code: TRowProblemCode,
  key: string,
  values?: Record<string, string>,
): TRowProblem {
  return { path, code, message: { key, ...(values ? { values } : {}) } };
}

/** A zod issue of a file row's cell: a missing value, a date-time without an offset, a text too long … */
export function zodRowProblem(path: string, issue: z.core.$ZodIssue): TRowProblem {
  if (issue.code === "invalid_type" && issue.input === undefined)
    return rowProblem(path, "required", "kpiUpload.row.required");
  if (issue.code === "invalid_format" && issue.format === "datetime")
    return rowProblem(path, "invalid_date_time", "kpiUpload.row.instant");
  const message = zodIssueMessage(issue.code, issue as unknown as Record<string, unknown>);
  return { path, code: issue.code, message };
}

/** The text of a problem in `locale` (English when none is asked for). */
export const rowText = (p: TRowProblem, locale: string | null | undefined) =>
  t(locale ?? "en", p.message.key, p.message.values);

/** Problems as the field errors of a problem body: path, stable code and the English text. */
export const rowFieldErrors = (problems: TRowProblem[]): TFieldError[] =>
  problems.map((p) => ({ path: p.path, message: rowText(p, "en"), code: p.code }));
