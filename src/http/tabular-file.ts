import { createReadStream, createWriteStream } from "node:fs";
import { type FileHandle, mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { parse } from "csv-parse";
import type * as ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CsvRecords, type TCsvRecord } from "./csv-records.ts";
import { checkXlsxArchive } from "./xlsx-archive.ts";
import { AppError } from "./errors.ts";
import { notInEncoding, uploadEncoding } from "./strict-input.ts";

/**
 * The one reader of uploaded tables (bulk invitations, contact records): the request body is streamed to a
 * temporary file with a byte limit, then read row by row as often as its importer needs, so memory stays the
 * same whatever the file's size. CSV goes through a streaming parser in the declared encoding; an XLSX workbook
 * (a zip archive, whose index is at its end) is checked against unpacking bombs and then read with exceljs'
 * streaming reader.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPES = ["text/csv", "application/csv"];
const MB = 1024 * 1024;

/** An uploaded file kept on disk for as long as its request runs. */
export interface TUpload {
  kind: "csv" | "xlsx";
  /** The temporary file, or the bytes themselves (a file built in memory). */
  file: string | Buffer;
  bytes: number;
  /** The text encoding of a CSV file. */
  encoding: string;
}

/** The header row (first non-blank row), then each data row with its line (CSV) or row number (XLSX). */
export type TTableRow = { header: string[] } | { line: number; cells: string[] };

export interface TReadOptions {
  /** Most data rows (blank ones not counted); more is a 413. */
  maxRows: number;
  /** How a date cell of a workbook reads: the wall-clock time it shows, or the instant in ISO 8601. */
  dates?: "wall" | "instant";
}

/** The body schema of an upload route: the request stream (documented as the file's bytes). */
export const ZUploadBody = z
  .custom<Readable>(
    (v) => typeof (v as { pipe?: unknown })?.pipe === "function",
    "send the file as the request body (text/csv or XLSX)",
  )
  .meta({ type: "string", format: "binary" });

/**
 * Lets the routes of this (encapsulated) scope take CSV and XLSX bodies as streams: nothing is buffered before
 * the route's access checks have passed, and the route decides how much it reads.
 */
export function streamUploads(app: FastifyInstance): void {
  for (const type of [...CSV_TYPES, XLSX_TYPE]) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }
}

/**
 * Streams a request body to a temporary file, refusing more than `maxBytes` (CSV) or `maxXlsxBytes` (a
 * workbook is read whole to check its archive), and calls `use` with it; the file is removed afterwards.
 */
