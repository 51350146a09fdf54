import { randomUUID } from "node:crypto";
import { sql, TransactionRollbackError } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../http/errors.ts";
import { callerHash, contentHash } from "./caller-hash.ts";
import { checkContactRecord } from "./check-contact-record.ts";
import type { TContactRecordInput, TContactRecordsResult } from "./contracts.ts";
import { deriveFcr } from "./derive-fcr.ts";
import { insertJsonRows } from "./json-rows.ts";
import { knownIds } from "./known-ids.ts";
import { applyToRollups, recordsWithIds } from "./rollup-cells.ts";
import { rowFieldErrors, rowProblem, type TRowProblem } from "./row-problems.ts";
import { getKpiSettings, type TKpiSettingsRow, type TTx } from "./settings.ts";

/** At most this many field errors are listed in one answer. */
const MAX_ERRORS = 200;
const INSERT_CHUNK = 2_000;

export interface TakeInOptions {
  /** How the path of record i is written in errors: `body.records.3` for the API, `line 5` for uploads. */
  pathOf?: (index: number) => string;
  /** Check and count everything, then roll the transaction back: nothing is written. */
  dryRun?: boolean;
}

const COLUMNS = {
  org_id: "text",
  id: "text",
  source_id: "text",
  kind: "text",
  queue_id: "text",
  arrived_at: "timestamptz",
  answered_at: "timestamptz",
  abandoned_at: "timestamptz",
  ended_at: "timestamptz",
  employee_id: "text",
  service_id: "text",
  department_id: "text",
  fcr_flag: "boolean",
  fcr_outcome: "boolean",
  caller_hash: "text",
  recording_ref: "text",
  content_hash: "text",
} as const;

/** An instant as stored, in the form Date#toISOString writes (which a file usually has already). */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const iso = (v: string | null | undefined) =>
  v ? (CANONICAL.test(v) ? v : new Date(v).toISOString()) : null;

/** A checked record as its contact_record columns, the caller reference hashed, with the hash of its content. */
export function contactRow(r: TContactRecordInput, callerSecret: string) {
  const values = {
    source_id: r.sourceId,
    kind: r.kind,
    queue_id: r.queueId,
    arrived_at: iso(r.arrivedAt),
    answered_at: iso(r.answeredAt),
    abandoned_at: iso(r.abandonedAt),
    ended_at: iso(r.endedAt),
    employee_id: r.employeeId ?? null,
    service_id: r.serviceId ?? null,
    fcr_flag: r.resolvedAtFirstContact ?? null,
    caller_hash: r.callerReference ? callerHash(callerSecret, r.callerReference) : null,
    recording_ref: r.recordingReference ?? null,
  };
  return { ...values, content_hash: contentHash(Object.values(values)) };
}
export type TContactRow = ReturnType<typeof contactRow>;

/** Refuses the whole batch, listing the first MAX_ERRORS problems with their codes, each in the caller's language. */
function refuse(problems: TRowProblem[], code: "VALIDATION" | "CONFLICT" = "VALIDATION"): never {
  const shown = problems.slice(0, MAX_ERRORS);
  throw new AppError(code, {
    message: {
      key: "kpiIntake.refused",
      values: { count: String(problems.length), path: shown[0].path },
    },
    errors: rowFieldErrors(shown),
    fieldMessages: shown.map((p) => p.message),
  });
}

/**
 * Takes in a batch of contact records in one transaction: all are checked first and nothing is written when any
 * is wrong; a record already taken in with the same content is left as it is (repeated delivery), one with the
 * same source id and different content is refused. The KPI rollups are updated in the same transaction.
 */
export async function takeInContactRecords(
  db: Db,
  orgId: string,
  records: TContactRecordInput[],
  { pathOf = (i) => `body.records.${i}`, dryRun = false }: TakeInOptions = {},
): Promise<TContactRecordsResult> {
  let result: TContactRecordsResult | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await takeIn(tx, orgId, records, pathOf);
      if (dryRun) tx.rollback();
    });
  } catch (err) {
    if (!(dryRun && err instanceof TransactionRollbackError)) throw err;
  }
  return result as TContactRecordsResult;
}

async function takeIn(
  tx: TTx,
  orgId: string,
  records: TContactRecordInput[],
  pathOf: (index: number) => string,
): Promise<TContactRecordsResult> {
  const settings = await getKpiSettings(tx, orgId);
  const out = await takeInBatch(tx, orgId, settings, records, { pathOf });
  if (out.rowErrors.length) refuse(out.rowErrors);
  if (out.repeatErrors.length) refuse(out.repeatErrors);
  if (out.conflictErrors.length) refuse(out.conflictErrors, "CONFLICT");
  return { received: records.length, created: out.created, unchanged: out.unchanged };
}

