import { TransactionRollbackError } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { AppError, type TFieldError } from "../../http/errors.ts";
import type { TUpload } from "../../http/tabular-file.ts";
import type { TContactRecordInput } from "./contracts.ts";
import { contactFileRows } from "./read-contact-file.ts";
import { getKpiSettings } from "./settings.ts";
import { takeInBatch } from "./take-in-contact-records.ts";

export interface TUploadReport {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Records written (real run) or that would be written (dry run). */
  created: number;
  unchanged: number;
  /** Problems in the file, all of them counted. */
  errorCount: number;
  /** The first MAX_REPORTED problems found, in file order: line (CSV) or row number (XLSX), column and reason. */
  errors: { line: number; field: string; message: string }[];
}

export const MAX_REPORTED = 1_000;
/** Records checked and written together: a handful of statements each, whatever its size. */
const BATCH = 10_000;

function lineError(e: TFieldError): TUploadReport["errors"][number] {
  const m = /^line (\d+)\.?(.*)$/.exec(e.path);
  return { line: m ? Number(m[1]) : 0, field: m ? m[2] : e.path, message: e.message };
}

/** Errors of one kind: the first MAX_REPORTED kept, all counted. */
class ErrorList {
  shown: TFieldError[] = [];
  count = 0;
  add(errors: TFieldError[]): void {
    this.count += errors.length;
    for (const e of errors) if (this.shown.length < MAX_REPORTED) this.shown.push(e);
  }
}

const Rollback = class extends Error {};

/**
 * A file of contact records, streamed through the same intake as the JSON batch, ten thousand rows a batch in
 * one transaction: every row is checked (file format, unknown queues, employees and services, then source ids
 * repeated in the file or stored before with other content). The dry run rolls back; the real run commits only
 * when no row is wrong, and otherwise writes nothing. Once a row is wrong the rest is only checked, not written.
 */
export async function uploadContactRecords(
  db: Db,
  orgId: string,
  upload: TUpload,
  dryRun: boolean,
): Promise<TUploadReport> {
  const rowErrors = new ErrorList();
  const repeatErrors = new ErrorList();
  const conflictErrors = new ErrorList();
  let rows = 0;
  let created = 0;
  let unchanged = 0;
  const failed = () => rowErrors.count + repeatErrors.count + conflictErrors.count > 0;
  try {
    await db.transaction(async (tx) => {
      const settings = await getKpiSettings(tx, orgId);
      const earlier = new Map<string, string>();
      let records: TContactRecordInput[] = [];
      let lines: number[] = [];
      const flush = async () => {
        const batchLines = lines;
        const out = await takeInBatch(tx, orgId, settings, records, {
          pathOf: (i) => `line ${batchLines[i]}`,
          earlier,
          checkOnly: failed(),
        });
        rowErrors.add(out.rowErrors);
        repeatErrors.add(out.repeatErrors);
        conflictErrors.add(out.conflictErrors);
        created += out.created;
        unchanged += out.unchanged;
        records = [];
        lines = [];
      };
      for await (const row of contactFileRows(upload)) {
        rows++;
        if ("errors" in row) rowErrors.add(row.errors);
        else {
          records.push(row.record);
          lines.push(row.line);
        }
        if (records.length >= BATCH) await flush();
      }
      if (records.length) await flush();
      if (dryRun || failed()) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback || err instanceof TransactionRollbackError)) throw err;
  }
  // As the JSON intake: rows wrong in themselves first; repeated source ids once those are right; then conflicts.
  const shown = rowErrors.count ? rowErrors : repeatErrors.count ? repeatErrors : conflictErrors;
  const reported = shown.shown.map(lineError).sort((x, y) => x.line - y.line);
  if (shown.count && !dryRun) {
    const first = reported[0];
    throw new AppError(shown === conflictErrors ? "CONFLICT" : "VALIDATION", {
      detail: `Nothing was saved: ${shown.count} problem${shown.count > 1 ? "s" : ""} in the file, the first on line ${first.line}: ${first.field} ${first.message}`,
      errors: shown.shown,
    });
  }
  return {
    dryRun,
    rows,
    created: shown.count ? 0 : created,
    unchanged: shown.count ? 0 : unchanged,
    errorCount: shown.count,
    errors: reported,
  };
}
