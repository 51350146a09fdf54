import { once } from "node:events";
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
 * Bytes of COPY text sent to the database together (about 5,000 rows): a COPY chunk (PostgreSQL) or one COPY of
 * a blob (embedded). Each row's line is written into the chunk's buffer as it is made, so the line dies young;
 * an array of 5,000 line strings, joined when full, outlived the young generation's collections and was
 * promoted, to be freed only by full collections.
 */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Writes staged rows; `end` flushes the rest and analyses the table for the statements that follow; `abort`
 * (the file turned out unreadable) ends an open COPY so that the transaction can roll back.
 */
export interface TContactStage {
  /** Adds a row; a promise (to be awaited before the next) only when a chunk was sent. */
  add(line: number, row: TContactRow): Promise<void> | undefined;
  end(): Promise<number>;
  abort(): Promise<void>;
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

const text = (v: string | null) => (v === null ? "\\N" : copyValue(v));
const flag = (v: boolean | null) => (v === null ? "\\N" : v ? "t" : "f");

/** A staged row as a line of COPY text (the times are ISO 8601 and the hashes hex, so they need no escaping). */
export function copyLine(line: number, row: TContactRow): string {
  return `${line}\t${copyValue(row.source_id)}\t${copyValue(row.kind)}\t${copyValue(row.queue_id)}\t${row.arrived_at}\t${row.answered_at ?? "\\N"}\t${row.abandoned_at ?? "\\N"}\t${row.ended_at ?? "\\N"}\t${text(row.employee_id)}\t${text(row.service_id)}\t${flag(row.fcr_flag)}\t${row.caller_hash ?? "\\N"}\t${text(row.recording_ref)}\t${row.content_hash}\n`;
}

/** The database client under a Drizzle transaction: node-postgres' pooled client, or PGlite's transaction. */
function clientOf(tx: TTx): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

interface TBlobClient {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** Creates the staging table in the caller's transaction and returns its writer. */
export async function openContactStage(tx: TTx): Promise<TContactStage> {
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
  const client = clientOf(tx);
  const copy = `copy contact_stage (${STAGE_COLUMNS.join(", ")}) from stdin`;
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let staged = 0;
  /** Rows are sent a chunk at a time by `send`; `close` ends the sending before the stage is analysed. */
  const stage = (
    send: (bytes: Buffer) => Promise<void>,
    close: () => Promise<void>,
    abort: () => Promise<void>,
  ): TContactStage => {
    // The buffer sent is the database driver's until written; the next rows go into a new one.
    const flush = () => {
      const bytes = chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      used = 0;
      return send(bytes);
    };
    return {
      add(line, row) {
        const text = copyLine(line, row);
        // At most three bytes of UTF-8 a UTF-16 unit; a line longer than a chunk gets a buffer of its own.
        const most = text.length * 3;
        let sent: Promise<void> | undefined;
        if (used > 0 && used + most > chunk.length) sent = flush();
        if (most > chunk.length) chunk = Buffer.allocUnsafe(most);
        used += chunk.write(text, used, "utf8");
        staged++;
        return sent;
      },
      async end() {
        if (used > 0) await flush();
        await close();
        await tx.execute(sql`analyze contact_stage`);
        return staged;
      },
      abort,
    };
  };

  if (client instanceof pg.Client) {
    // PostgreSQL: one COPY for the whole file, written chunk by chunk and paused while the socket is full.
    const stream = client.query(copyFrom(copy)) as unknown as Writable;
    let failure: Error | undefined;
    stream.on("error", (err: Error) => {
      failure = err;
    });
    // One promise of the stream's end for every wait (a `finished` per wait added listeners that stayed).
    const ended = finished(stream);
    ended.catch(() => {});
    return stage(
      async (bytes) => {
        if (failure) throw failure;
        if (!stream.write(bytes)) await Promise.race([once(stream, "drain"), ended]);
      },
      async () => {
        stream.end();
        await ended;
      },
      async () => {
        if (stream.destroyed) return;
        const closed = ended.catch(() => {});
        stream.destroy(new Error("the upload was refused"));
        await closed;
      },
    );
  }

  // PGlite: a COPY of each chunk from a blob (the embedded database reads it from '/dev/blob').
  const blobClient = client as TBlobClient;
  return stage(
    async (bytes) => {
      await blobClient.query(`copy contact_stage (${STAGE_COLUMNS.join(", ")}) from '/dev/blob'`, [], {
        blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      });
    },
    async () => {},
    async () => {
      used = 0;
    },
  );
}