export async function withUpload<T>(
  body: Readable,
  contentType: string | undefined,
  limits: { maxBytes: number; maxXlsxBytes: number },
  use: (upload: TUpload) => Promise<T>,
): Promise<T> {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const kind = type === XLSX_TYPE ? "xlsx" : "csv";
  const encoding = kind === "csv" ? uploadEncoding(contentType) : "utf-8";
  const max = kind === "xlsx" ? limits.maxXlsxBytes : limits.maxBytes;
  const dir = await mkdtemp(path.join(tmpdir(), "kaja-upload-"));
  const file = path.join(dir, kind === "xlsx" ? "upload.xlsx" : "upload.csv");
  try {
    let bytes = 0;
    const out = createWriteStream(file);
    // Not a pipeline: past the limit the request is left paused, not destroyed, so the 413 can still be sent.
    await new Promise<void>((resolve, reject) => {
      const stop = (err: Error) => {
        body.off("data", onData);
        body.off("end", onEnd);
        body.off("error", stop);
        body.pause();
        out.destroy();
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > max) {
          stop(
            new AppError("PAYLOAD_TOO_LARGE", {
              detail: `The file is larger than ${Math.round(max / MB)} MB.`,
              message: { key: "upload.tooLarge", values: { mb: String(Math.round(max / MB)) } },
            }),
          );
          return;
        }
        if (!out.write(chunk)) {
          body.pause();
          out.once("drain", () => body.resume());
        }
      };
      const onEnd = () => {
        body.off("data", onData);
        body.off("error", stop);
        out.end(() => resolve());
      };
      out.on("error", stop);
      body.on("data", onData);
      body.on("end", onEnd);
      body.on("error", stop);
    });
    if (bytes === 0)
      throw new AppError("VALIDATION", {
        detail: "The request has no file: send the file as the request body (text/csv or XLSX).",
        message: { key: "upload.noFile" },
        errors: [{ path: "body", message: "send the file as the request body (text/csv or XLSX)" }],
        fieldMessages: [{ key: "upload.noFileField" }],
      });
    return await use({ kind, file, bytes, encoding });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An upload from bytes in memory (for files the server builds itself, and tests). */
export function bytesUpload(kind: TUpload["kind"], data: string | Buffer): TUpload {
  const file = typeof data === "string" ? Buffer.from(data) : data;
  return { kind, file, bytes: file.length, encoding: "utf-8" };
}

/** Reads the rows of an upload (again from its start at every call). */
export async function* tableRows(upload: TUpload, options: TReadOptions): AsyncGenerator<TTableRow> {
  for await (const batch of tableRowBatches(upload, options)) yield* batch;
}

/** Rows handed over together by `tableRowBatches`: a promise per batch, not per row, on a million-row file. */
const BATCH_ROWS = 1_000;

/**
 * The rows of an upload in batches of up to a thousand, in file order (the header alone in the first): for
 * importers of large files, which then wait once a batch rather than once a row.
 */
export async function* tableRowBatches(upload: TUpload, options: TReadOptions): AsyncGenerator<TTableRow[]> {
  if (upload.kind === "csv") {
    yield* csvRows(upload, options);
    return;
  }
  let batch: TTableRow[] = [];
  for await (const row of xlsxRows(upload, options)) {
    batch.push(row);
    if ("header" in row || batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const tooMany = (max: number) =>
  new AppError("PAYLOAD_TOO_LARGE", {
    detail: `At most ${max.toLocaleString("en")} rows per file.`,
    message: { key: "upload.tooManyRows", values: { max: String(max) } },
  });

/**
 * Comma or semicolon, whichever the first line has more of (Excel in Estonia writes semicolons); and whether the
 * first line ends in a lone CR (an old Mac file), which only csv-parse reads.
 */
async function csvLayout(upload: TUpload): Promise<{ delimiter: string; crLines: boolean }> {
  let head: Buffer = Buffer.alloc(64 * 1024);
  if (typeof upload.file === "string") {
    const handle = await open(upload.file, "r");
    try {
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } else head = upload.file.subarray(0, head.length);
  const text = new TextDecoder(upload.encoding).decode(head);
  const end = text.search(/[\r\n]/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const crLines = end >= 0 && text[end] === "\r" && end + 1 < text.length && text[end + 1] !== "\n";
  return { delimiter: firstLine.split(";").length > firstLine.split(",").length ? ";" : ",", crLines };
}

/** Decodes a byte stream strictly: bytes invalid in the encoding fail the read. */
function decoder(encoding: string): Transform {
  const text = new TextDecoder(encoding, { fatal: true });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, next) {
      try {
        next(null, text.decode(chunk, { stream: true }));
      } catch {
        next(notInEncoding(encoding));
      }
    },
    flush(next) {
      try {
        next(null, text.decode());
      } catch {
        next(notInEncoding(encoding));
      }
    },
  });
}

/** Resolves when the stream has more to read, has ended or has failed. */
function readable(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("readable", done);
      stream.off("end", done);
      stream.off("error", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("readable", done);
    stream.on("end", done);
    stream.on("error", done);
    stream.on("close", done);
  });
}

const MAX_RECORD_SIZE = 1024 * 1024;

const notCsv = (err: unknown) =>
  err instanceof AppError
    ? err
    : new AppError("VALIDATION", {
        detail: `The file is not valid CSV: ${(err as Error).message}`,
        message: { key: "upload.notCsv" },
      });

/**
 * The rows of a CSV upload in batches of up to BATCH_ROWS, the header alone in the first. Read by `CsvRecords`
 * (about ten times as fast as csv-parse on a plain file); a file whose lines end in a lone CR by csv-parse.
 */
async function* csvRows(upload: TUpload, options: TReadOptions): AsyncGenerator<TTableRow[]> {
  const { delimiter, crLines } = await csvLayout(upload);
  if (crLines) {
    yield* csvParseRows(upload, delimiter, options);
    return;
  }
  const text = new TextDecoder(upload.encoding, { fatal: true });
  const records = new CsvRecords(delimiter, MAX_RECORD_SIZE);
  let header = false;
  let count = 0;
  const found: TCsvRecord[] = [];
  /** The records found so far as table rows, in batches; the header alone. */
  function* batches(): Generator<TTableRow[]> {
    let at = 0;
    if (!header && found.length) {
      header = true;
      at = 1;
      yield [{ header: found[0].cells }];
    }
    while (at < found.length) {
      const take = found.slice(at, at + BATCH_ROWS);
      at += take.length;
      count += take.length;
      if (count > options.maxRows) throw tooMany(options.maxRows);
      yield take;
    }
    found.length = 0;
  }
  const handle = typeof upload.file === "string" ? await open(upload.file, "r") : undefined;
  try {
    for await (const chunk of fileChunks(upload.file, handle)) {
      let decoded: string;
      try {
        decoded = text.decode(chunk, { stream: true });
      } catch {
        throw notInEncoding(upload.encoding);
      }
      records.push(decoded, found);
      yield* batches();
    }
    let decoded: string;
    try {
      decoded = text.decode();
    } catch {
      throw notInEncoding(upload.encoding);
    }
    records.push(decoded, found, true);
    yield* batches();
  } catch (err) {
    throw notCsv(err);
  } finally {
    await handle?.close();
  }
}

/**
 * Bytes read and decoded at a time. Small enough that the decoded text (and the text of a piece joined to the
 * unfinished line before it) is an ordinary young-generation string: pieces of 256 kB made strings that V8 keeps
 * in its large-object space until a full collection: reading a million contact records took 2.3 s of CPU
 * against 0.6 s with 64 kB, and reading, checking and staging them a heap of up to 161 MB against 67 MB
 * (bench/kpi-upload-cpu.ts).
 */
const READ_BYTES = 64 * 1024;

/**
 * The bytes of an upload a piece at a time, the file read again and again into one buffer (each piece is
 * decoded before the next is read), rather than a new buffer a piece outside the heap.
 */
async function* fileChunks(
  file: string | Buffer,
  handle: FileHandle | undefined,
): AsyncGenerator<Uint8Array> {
  if (!handle) {
    for (let at = 0; at < file.length; at += READ_BYTES) yield (file as Buffer).subarray(at, at + READ_BYTES);
    return;
  }
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** The rows of a CSV upload read by csv-parse (a file whose lines end in a lone CR). */
async function* csvParseRows(
  upload: TUpload,
  delimiter: string,
  { maxRows }: TReadOptions,
): AsyncGenerator<TTableRow[]> {
  const source =
    typeof upload.file === "string"
      ? createReadStream(upload.file, { highWaterMark: 256 * 1024 })
      : Readable.from([upload.file]);
  const text = decoder(upload.encoding);
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_SIZE,
  });
  source.on("error", (err: Error) => parser.destroy(err));
  text.on("error", (err: Error) => parser.destroy(err));
  // Read below, record by record, without a promise per record; an error is kept for the reader.
  parser.on("error", () => {});
  source.pipe(text).pipe(parser);
  let header = false;
  let count = 0;
  try {
    for (;;) {
      const batch: TTableRow[] = [];
      while (batch.length < BATCH_ROWS) {
        const item: { record: string[]; info: { lines: number } } | null = parser.read();
        if (item === null) break;
        if (!header) {
          header = true;
          batch.push({ header: item.record });
          break;
        }
        if (++count > maxRows) throw tooMany(maxRows);
        batch.push({ line: item.info.lines, cells: item.record });
      }
      if (batch.length) {
        yield batch;
        continue;
      }
      if (parser.errored) throw parser.errored;
      if (parser.readableEnded || parser.destroyed) break;
      await readable(parser);
    }
  } catch (err) {
    throw notCsv(err);
  } finally {
    source.destroy();
    text.destroy();
    parser.destroy();
  }
}

/** A cell as text; a date shows its wall-clock reading (a spreadsheet has no time zone) or its instant. */
function cellText(v: ExcelJS.CellValue, dates: "wall" | "instant"): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return dates === "wall" ? v.toISOString().slice(0, 19) : v.toISOString();
  if (typeof v !== "object") return String(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("text" in v) return String(v.text);
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue, dates);
  return "";
}

