import { randomUUID } from "node:crypto";
import { TransactionRollbackError } from "drizzle-orm";
import { ANALYZE_AFTER_ROWS, analyzeAfterLoad } from "../../db/analyze-after-load.ts";
import type { Db } from "../../db/connect.ts";
import { civilDate } from "../../domain/time-zone.ts";
import { t } from "../../i18n/account-mail.ts";
import { loadCatalogueRefs, type TRefMatch } from "../catalog/resolve-refs.ts";
import { bulkRowToItem } from "./bulk-row.ts";
import { getSendingContext, type TSendingContext } from "./load-sending-context.ts";
import type { TBulkRow } from "./read-bulk-file.ts";
import { retryOnUniqueViolation } from "./retry.ts";
import { serial } from "./lane.ts";
import { decideBatch, prepareBatch, startRun, writeBatch } from "./schedule-batch.ts";
import type { TScheduleOutcome } from "./schedule-types.ts";

export interface BulkSendOptions {
  orgId: string;
  surveyId: string;
  /** Opens the file's rows (again, if the run has to be retried). */
  rows: () => AsyncIterable<TBulkRow>;
  dryRun: boolean;
  now: Date;
  /** Language of the row details (a staff language; English by default). */
  locale?: string;
  /** Rows decided and written together (fewer only to test how batches see each other). */
  batchSize?: number;
  /** Invitations scheduled from which the tables' statistics are gathered after the run (fewer only in tests). */
  analyzeAfterRows?: number;
}

/** A row that was not scheduled: its line (CSV) or row number (XLSX), the reason and what is wrong. */
export interface TSkippedRow {
  line: number;
  reason: string;
  detail: string | null;
}

export interface TBulkReport {
  dryRun: boolean;
  bulkId: string | null;
  rows: number;
  scheduled: number;
  skipped: number;
  byReason: Record<string, number>;
  /** Invitations per send day (in the organisation's time zone). */
  bySendDay: Record<string, number>;
  /** The first MAX_LISTED skipped rows, in file order (`skipped` counts them all). */
  skippedRows: TSkippedRow[];
  /** What each catalogue value of the file was read as (an id, a code or a name), first lines included. */
  matches: TRefMatch[];
}

/** Rows decided together: each batch costs a handful of statements, whatever its size. */
const BATCH = 5000;
export const MAX_LISTED = 1000;

/**
 * A mass mailing from a file: each row becomes one invitation, scheduled or skipped with its reason, through
 * the same code as every other trigger, in one transaction, thousands of rows a batch. The dry run is the same run
 * without the writes (and rolled back all the same), so the real run then does exactly what it reported, unless
 * the data changes in between.
 */
export async function bulkSend(db: Db, o: BulkSendOptions): Promise<TBulkReport> {
  const ctx = await getSendingContext(db, o.orgId, o.surveyId, "params.id");
  const report = await retryOnUniqueViolation(async () => {
    const report = emptyReport(o.dryRun);
    try {
      await db.transaction(async (tx) => {
        await run(tx, ctx, o, report);
        if (o.dryRun) tx.rollback();
      });
    } catch (err) {
      if (!(o.dryRun && err instanceof TransactionRollbackError)) throw err;
    }
    return report;
  });
  // A mailing that made up much of the invitations (a first one, into a new installation): statistics now, so that
  // the dispatcher, which starts on it at once, looks its rows up by key (decision 066).
  if (!o.dryRun)
    await analyzeAfterLoad(db, LOADED_TABLES, report.scheduled, o.analyzeAfterRows ?? ANALYZE_AFTER_ROWS);
  return report;
}

/** What a mailing writes rows into, the invitations first. */
const LOADED_TABLES = ["survey_invitation", "invitation_delivery", "contact"] as const;

function emptyReport(dryRun: boolean): TBulkReport {
  const bulkId = dryRun ? null : randomUUID();
  return {
    dryRun,
    bulkId,
    rows: 0,
    scheduled: 0,
    skipped: 0,
    byReason: {},
    bySendDay: {},
    skippedRows: [],
    matches: [],
  };
}

/**
 * The run, a batch at a time, as a pipeline on the transaction's one connection: while the database writes batch
 * k and reads what batch k + 2 needs, batch k + 1 is decided and batch k + 2 parsed. Each batch's writes are taken
 * when it is decided and written in order, so the decisions are those of one batch after another. The statements
 * go to the connection one at a time, in the order the pipeline asks for them (a lane), never queued in the
 * driver.
 */
