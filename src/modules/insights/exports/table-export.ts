import { PassThrough, Readable } from "node:stream";

import type { FastifyReply } from "fastify";

export type TCell = string | number | Date | null;

/** One column of an exported table. */
export interface TColumn<T> {
  header: string;
  value: (row: T) => TCell;
}

export type TTableFormat = "csv" | "xlsx";

/** Excel opens a UTF-8 CSV correctly only with a byte-order mark (else õ, ä, ж come out garbled). */
const BOM = "\uFEFF";

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: comments are written by the public (OWASP "CSV injection"). Numbers are written as they are.
 */
export function csvField(value: TCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function* csvLines<T>(columns: TColumn<T>[], rows: AsyncIterable<T>): AsyncGenerator<string> {
  yield `${BOM}${columns.map((c) => csvField(c.header)).join(",")}\r\n`;
  for await (const row of rows) yield `${columns.map((c) => csvField(c.value(row))).join(",")}\r\n`;
}

/** A CSV file (UTF-8 with BOM, header row, CRLF) streamed row by row. */
export function csvStream<T>(columns: TColumn<T>[], rows: AsyncIterable<T>): Readable {
  return Readable.from(csvLines(columns, rows));
}

/** An XLSX workbook with one sheet, written by exceljs' streaming writer row by row. */
export function xlsxStream<T>(sheetName: string, columns: TColumn<T>[], rows: AsyncIterable<T>): Readable {
  const out = new PassThrough();
  (async () => {
    // exceljs is loaded on the first workbook, not at every process start.
    const { default: excel } = await import("exceljs");
    const workbook = new excel.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow(columns.map((c) => c.header)).commit();
    for await (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

const CONTENT_TYPE: Record<TTableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Sends a table as a download in the requested format. */
export function sendTable<T>(
  reply: FastifyReply,
  format: TTableFormat,
  {
    name,
    sheet,
    columns,
    rows,
  }: { name: string; sheet: string; columns: TColumn<T>[]; rows: AsyncIterable<T> },
) {
  const stream = format === "csv" ? csvStream(columns, rows) : xlsxStream(sheet, columns, rows);
  return reply
    .header("content-type", CONTENT_TYPE[format])
    .header("content-disposition", `attachment; filename="${name}.${format}"`)
    .header("cache-control", "no-store")
    .send(stream);
}
