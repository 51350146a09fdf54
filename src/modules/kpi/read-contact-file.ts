import { AppError, fieldsProblem } from "../../http/errors.ts";
import { tableRowBatches, type TUpload } from "../../http/tabular-file.ts";
import { type TContactRecordInput, ZContactRecordInput } from "./contracts.ts";
import { rowProblem, type TRowProblem, zodRowProblem } from "./row-problems.ts";

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
export const MAX_FILE_RECORDS = 1_000_000;

const byLowerName = new Map(CONTACT_FILE_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** A file row as text cells keyed by header, and the line (CSV) or row number (XLSX) it came from. */
interface TFileRow {
  line: number;
  cells: string[];
}

function columnsOf(header: string[]): (string | null)[] {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => n && !byLowerName.has(n.toLowerCase()));
  const columns = names.map((n) => byLowerName.get(n.toLowerCase()) ?? null);
  const missing = REQUIRED_FILE_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length === 0 && unknown.length === 0) return columns;
  const values = {
    missing: missing.join(", "),
    unknown: unknown.join(", "),
    known: CONTACT_FILE_COLUMNS.join(", "),
  };
  const key = missing.length
    ? unknown.length
      ? "kpiUpload.header.missingAndUnknown"
      : "kpiUpload.header.missing"
    : "kpiUpload.header.unknown";
  throw fieldsProblem(
    [
      ...missing.map((c) => ({
        path: `header.${c}`,
        code: "missing_column",
        message: { key: "kpiUpload.header.missingField" },
      })),
      ...unknown.map((c) => ({
        path: `header.${c}`,
        code: "unknown_column",
        message: { key: "kpiUpload.header.unknownField" },
      })),
    ],
    { detail: { key, values } },
  );
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
): { record: TContactRecordInput } | { errors: TRowProblem[] } {
  const raw: Record<string, unknown> = {};
  const errors: TRowProblem[] = [];
  columns.forEach((c, i) => {
    const value = (row.cells[i] ?? "").trim();
    if (!c || value === "") return;
    if (c === "resolvedAtFirstContact") {
      const b = BOOLEAN[value.toLowerCase()];
      if (b === undefined)
        errors.push(rowProblem(`line ${row.line}.${c}`, "not_boolean", "kpiUpload.row.notBoolean"));
      else raw[c] = b;
    } else raw[c] = value;
  });
  const parsed = ZContactRecordInput.safeParse(raw);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      errors.push(zodRowProblem([`line ${row.line}`, ...issue.path.map(String)].join("."), issue));
  return errors.length || !parsed.success ? { errors } : { record: parsed.data };
}

/** One row of the file: the record it holds, or what is wrong with it. */
export type TContactFileRow =
  | { line: number; record: TContactRecordInput }
  | { line: number; errors: TRowProblem[] };

/**
 * Streams the rows of a CSV or XLSX file of contact records in batches (in file order), each row checked like
 * the JSON intake checks it; a header, size or format problem is thrown (a 400 or 413 naming it).
 */
export async function* contactFileRows(upload: TUpload): AsyncGenerator<TContactFileRow[]> {
  let columns: (string | null)[] | null = null;
  let seen = 0;
  for await (const rows of tableRowBatches(upload, { maxRows: MAX_FILE_RECORDS, dates: "instant" })) {
    const out: TContactFileRow[] = [];
    for (const row of rows) {
      if ("header" in row) {
        columns = columnsOf(row.header);
        continue;
      }
      if (!columns) continue;
      seen++;
      const checked = toRecord(columns, row);
      out.push(
        "record" in checked ? { line: row.line, record: checked.record } : { line: row.line, ...checked },
      );
    }
    if (out.length) yield out;
  }
  if (!columns) throw new AppError("VALIDATION", { message: { key: "kpiUpload.empty" } });
  if (seen === 0) throw new AppError("VALIDATION", { message: { key: "kpiUpload.noRecords" } });
}