async function run(tx: Db, ctx: TSendingContext, o: BulkSendOptions, report: TBulkReport): Promise<void> {
  const lane = serial();
  const locale = o.locale ?? "en";
  const batch = {
    source: "bulk" as const,
    bulkId: report.bulkId,
    now: o.now,
    run: startRun(ctx, o.now, lane),
    write: !o.dryRun,
    locale,
    copy: true,
  };
  const refs = await loadCatalogueRefs(tx, o.orgId);
  const rowContext = { now: o.now, timeZone: ctx.rules.timeZone, refs, locale };
  const size = o.batchSize ?? BATCH;
  const recorder = new Recorder(report, ctx.rules.timeZone, locale);
  const rows = o.rows()[Symbol.asyncIterator]();
  const nextChunk = async () => {
    const chunk: TBulkRow[] = [];
    while (chunk.length < size) {
      const r = await rows.next();
      if (r.done) break;
      chunk.push(r.value);
    }
    return chunk;
  };
  const prepare = (chunk: TBulkRow[]) => {
    if (chunk.length === 0) return null;
    const items = chunk.map((r) => bulkRowToItem(r, rowContext));
    const prepared = lane(() => prepareBatch(tx, ctx, items, batch.run));
    prepared.catch(() => {}); // awaited in its turn; a failure before then is not left unhandled
    return { lines: chunk.map((r) => r.line), prepared };
  };
  let writeError: unknown = null;
  let writing = Promise.resolve();
  let current: ReturnType<typeof prepare> = null;
  try {
    current = prepare(await nextChunk());
    while (current) {
      const next = prepare(await nextChunk());
      const decided = await decideBatch(tx, ctx, await current.prepared, batch.run, batch);
      for (const [i, out] of decided.outcomes.entries()) recorder.record(current.lines[i], out);
      // One write in flight: otherwise the decisions run ahead of the database and the decided batches pile up
      // in memory.
      await writing;
      if (writeError !== null) throw writeError;
      writing = lane(() => writeBatch(tx, decided, { copy: true })).catch((err) => {
        writeError ??= err;
      });
      current = next;
    }
  } catch (err) {
    // Nothing of the run may still be under way when the transaction ends (its connection goes back to the pool).
    await lane(async () => {});
    // A failed write makes the database refuse what follows: report the write's own error.
    throw writeError ?? err;
  } finally {
    await rows.return?.();
  }
  await writing;
  if (writeError !== null) throw writeError;
  report.matches = refs.matches();
}

/** Counts the outcomes into the report, listing the first skipped rows. */
class Recorder {
  /** The line of each invitation scheduled so far, to name the line a duplicate repeats. */
  private readonly lineOf = new Map<string, number>();
  /** Send day per send instant (a file's rows share a handful of send instants). */
  private readonly days = new Map<number, string>();

  private readonly report: TBulkReport;
  private readonly timeZone: string;
  private readonly locale: string;

  constructor(report: TBulkReport, timeZone: string, locale: string) {
    this.report = report;
    this.timeZone = timeZone;
    this.locale = locale;
  }

  record(line: number, out: TScheduleOutcome): void {
    const { report, locale } = this;
    report.rows += 1;
    if (out.state === "scheduled" && out.sendAt) {
      report.scheduled += 1;
      this.lineOf.set(out.invitationId, line);
      const day = this.dayOf(out.sendAt);
      report.bySendDay[day] = (report.bySendDay[day] ?? 0) + 1;
    } else if (out.reason) {
      report.skipped += 1;
      report.byReason[out.reason] = (report.byReason[out.reason] ?? 0) + 1;
      if (report.skippedRows.length >= MAX_LISTED) return;
      let detail = out.detail;
      if (out.duplicateOf) {
        const first = this.lineOf.get(out.duplicateOf);
        detail = first
          ? t(locale, "row.duplicateOfLine", { line: String(first) })
          : t(locale, "row.duplicateEarlier");
      }
      report.skippedRows.push({ line, reason: out.reason, detail });
    }
  }

  private dayOf(at: Date): string {
    let day = this.days.get(at.getTime());
    if (day === undefined) {
      day = civilDate(at, this.timeZone);
      this.days.set(at.getTime(), day);
    }
    return day;
  }
}