/** What one batch found: its counts, or its errors by kind (the first kind found stops the batch). */
export interface TBatchOutcome {
  created: number;
  unchanged: number;
  /** A record wrong in itself or naming an unknown queue, employee or service. */
  rowErrors: TRowProblem[];
  /** A source id repeated, within the records, with other content. */
  repeatErrors: TRowProblem[];
  /** A source id taken in before (not from these records) with other content. */
  conflictErrors: TRowProblem[];
}

export interface TBatchOptions {
  pathOf: (index: number) => string;
}

/**
 * Checks and writes one batch of records inside the caller's transaction: the records, then repeated source
 * ids, then those stored before; it writes only when all three are right. The new records and the FCR outcomes
 * they change go into the rollups in one pass for the batch.
 */
export async function takeInBatch(
  tx: TTx,
  orgId: string,
  settings: TKpiSettingsRow,
  records: TContactRecordInput[],
  { pathOf }: TBatchOptions,
): Promise<TBatchOutcome> {
  const outcome: TBatchOutcome = {
    created: 0,
    unchanged: 0,
    rowErrors: [],
    repeatErrors: [],
    conflictErrors: [],
  };
  const known = await knownIds(tx, orgId, records);
  outcome.rowErrors = records.flatMap((r, i) => checkContactRecord(r, known, pathOf(i)));
  if (outcome.rowErrors.length) return outcome;

  const rows = records.map((r) => contactRow(r, settings.callerSecret));

  const firstOf = new Map<string, number>();
  const fresh: number[] = [];
  rows.forEach((row, i) => {
    const first = firstOf.get(row.source_id);
    if (first === undefined) {
      firstOf.set(row.source_id, i);
      fresh.push(i);
    } else if (rows[first].content_hash !== row.content_hash)
      outcome.repeatErrors.push(
        rowProblem(`${pathOf(i)}.sourceId`, "repeated_source_id", "kpiUpload.row.repeatedRecord", {
          first: pathOf(first),
        }),
      );
  });

  const stored = await storedHashes(tx, orgId, [...firstOf.keys()]);
  const toInsert: number[] = [];
  for (const i of fresh) {
    const id = rows[i].source_id;
    const before = stored.get(id);
    if (before === undefined) toInsert.push(i);
    else if (before !== rows[i].content_hash)
      outcome.conflictErrors.push(
        rowProblem(`${pathOf(i)}.sourceId`, "source_id_conflict", "kpiUpload.row.conflict"),
      );
  }
  if (outcome.repeatErrors.length || outcome.conflictErrors.length) return outcome;

  const inserted = toInsert.map((i) => {
    const r = rows[i];
    const department =
      (r.employee_id && known.employeeDepartments.get(r.employee_id)) ||
      (r.service_id && known.serviceDepartments.get(r.service_id)) ||
      null;
    return {
      ...r,
      org_id: orgId,
      id: randomUUID() as string,
      department_id: department,
      fcr_outcome: r.fcr_flag,
    };
  });
  for (let at = 0; at < inserted.length; at += INSERT_CHUNK)
    await insertJsonRows(tx, "contact_record", COLUMNS, inserted.slice(at, at + INSERT_CHUNK));

  const newIds = inserted.map((r) => r.id);
  const isNew = new Set(newIds);
  const hashes = [
    ...new Set(inserted.flatMap((r) => (r.caller_hash && r.service_id ? [r.caller_hash] : []))),
  ];
  const changedOld: string[] = [];
  await deriveFcr(
    tx,
    orgId,
    settings.fcrWindowDays,
    hashes,
    async (ids) => {
      changedOld.push(...ids.filter((id) => !isNew.has(id)));
      if (changedOld.length) await applyToRollups(tx, orgId, recordsWithIds(changedOld), -1, settings);
    },
    async () => {},
  );
  const add = [...newIds, ...changedOld];
  if (add.length) await applyToRollups(tx, orgId, recordsWithIds(add), 1, settings);
  outcome.created = inserted.length;
  outcome.unchanged = records.length - inserted.length;
  return outcome;
}

async function storedHashes(tx: TTx, orgId: string, sourceIds: string[]): Promise<Map<string, string>> {
  const result = await tx.execute(sql`
    select source_id, content_hash from contact_record
    where org_id = ${orgId} and source_id = any(${sql.param(sourceIds)}::text[])`);
  return new Map(
    (result.rows as { source_id: string; content_hash: string }[]).map((r) => [r.source_id, r.content_hash]),
  );
}
