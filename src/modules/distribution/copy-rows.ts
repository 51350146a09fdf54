import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../db/connect.ts";

/** A value of a COPY row: text, an instant, or null. */
export type TCopyValue = string | Date | null | undefined;

/** One value in COPY's text format: backslash, tab and line breaks escaped, \N for null. */
export function copyValue(v: TCopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : v;
}

/** Bytes of COPY text a buffer holds before the next one is started. */
const CHUNK_BYTES = 256 * 1024;

/** One row's values, in `columns` order, as a line of COPY text. */
export function copyLine<K extends string>(columns: readonly K[], row: Record<K, TCopyValue>): string {
  let line = copyValue(row[columns[0]]);
  for (let i = 1; i < columns.length; i++) line += `\t${copyValue(row[columns[i]])}`;
  return `${line}\n`;
}

/**
 * Lines of COPY text in UTF-8, each written into a buffer as soon as it is made. Joining the lines into one
 * string made a tree of string pieces that the write then copied into one flat string of megabytes (V8 puts such
 * strings in its old generation at once, where only a full collection frees them) and again into bytes; the
 * objects a line was made from stayed alive until the batch was written.
 */
export class CopyLines {
  readonly chunks: Buffer[] = [];
  private chunk: Buffer | null = null;
  private used = 0;

  add(line: string): void {
    // At most three bytes of UTF-8 a UTF-16 unit; a line longer than a buffer gets one of its own.
    const most = line.length * 3;
    if (this.chunk === null || this.used + most > this.chunk.length) {
      this.end();
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
    }
    this.used += this.chunk.write(line, this.used, "utf8");
  }

  /** The buffers written so far; the next line starts a new one. */
  end(): Buffer[] {
    if (this.chunk !== null && this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
    this.chunk = null;
    this.used = 0;
    return this.chunks;
  }
}

/** The rows' values, in `columns` order, as COPY text in UTF-8 (see CopyLines). */
export function copyText<K extends string>(columns: readonly K[], rows: Record<K, TCopyValue>[]): Buffer[] {
  const lines = new CopyLines();
  for (const row of rows) lines.add(copyLine(columns, row));
  return lines.end();
}

interface TBlobClient {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/**
 * Writes `text` (the buffers of copyText) into `table` with one COPY on the transaction's own connection: on PostgreSQL
 * through node-postgres' client, on the embedded database from a blob. COPY skips the parsing of a statement's
 * parameters (a JSON document of the rows) on both sides, and fires the table's triggers as an INSERT does
 * (statement triggers once, with the rows as the transition table).
 */
export async function copyRows(
  tx: Db,
  table: string,
  columns: readonly string[],
  text: Buffer[],
): Promise<void> {
  if (text.length === 0) return;
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  const target = `${table} (${columns.join(", ")})`;
  if (client instanceof pg.Client) {
    const stream = client.query(copyFrom(`copy ${target} from stdin`)) as unknown as Writable;
    for (const chunk of text) stream.write(chunk);
    stream.end();
    await finished(stream);
    return;
  }
  if (!client || typeof (client as TBlobClient).query !== "function") {
    throw new Error("copyRows needs a transaction of node-postgres or PGlite");
  }
  await (client as TBlobClient).query(`copy ${target} from '/dev/blob'`, [], {
    blob: new Blob(text as Uint8Array<ArrayBuffer>[]),
  });
}
