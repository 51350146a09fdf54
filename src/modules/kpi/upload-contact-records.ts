import type { Db } from "../../db/connect.ts";
import { AppError, type TFieldError } from "../../http/errors.ts";
import { readContactFile } from "./read-contact-file.ts";
import { takeInContactRecords } from "./take-in-contact-records.ts";

export interface TUploadReport {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Records written (real run) or that would be written (dry run). */
  created: number;
  unchanged: number;
  /** Every bad row: its line (CSV) or row number (XLSX), the column and the reason. */
  errors: { line: number; field: string; message: string }[];
}

const MAX_REPORTED = 1_000;

function lineError(e: TFieldError): TUploadReport["errors"][number] {
  const m = /^line (\d+)\.?(.*)$/.exec(e.path);
  return { line: m ? Number(m[1]) : 0, field: m ? m[2] : e.path, message: e.message };
}

/**
 * A file of contact records through the same intake as the JSON batch: the dry run checks every row (file
 * format, then unknown queues, employees and services, and source ids against the stored records) and writes
 * nothing; the real run writes every row in one transaction, or nothing when any row is wrong.
 */
export async function uploadContactRecords(
  db: Db,
  orgId: string,
  file: string | Buffer,
  dryRun: boolean,
): Promise<TUploadReport> {
  const read = await readContactFile(file);
  const errors = [...read.errors];
  let counts = { created: 0, unchanged: 0 };
  let conflict = false;
  if (read.records.length)
    try {
      counts = await takeInContactRecords(db, orgId, read.records, {
        pathOf: (i) => `line ${read.lines[i]}`,
        dryRun: dryRun || errors.length > 0,
      });
    } catch (err) {
      if (!(err instanceof AppError && err.errors && (err.code === "VALIDATION" || err.code === "CONFLICT")))
        throw err;
      errors.push(...err.errors);
      conflict = err.code === "CONFLICT";
    }
  const reported = errors.map(lineError).sort((x, y) => x.line - y.line);
  if (errors.length && !dryRun)
    throw new AppError(conflict && read.errors.length === 0 ? "CONFLICT" : "VALIDATION", {
      detail: `Nothing was saved: ${errors.length} problem${errors.length > 1 ? "s" : ""} in the file, the first on line ${reported[0].line}: ${reported[0].field} ${reported[0].message}`,
      errors: errors.slice(0, MAX_REPORTED),
    });
  return {
    dryRun,
    rows: read.rows,
    created: errors.length ? 0 : counts.created,
    unchanged: errors.length ? 0 : counts.unchanged,
    errors: reported.slice(0, MAX_REPORTED),
  };
}
