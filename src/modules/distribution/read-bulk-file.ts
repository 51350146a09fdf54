import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type * as ExcelJS from "exceljs";
import { AppError } from "../../http/errors.ts";
import { checkXlsxArchive } from "./xlsx-archive.ts";

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
/** Rows read from a workbook, blank ones included: a sheet of blank rows costs as much to read as any other. */
export const MAX_SCANNED_ROWS = 2 * MAX_BULK_ROWS;
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** One data row of the file and the line (CSV) or row number (XLSX) it came from. */
export interface TBulkRow {
  line: number;
  values: Partial<Record<TBulkColumn, string>>;
}

function checkHeader(header: string[]): void {
  const unknown = header.filter((c) => c && !(BULK_COLUMNS as readonly string[]).includes(c));
  const problems = [
    unknown.length ? `unknown columns: ${unknown.join(", ")} (known: ${BULK_COLUMNS.join(", ")})` : "",
    header.includes("email") || header.includes("external_id")
      ? ""
      : "an email or external_id column is needed",
  ].filter(Boolean);
  if (problems.length) throw new AppError("VALIDATION", { detail: `The header row: ${problems.join("; ")}` });
}

function tooMany(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", { detail: `At most ${MAX_BULK_ROWS} rows per file.` });
}

/** Streams the rows of a CSV file (header row first; UTF-8, optional BOM; comma or semicolon separated). */
export async function* csvRows(text: string): AsyncGenerator<TBulkRow> {
  const end = text.indexOf("\n");
  const firstLine = end < 0 ? text : text.slice(0, end);
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  let header: string[] = [];
  const parser = Readable.from([text]).pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
    }),
  );
  let count = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (count === 0) checkHeader(header);
      if (++count > MAX_BULK_ROWS) throw tooMany();
      yield { line: info.lines, values: record };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION", { detail: `The file is not valid CSV: ${(err as Error).message}` });
  }
  if (count === 0 && header.length) checkHeader(header);
}

/** A cell as text; dates become the wall-clock reading they show (a spreadsheet has no time zone). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 19);
  if (typeof v !== "object") return String(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v) return String(v.text);
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
  return "";
}

/** Streams the rows of the first worksheet of an XLSX workbook (header in its first non-empty row). */
export async function* xlsxRows(file: Buffer): AsyncGenerator<TBulkRow> {
  const archive = await checkXlsxArchive(file);
  // exceljs is loaded on the first workbook, not at every process start.
  const { default: excel } = await import("exceljs");
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([archive]), {
    sharedStrings: "cache",
    hyperlinks: "cache",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  let header: string[] | null = null;
  let count = 0;
  let scanned = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (++scanned > MAX_SCANNED_ROWS) {
          throw new AppError("PAYLOAD_TOO_LARGE", {
            detail: `At most ${MAX_SCANNED_ROWS} rows per workbook, blank rows included.`,
          });
        }
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!header) {
          header = cells.map((c) => c.trim().toLowerCase());
          checkHeader(header);
          continue;
        }
        if (cells.every((c) => c.trim() === "")) continue;
        if (++count > MAX_BULK_ROWS) throw tooMany();
        const values: TBulkRow["values"] = {};
        header.forEach((col, i) => {
          if (col) values[col as TBulkColumn] = cells[i] ?? "";
        });
        yield { line: row.number, values };
      }
      break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION", {
      detail: `The file is not a readable XLSX workbook: ${(err as Error).message}`,
    });
  }
}
