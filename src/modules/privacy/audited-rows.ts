import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { recordAudit, type TAuditValue } from "./record-audit.ts";

/**
 * Passes rows through and calls `done` once with how many went out, when the last has been read or the
 * download stopped early (`complete` false): an export is logged with its real row count.
 */
export async function* auditedRows<T>(
  rows: AsyncIterable<T>,
  done: (count: number, complete: boolean) => Promise<void>,
): AsyncGenerator<T> {
  let count = 0;
  let complete = false;
  try {
    for await (const row of rows) {
      count++;
      yield row;
    }
    complete = true;
  } finally {
    await done(count, complete);
  }
}

// Ids, codes, dates and enum values pass; long digit runs could be a personal code or a phone number.
const PLAIN = /^[\w:.-]{1,64}$/;
const DIGITS = /\d{7,}/;

function plain(value: unknown): TAuditValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => String(plain(v)));
  const text = String(value);
  return PLAIN.test(text) && !DIGITS.test(text) ? text : "(text)";
}

/**
 * An export's filters as the audit log keeps them: ids, dates and codes as given, free text (a search that
 * may hold a name or an address) only as "(text)".
 */
export function filterDetails(filters: object): Record<string, TAuditValue> {
  const out: Record<string, TAuditValue> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) out[key] = plain(value);
  return out;
}

export interface TExportDetails {
  /** Which download: "answers", "summary", "monthly_report", … */
  what: string;
  format: string;
  filters: Record<string, TAuditValue>;
  /** Rows written, or null for a document without rows (the PDF report). */
  rows: number | null;
  complete: boolean;
}

/** Records a download: what, in which format, with which filters, how many rows. */
export async function auditExport(db: Db, actor: TActor, details: TExportDetails): Promise<void> {
  await recordAudit(db, { orgId: actor.orgId, actor, action: "export.download", details: { ...details } });
}
