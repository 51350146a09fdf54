import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { TContactRow } from "./take-in-contact-records.ts";
import type { TTx } from "./settings.ts";

/**
 * The staging table of one upload: every record of the file that is right in itself, with its line, as it would
 * be stored. A temporary table of the upload's transaction (dropped at its end, commit or rollback), so the
 * checks against the catalogue and the stored records, the insert, FCR and the rollups run as a few set-based
 * statements over it instead of batch by batch in the process.
 */
export const STAGE_COLUMNS = [
  "line",
  "source_id",
  "kind",
  "queue_id",
  "arrived_at",
  "answered_at",
  "abandoned_at",
  "ended_at",
  "employee_id",
  "service_id",
  "fcr_flag",
  "caller_hash",
  "recording_ref",
  "content_hash",
] as const;

/**
 * Rows sent to the database together: a COPY each (from the socket on PostgreSQL, from a blob on the embedded
 * database), then whatever the caller does with them (`afterChunk`).
 */
const CHUNK_ROWS = 10_000;

/**
 * Writes staged rows; `end` flushes the rest, waits for the last chunk and analyses the table for the statements
 * that follow; `abort` (the file turned out unreadable) waits for the chunk in flight so that the transaction can
 * roll back.
 */
export interface TContactStage {
  /**
   * Adds a row. When that fills a chunk, the chunk is sent and the promise returned (to be awaited before the next
   * row) settles once the chunk before it is done: one chunk is in the database while the next one is read.
   */
  add(line: number, row: TContactRow): Promise<void> | undefined;
  end(): Promise<number>;
  abort(): Promise<void>;
}

export interface ContactStageOptions {
  /**
   * Runs on each chunk once it is staged, with its first and last line, in file order and before the next chunk
   * is staged. The stage then has an index on the line, for the statement that reads the chunk back.
   */
  afterChunk?: (first: number, last: number) => Promise<void>;
}

/** COPY text format: backslash, tab and line breaks escaped, \N for null. */
function copyValue(v: string | number | boolean | null): string {
  if (v === null) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : v;
}

function copyLine(line: number, row: TContactRow): string {
  return `${[
    line,
    row.source_id,
    row.kind,
    row.queue_id,
    row.arrived_at,
    row.answered_at,
    row.abandoned_at,
    row.ended_at,
    row.employee_id,
    row.service_id,
    row.fcr_flag,
    row.caller_hash,
    row.recording_ref,
    row.content_hash,
  ]
    .map(copyValue)
    .join("\t")}\n`;
}

/** The database client under a Drizzle transaction: node-postgres' pooled client, or PGlite's transaction. */
function clientOf(tx: TTx): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

interface TBlobClient {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** Creates the staging table in the caller's transaction and returns its writer. */
export async function openContactStage(
  tx: TTx,
  { afterChunk }: ContactStageOptions = {},
): Promise<TContactStage> {
  await tx.execute(sql`
    create temporary table contact_stage (
      line integer not null,
      source_id text not null,
      kind text not null,
      queue_id text not null,
      arrived_at timestamptz not null,
      answered_at timestamptz,
      abandoned_at timestamptz,
      ended_at timestamptz,
      employee_id text,
      service_id text,
      fcr_flag boolean,
      caller_hash text,
      recording_ref text,
      content_hash text not null
    ) on commit drop`);
  if (afterChunk) await tx.execute(sql`create index contact_stage_line on contact_stage (line)`);
  const send = copySender(clientOf(tx));
  let chunk: string[] = [];
  let first = 0;
  let last = 0;
  let staged = 0;
  let inFlight: Promise<void> = Promise.resolve();
  /** Starts the chunk after the one in flight; returns the one in flight. */
  const flush = (): Promise<void> => {
    const text = chunk.join("");
    const [from, to] = [first, last];
    chunk = [];
    const previous = inFlight;
    inFlight = previous.then(async () => {
      await send(text);
      if (afterChunk) await afterChunk(from, to);
    });
    // Awaited by the next flush, `end` or `abort`; a failure is not left unhandled meanwhile.
    inFlight.catch(() => {});
    return previous;
  };
  return {
    add(line, row) {
      if (chunk.length === 0) first = line;
      last = line;
      chunk.push(copyLine(line, row));
      staged++;
      return chunk.length >= CHUNK_ROWS ? flush() : undefined;
    },
    async end() {
      if (chunk.length) flush();
      await inFlight;
      await tx.execute(sql`analyze contact_stage`);
      return staged;
    },
    async abort() {
      chunk = [];
      await inFlight.catch(() => {});
    },
  };
}

/** A COPY of one chunk of rows in COPY text format: over the socket (PostgreSQL) or from a blob (embedded). */
function copySender(client: unknown): (text: string) => Promise<void> {
  const columns = STAGE_COLUMNS.join(", ");
  if (client instanceof pg.Client)
    return async (text) => {
      const stream = client.query(
        copyFrom(`copy contact_stage (${columns}) from stdin`),
      ) as unknown as Writable;
      stream.end(text);
      await finished(stream);
    };
  // The embedded database reads a COPY's data from '/dev/blob'.
  const blobClient = client as TBlobClient;
  return async (text) => {
    await blobClient.query(`copy contact_stage (${columns}) from '/dev/blob'`, [], {
      blob: new Blob([text]),
    });
  };
}
