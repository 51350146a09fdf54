import { AppError } from "../../http/errors.ts";
import { bytesUpload, tableRows, type TUpload } from "../../http/tabular-file.ts";

/** Columns of a bulk-send file; the header row names them, in any order. */
export const BULK_COLUMNS = [
  "email",
  "name",
  "locale",
  "external_id",
  "phone",
  "occurred_at",
  "service_id",
  "department_id",
  "employee_id",
  "channel_id",
  "audience",
] as const;
export type TBulkColumn = (typeof BULK_COLUMNS)[number];

export const MAX_BULK_ROWS = 100_000;

/** One data row of the file and the line (CSV) or row number (XLSX) it came from. */
export interface TBulkRow {
  line: number;
  values: Partial<Record<TBulkColumn, string>>;
}

function checkHeader(header: string[]): void {
  const unknown = header.filter((c) => c && !(BULK_COLUMNS as readonly string[]).includes(c));
  const noAddress = !header.includes("email") && !header.includes("external_id");
  const problems = [
    unknown.length ? `unknown columns: ${unknown.join(", ")} (known: ${BULK_COLUMNS.join(", ")})` : "",
    noAddress ? "an email or external_id column is needed" : "",
  ].filter(Boolean);
  if (problems.length === 0) return;
  const values = { unknown: unknown.join(", "), known: BULK_COLUMNS.join(", ") };
  const key = unknown.length
    ? noAddress
      ? "upload.header.unknownAndNoAddress"
      : "upload.header.unknown"
    : "upload.header.noAddress";
  throw new AppError("VALIDATION", {
    detail: `The header row: ${problems.join("; ")}`,
    message: { key, values },
  });
}

/** Streams the data rows of an uploaded bulk file (CSV or XLSX), keyed by the header's column names. */
export async function* bulkRows(upload: TUpload): AsyncGenerator<TBulkRow> {
  let header: string[] | null = null;
  for await (const row of tableRows(upload, { maxRows: MAX_BULK_ROWS, dates: "wall" })) {
    if ("header" in row) {
      header = row.header.map((c) => c.trim().toLowerCase());
      checkHeader(header);
      continue;
    }
    if (!header) continue;
    const values: TBulkRow["values"] = {};
    for (let i = 0; i < header.length; i++) {
      const col = header[i];
      if (col && row.cells[i] !== undefined) values[col as TBulkColumn] = row.cells[i];
    }
    yield { line: row.line, values };
  }
}

/** The rows of a CSV text (header row first; UTF-8, optional BOM; comma or semicolon separated). */
export const csvRows = (text: string): AsyncGenerator<TBulkRow> => bulkRows(bytesUpload("csv", text));

/** The rows of the first worksheet of an XLSX workbook in memory. */
export const xlsxRows = (file: Buffer): AsyncGenerator<TBulkRow> => bulkRows(bytesUpload("xlsx", file));
