import { sql, TransactionRollbackError } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../http/errors.ts";
import type { TUpload } from "../../http/tabular-file.ts";
import { checkContactRecordItself } from "./check-contact-record.ts";
import { contactFileRows } from "./read-contact-file.ts";
import { getKpiSettings } from "./settings.ts";
import { openContactStage } from "./stage-contact-records.ts";
import { contactRow } from "./take-in-contact-records.ts";
import { rowFieldErrors, rowText, type TRowProblem } from "./row-problems.ts";
import {
  countNewStaged,
  stagedCatalogueErrors,
  stagedConflictErrors,
  stagedRepeatErrors,
  type TStagedErrors,
  writeStaged,
} from "./take-in-staged.ts";

export interface TUploadReport {
  dryRun: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Records written (real run) or that would be written (dry run). */
  created: number;
  unchanged: number;
  /** Problems in the file, all of them counted. */
  errorCount: number;
  /**
   * The first MAX_REPORTED problems found, in file order: line (CSV) or row number (XLSX), column, the reason's
   * stable code, and the reason in the caller's language.
   */
  errors: { line: number; field: string; code: string; message: string }[];
}

export const MAX_REPORTED = 1_000;

function lineField(path: string): { line: number; field: string } {
  const m = /^line (\d+)\.?(.*)$/.exec(path);
  return { line: m ? Number(m[1]) : 0, field: m ? m[2] : path };
}

const lineOf = (e: TRowProblem) => lineField(e.path).line;

/** Errors of one kind: the first MAX_REPORTED kept, all counted. */
class ErrorList {
  shown: TRowProblem[] = [];
  count = 0;
  add(errors: TRowProblem[]): void {
    this.count += errors.length;
    for (const e of errors) if (this.shown.length < MAX_REPORTED) this.shown.push(e);
  }
}

/** Two lists of errors of the same kind, each in line order: the first MAX_REPORTED of both by line, all counted. */
function merged(a: TStagedErrors, b: TStagedErrors): TStagedErrors {
  const shown = [...a.shown, ...b.shown]
    .map((e, i) => ({ e, i }))
    .sort((x, y) => lineOf(x.e) - lineOf(y.e) || x.i - y.i)
    .slice(0, MAX_REPORTED)
    .map(({ e }) => e);
  return { count: a.count + b.count, shown };
}

const Rollback = class extends Error {};

export interface UploadContactRecordsOptions {
  /** Only report the bad rows (and what would be written); nothing is saved. */
  dryRun: boolean;
  /** Language of the report's reasons (a staff language; English by default). */
  locale?: string;
}

/**
 * A file of contact records, read row by row into a staging table of the upload's transaction (COPY on
 * PostgreSQL, a COPY per chunk on the embedded database). Each row is checked in itself as it is read; then,
 * over the staging table, the catalogue (unknown queues, employees and services), source ids repeated in the
 * file with other content, and source ids stored before with other content, each kind only when the one before
 * found nothing. The dry run stops at counting what would be written and rolls back; the real run writes every
 * new row, FCR and the rollups with a few statements, and commits only when no row is wrong. Memory does not
 * grow with the file: the process keeps only the first MAX_REPORTED errors and the counts.
 */
export async function uploadContactRecords(
  db: Db,
  orgId: string,
  upload: TUpload,
  { dryRun, locale = "en" }: UploadContactRecordsOptions,
): Promise<TUploadReport> {
  let rows = 0;
  let created = 0;
  let shown: TStagedErrors = { count: 0, shown: [] };
  let kind: "VALIDATION" | "CONFLICT" = "VALIDATION";
  try {
    await db.transaction(async (tx) => {
      // Sorts and hashes over a million staged rows stay in memory rather than spilling to disk.
      await tx.execute(sql`set local work_mem = '64MB'`);
      const settings = await getKpiSettings(tx, orgId);
      const stage = await openContactStage(tx);
      const itself = new ErrorList();
      try {
        for await (const batch of contactFileRows(upload))
          for (const row of batch) {
            rows++;
            if ("errors" in row) {
              itself.add(row.errors);
              continue;
            }
            itself.add(checkContactRecordItself(row.record, `line ${row.line}`));
            const sent = stage.add(row.line, contactRow(row.record, settings.callerSecret));
            if (sent) await sent;
          }
      } catch (err) {
        await stage.abort();
        throw err;
      }
      await stage.end();
      // As the JSON intake: rows wrong in themselves or in the catalogue first; repeated source ids once those
      // are right; then conflicts with stored records.
      shown = merged(itself, await stagedCatalogueErrors(tx, orgId, MAX_REPORTED));
      if (!shown.count) shown = await stagedRepeatErrors(tx, MAX_REPORTED);
      if (!shown.count) {
        shown = await stagedConflictErrors(tx, orgId, MAX_REPORTED);
        if (shown.count) kind = "CONFLICT";
      }
      if (shown.count) throw new Rollback();
      created = dryRun ? await countNewStaged(tx, orgId) : await writeStaged(tx, orgId, settings);
      if (dryRun) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback || err instanceof TransactionRollbackError)) throw err;
  }
  if (shown.count && !dryRun) {
    const first = lineField(shown.shown[0].path);
    throw new AppError(kind, {
      message: {
        key: "kpiUpload.refused",
        values: { count: String(shown.count), line: String(first.line), field: first.field },
      },
      errors: rowFieldErrors(shown.shown),
      fieldMessages: shown.shown.map((e) => e.message),
    });
  }
  const reported = shown.shown.map((e) => ({
    ...lineField(e.path),
    code: e.code,
    message: rowText(e, locale),
  }));
  return {
    dryRun,
    rows,
    created: shown.count ? 0 : created,
    unchanged: shown.count ? 0 : rows - created,
    errorCount: shown.count,
    errors: reported,
  };
}
