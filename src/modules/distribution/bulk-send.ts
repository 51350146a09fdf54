import { randomUUID } from "node:crypto";
import { TransactionRollbackError } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { civilDate } from "../../domain/time-zone.ts";
import { t } from "../../i18n/account-mail.ts";
import { loadCatalogueRefs, type TRefMatch } from "../catalog/resolve-refs.ts";
import { bulkRowToItem } from "./bulk-row.ts";
import { getSendingContext, type TSendingContext } from "./load-sending-context.ts";
import type { TBulkRow } from "./read-bulk-file.ts";
import { retryOnUniqueViolation } from "./retry.ts";
import { scheduleBatch, startRun } from "./schedule-batch.ts";
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
  /** Sees every row's outcome as it is decided (the report itself lists only the skipped rows). */
  onRow?: (line: number, outcome: TScheduleOutcome) => void;
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
  return retryOnUniqueViolation(async () => {
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
}

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

async function run(tx: Db, ctx: TSendingContext, o: BulkSendOptions, report: TBulkReport): Promise<void> {
  const lineOf = new Map<string, number>();
  const batch = {
    source: "bulk" as const,
    bulkId: report.bulkId,
    now: o.now,
    run: startRun(ctx, o.now),
    write: !o.dryRun,
  };
  const locale = o.locale ?? "en";
  const refs = await loadCatalogueRefs(tx, o.orgId);
  const rowContext = { now: o.now, timeZone: ctx.rules.timeZone, refs, locale };
  const size = o.batchSize ?? BATCH;
  let chunk: TBulkRow[] = [];
  const flush = async () => {
    const items = chunk.map((r) => bulkRowToItem(r, rowContext));
    const outcomes = await scheduleBatch(tx, ctx, items, batch);
    for (const [i, out] of outcomes.entries()) {
      record(report, ctx, chunk[i].line, out, lineOf, locale);
      o.onRow?.(chunk[i].line, out);
    }
    chunk = [];
  };
  for await (const row of o.rows()) {
    chunk.push(row);
    if (chunk.length >= size) await flush();
  }
  if (chunk.length) await flush();
  report.matches = refs.matches();
}

function record(
  report: TBulkReport,
  ctx: TSendingContext,
  line: number,
  out: TScheduleOutcome,
  lineOf: Map<string, number>,
  locale: string,
): void {
  report.rows += 1;
  if (out.state === "scheduled" && out.sendAt) {
    report.scheduled += 1;
    lineOf.set(out.invitationId, line);
    const day = civilDate(out.sendAt, ctx.rules.timeZone);
    report.bySendDay[day] = (report.bySendDay[day] ?? 0) + 1;
  } else if (out.reason) {
    report.skipped += 1;
    report.byReason[out.reason] = (report.byReason[out.reason] ?? 0) + 1;
    if (report.skippedRows.length >= MAX_LISTED) return;
    let detail = out.detail;
    if (out.duplicateOf) {
      const first = lineOf.get(out.duplicateOf);
      detail = first
        ? t(locale, "row.duplicateOfLine", { line: String(first) })
        : t(locale, "row.duplicateEarlier");
    }
    report.skippedRows.push({ line, reason: out.reason, detail });
  }
}