/** The rows of the first worksheet; blank rows count towards twice the row limit (they cost as much to read). */
async function* xlsxRows(
  upload: TUpload,
  { maxRows, dates = "wall" }: TReadOptions,
): AsyncGenerator<TTableRow> {
  const archive = await checkXlsxArchive(
    typeof upload.file === "string" ? await readFile(upload.file) : upload.file,
  );
  // exceljs is loaded on the first workbook, not at every process start.
  const { default: excel } = await import("exceljs");
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([archive]), {
    sharedStrings: "cache",
    hyperlinks: "cache",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  const maxScanned = 2 * maxRows;
  let header = false;
  let count = 0;
  let scanned = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (++scanned > maxScanned)
          throw new AppError("PAYLOAD_TOO_LARGE", {
            detail: `At most ${maxScanned} rows per workbook, blank rows included.`,
            message: { key: "upload.tooManyWorkbookRows", values: { max: String(maxScanned) } },
          });
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map((c) => cellText(c, dates));
        if (cells.every((c) => c.trim() === "")) continue;
        if (!header) {
          header = true;
          yield { header: cells };
          continue;
        }
        if (++count > maxRows) throw tooMany(maxRows);
        yield { line: row.number, cells };
      }
      break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION", {
      detail: `The file is not a readable XLSX workbook: ${(err as Error).message}`,
      message: { key: "upload.notXlsx" },
    });
  }
}
