import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type * as ExcelJS from "exceljs";
import { checkXlsxArchive } from "../distribution/xlsx-archive.ts";
import { AppError, type TFieldError } from "../../http/errors.ts";
import { type TContactRecordInput, ZContactRecordInput } from "./contracts.ts";

/** Columns of a contact-record file, named like the fields of the JSON intake; the header row names them. */
export const CONTACT_FILE_COLUMNS = [
  "sourceId",
  "kind",
  "queueId",
  "arrivedAt",
  "answeredAt",
  "abandonedAt",
  "endedAt",
  "employeeId",
  "serviceId",
  "resolvedAtFirstContact",
  "callerReference",
  "recordingReference",
] as const;
export const REQUIRED_FILE_COLUMNS = ["sourceId", "kind", "queueId", "arrivedAt"] as const;
export const MAX_FILE_RECORDS = 100_000;
/** Rows read from a workbook, blank ones included. */
const MAX_SCANNED_ROWS = 2 * MAX_FILE_RECORDS;

const byLowerName = new Map(CONTACT_FILE_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** A file row as text cells keyed by header, and the line (CSV) or row number (XLSX) it came from. */
interface TFileRow {
  line: number;
  cells: string[];
}

/** The records of the file, each with its line, and the rows that are not records (line and reason). */
export interface TContactFile {
  records: TContactRecordInput[];
  lines: number[];
  errors: TFieldError[];
  /** Data rows in the file, blank ones not counted. */
  rows: number;
}

function columnsOf(header: string[]): (string | null)[] {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => n && !byLowerName.has(n.toLowerCase()));
  const columns = names.map((n) => byLowerName.get(n.toLowerCase()) ?? null);
  const missing = REQUIRED_FILE_COLUMNS.filter((c) => !columns.includes(c));
  const problems = [
    missing.length ? `missing required column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` : "",
    unknown.length
      ? `unknown columns: ${unknown.join(", ")} (known: ${CONTACT_FILE_COLUMNS.join(", ")})`
      : "",
  ].filter(Boolean);
  if (problems.length)
    throw new AppError("VALIDATION", {
      detail: `The header row: ${problems.join("; ")}`,
      errors: [
        ...missing.map((c) => ({ path: `header.${c}`, message: "this required column is missing" })),
        ...unknown.map((c) => ({ path: `header.${c}`, message: "unknown column" })),
      ],
    });
  return columns;
}

const BOOLEAN: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
};

/** Turns the text cells of one row into a record checked like the JSON intake checks it. */
function toRecord(
  columns: (string | null)[],
  row: TFileRow,
): { record: TContactRecordInput } | { errors: TFieldError[] } {
  const raw: Record<string, unknown> = {};
  const errors: TFieldError[] = [];
  columns.forEach((c, i) => {
    const value = (row.cells[i] ?? "").trim();
    if (!c || value === "") return;
    if (c === "resolvedAtFirstContact") {
      const b = BOOLEAN[value.toLowerCase()];
      if (b === undefined) errors.push({ path: `line ${row.line}.${c}`, message: "must be true or false" });
      else raw[c] = b;
    } else raw[c] = value;
  });
  const parsed = ZContactRecordInput.safeParse(raw);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      errors.push({
        path: [`line ${row.line}`, ...issue.path.map(String)].join("."),
        message: issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message,
      });
  return errors.length || !parsed.success ? { errors } : { record: parsed.data };
}

async function collect(rows: AsyncIterable<{ header: string[] } | TFileRow>): Promise<TContactFile> {
  const out: TContactFile = { records: [], lines: [], errors: [], rows: 0 };
  let columns: (string | null)[] | null = null;
  let seen = 0;
  for await (const row of rows) {
    if ("header" in row) {
      columns = columnsOf(row.header);
      continue;
    }
    if (!columns) continue;
    if (++seen > MAX_FILE_RECORDS)
      throw new AppError("PAYLOAD_TOO_LARGE", { detail: `At most ${MAX_FILE_RECORDS} rows per file.` });
    const checked = toRecord(columns, row);
    if ("record" in checked) {
      out.records.push(checked.record);
      out.lines.push(row.line);
    } else out.errors.push(...checked.errors);
  }
  if (!columns) throw new AppError("VALIDATION", { detail: "The file is empty: a header row is needed." });
  out.rows = seen;
  if (seen === 0) throw new AppError("VALIDATION", { detail: "The file has a header row but no records." });
  return out;
}

async function* csvLines(text: string): AsyncGenerator<{ header: string[] } | TFileRow> {
  const end = text.indexOf("\n");
  const firstLine = end < 0 ? text : text.slice(0, end);
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  const parser = Readable.from([text]).pipe(
    parse({ delimiter, bom: true, info: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (first) {
        first = false;
        yield { header: record };
      } else yield { line: info.lines, cells: record };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION", { detail: `The file is not valid CSV: ${(err as Error).message}` });
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== "object") return String(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v) return String(v.text);
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
  return "";
}

async function* xlsxLines(file: Buffer): AsyncGenerator<{ header: string[] } | TFileRow> {
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
  let first = true;
  let scanned = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (++scanned > MAX_SCANNED_ROWS)
          throw new AppError("PAYLOAD_TOO_LARGE", {
            detail: `At most ${MAX_SCANNED_ROWS} rows per workbook, blank rows included.`,
          });
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (cells.every((c) => c.trim() === "")) continue;
        if (first) {
          first = false;
          yield { header: cells };
        } else yield { line: row.number, cells };
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

/** Reads a CSV text or an XLSX workbook of contact records; header errors and limits are thrown. */
export function readContactFile(file: string | Buffer): Promise<TContactFile> {
  return collect(typeof file === "string" ? csvLines(file) : xlsxLines(file));
}
