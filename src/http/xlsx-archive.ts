import { createInflateRaw, crc32 } from "node:zlib";
import { AppError } from "./errors.ts";

/** Most bytes all parts of an uploaded workbook may unpack to (100,000 rows of 11 columns take ~70 MB). */
export const MAX_XLSX_UNPACKED = 128 * 1024 * 1024;
const MAX_PARTS = 1000;
const MB = 1024 * 1024;

interface TEntry {
  name: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Buffer;
}

const damaged = (why: string) =>
  new AppError("VALIDATION", {
    detail: `The file is not a readable XLSX workbook: ${why}.`,
    message: { key: "upload.notXlsx" },
  });
const tooBig = (what: string) =>
  new AppError("PAYLOAD_TOO_LARGE", {
    detail: `The workbook is too large unpacked: ${what}; at most ${MAX_XLSX_UNPACKED / MB} MB in all.`,
    message: { key: "upload.xlsxTooLarge", values: { mb: String(MAX_XLSX_UNPACKED / MB) } },
  });

/** The entries of the central directory (the archive's own index, which a streaming reader never sees). */
function readDirectory(file: Buffer): TEntry[] {
  const from = Math.max(0, file.length - 22 - 65_535);
  let end = -1;
  for (let i = file.length - 22; i >= from && end < 0; i--) if (file.readUInt32LE(i) === 0x06054b50) end = i;
  if (end < 0) throw damaged("it is not a zip archive");
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw damaged("ZIP64 archives are not supported");
  if (count > MAX_PARTS) throw damaged(`more than ${MAX_PARTS} parts`);
  const entries: TEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50)
      throw damaged("its directory is broken");
    const nameLength = file.readUInt16LE(at + 28);
    const compressed = file.readUInt32LE(at + 20);
    const local = file.readUInt32LE(at + 42);
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50)
      throw damaged("a part is missing");
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (start + compressed > file.length) throw damaged("a part is cut short");
    entries.push({
      name: file.toString("utf8", at + 46, at + 46 + nameLength),
      flags: file.readUInt16LE(at + 8),
      method: file.readUInt16LE(at + 10),
      time: file.readUInt16LE(at + 12),
      date: file.readUInt16LE(at + 14),
      crc: file.readUInt32LE(at + 16),
      size: file.readUInt32LE(at + 24),
      data: file.subarray(start, start + compressed),
    });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

/** Inflates a part only to count its bytes and check its CRC, stopping as soon as it outgrows its stated size. */
async function checkInflated(e: TEntry): Promise<void> {
  if (e.method === 0) {
    if (e.data.length !== e.size || crc32(e.data) >>> 0 !== e.crc) throw damaged(`${e.name} is damaged`);
    return;
  }
  const inflate = createInflateRaw();
  let size = 0;
  let crc = 0;
  const done = new Promise<void>((resolve, reject) => {
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      crc = crc32(chunk, crc);
      if (size > e.size) {
        inflate.destroy();
        reject(tooBig(`${e.name} unpacks to more than the ${e.size} bytes its header states`));
      }
    });
    inflate.on("end", resolve);
    inflate.on("error", () => reject(damaged(`${e.name} is damaged`)));
  });
  inflate.end(e.data);
  await done;
  if (size !== e.size || crc >>> 0 !== e.crc) throw damaged(`${e.name} is damaged`);
}

/** The entries as a new archive: only what the directory lists and was checked, index parts before sheets. */
function rebuild(entries: TEntry[]): Buffer {
  // The sheet reader buffers a worksheet in a temporary file when it comes before the shared strings.
  const ordered = [...entries].sort(
    (a, b) => Number(a.name.startsWith("xl/worksheets/")) - Number(b.name.startsWith("xl/worksheets/")),
  );
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    const name = Buffer.from(e.name, "utf8");
    const head = (size: number, at: number) => {
      const b = Buffer.alloc(size);
      b.writeUInt16LE(20, at);
      b.writeUInt16LE(e.flags & 0x0800, at + 2); // sizes are known: no data descriptor; UTF-8 names stay so
      b.writeUInt16LE(e.method, at + 4);
      b.writeUInt16LE(e.time, at + 6);
      b.writeUInt16LE(e.date, at + 8);
      b.writeUInt32LE(e.crc, at + 10);
      b.writeUInt32LE(e.data.length, at + 14);
      b.writeUInt32LE(e.size, at + 18);
      b.writeUInt16LE(name.length, at + 22);
      return b;
    };
    const local = head(30, 4);
    local.writeUInt32LE(0x04034b50, 0);
    const cd = head(46, 6);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(ordered.length, 8);
  end.writeUInt16LE(ordered.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Checks an uploaded XLSX archive before any of it is parsed: the sizes its directory states (a few kilobytes
 * can unpack to gigabytes), then each part inflated and counted without being kept, since headers can lie.
 * Returns the archive rebuilt from the checked parts only, so the reader sees nothing that was not counted.
 */
export async function checkXlsxArchive(file: Buffer): Promise<Buffer> {
  const entries = readDirectory(file);
  for (const e of entries) {
    if (e.flags & 1) throw damaged(`${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw damaged(`${e.name} uses an unsupported compression`);
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_XLSX_UNPACKED) {
    const largest = entries.reduce((a, b) => (b.size > a.size ? b : a));
    const mb = (n: number) => `${Math.round(n / MB)} MB`;
    throw tooBig(`it would unpack to ${mb(total)} (${largest.name} alone to ${mb(largest.size)})`);
  }
  for (const e of entries) await checkInflated(e);
  return rebuild(entries);
}
