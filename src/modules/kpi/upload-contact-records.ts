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
  countWritten,
  finishStaged,
  openStagedWrite,
  orderedIdPrefix,
  stagedCatalogueErrors,
  stagedConflictErrors,
  stagedRepeatErrors,
  type TStagedErrors,
  writeStagedLines,
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
 * A file of contact records, read row by row into a staging table of the upload's transaction, a COPY a chunk.
 * Each row is checked in itself as it is read. The real run writes each chunk on into contact_record (a source id
 * stored already, earlier in the file or before, is turned away by its unique index) while the process reads the
 * next chunk, and counts what the rollups need as it writes. Then, over the staging table: the catalogue (unknown
 * queues, employees and services), source ids repeated in the file with other content, and source ids stored
 * before with other content, each kind only when the one before found nothing (the last two only when a row was
 * turned away). The real run commits only when no row is wrong, after the rollups and FCR; anything wrong rolls
 * back all that was written. The dry run writes nothing: it counts what would be written and rolls back. Memory
 * does not grow with the file: the process keeps a chunk or two, the first MAX_REPORTED errors and the counts.
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
      const uploadIds = orderedIdPrefix();
      const itself = new ErrorList();
      // Once a row is wrong in itself the upload is refused: the chunks after it are only staged, for the report.
      const write = async (first: number, last: number) => {
        if (!itself.count) await writeStagedLines(tx, orgId, settings, uploadIds, first, last);
      };
      if (!dryRun) await openStagedWrite(tx);
      const stage = await openContactStage(tx, dryRun ? {} : { afterChunk: write });
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
      const staged = await stage.end();
      // Every staged row written: no source id was repeated in the file or stored before.
      const written = dryRun ? 0 : await countWritten(tx);
      const turnedAway = dryRun || written < staged;
      // As the JSON intake: rows wrong in themselves or in the catalogue first; repeated source ids once those
      // are right; then conflicts with stored records.
      shown = merged(itself, await stagedCatalogueErrors(tx, orgId, MAX_REPORTED));
      if (!shown.count && turnedAway) shown = await stagedRepeatErrors(tx, MAX_REPORTED);
      if (!shown.count && turnedAway) {
        shown = await stagedConflictErrors(tx, orgId, uploadIds, MAX_REPORTED);
        if (shown.count) kind = "CONFLICT";
      }
      if (shown.count) throw new Rollback();
      if (dryRun) {
        created = await countNewStaged(tx, orgId);
        throw new Rollback();
      }
      created = written;
      if (written) await finishStaged(tx, orgId, settings);
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
