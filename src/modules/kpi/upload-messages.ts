import type { TMessageRef } from "../../http/errors.ts";

/** The reasons a row of a contact-record file is refused for, by their English text, as catalogue keys. */
const FIXED: Record<string, string> = {
  "was taken in before with different content": "kpiUpload.row.conflict",
  "either answeredAt or abandonedAt is required": "kpiUpload.row.answerOrAbandon",
  "an answered contact cannot also be abandoned": "kpiUpload.row.answeredAndAbandoned",
  "must not be before arrivedAt": "kpiUpload.row.beforeArrival",
  "must not be before answeredAt": "kpiUpload.row.beforeAnswer",
  "waiting time over 24 hours": "kpiUpload.row.longWait",
  "duration over 24 hours": "kpiUpload.row.longContact",
  "only an answered contact can be resolved": "kpiUpload.row.resolvedUnanswered",
  "must be true or false": "kpiUpload.row.notBoolean",
  "is required": "kpiUpload.row.required",
};

const UNKNOWN = /^unknown (queue|employee|service) "(.*)"$/s;
const REPEATED = /^differs from line (\d+) with the same sourceId$/;
const UNKNOWN_KEY = {
  queue: "kpiUpload.row.unknownQueue",
  employee: "kpiUpload.row.unknownEmployee",
  service: "kpiUpload.row.unknownService",
} as const;

/** The catalogue message of a row's reason, or none (a format message of the schema, left in English). */
export function rowReasonMessage(reason: string): TMessageRef | undefined {
  if (FIXED[reason]) return { key: FIXED[reason] };
  const unknown = UNKNOWN.exec(reason);
  if (unknown)
    return { key: UNKNOWN_KEY[unknown[1] as keyof typeof UNKNOWN_KEY], values: { id: unknown[2] } };
  const repeated = REPEATED.exec(reason);
  if (repeated) return { key: "kpiUpload.row.repeated", values: { line: repeated[1] } };
  return undefined;
}
