import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../db/connect.ts";

/** A value of a COPY row: text, an instant, or null. */
export type TCopyValue = string | Date | null | undefined;

/** One value in COPY's text format: backslash, tab and line breaks escaped, \N for null. */
function copyValue(v: TCopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : v;
}

/** The rows' values, in `columns` order, as the lines of a COPY in text format. */
export function copyText<K extends string>(columns: readonly K[], rows: Record<K, TCopyValue>[]): string {
  let text = "";
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < columns.length; i++) line += (i ? "\t" : "") + copyValue(row[columns[i]]);
    text += `${line}\n`;
  }
  return text;
}

interface TBlobClient {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/**
 * Writes `text` (lines of copyText) into `table` with one COPY on the transaction's own connection: on PostgreSQL
 * through node-postgres' client, on the embedded database from a blob. COPY skips the parsing of a statement's
 * parameters (a JSON document of the rows) on both sides, and fires the table's triggers as an INSERT does
 * (statement triggers once, with the rows as the transition table).
 */
export async function copyRows(
  tx: Db,
  table: string,
  columns: readonly string[],
  text: string,
): Promise<void> {
  if (text.length === 0) return;
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  const target = `${table} (${columns.join(", ")})`;
  if (client instanceof pg.Client) {
    const stream = client.query(copyFrom(`copy ${target} from stdin`)) as unknown as Writable;
    stream.end(text);
    await finished(stream);
    return;
  }
  if (!client || typeof (client as TBlobClient).query !== "function") {
    throw new Error("copyRows needs a transaction of node-postgres or PGlite");
  }
  await (client as TBlobClient).query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
}
