import { constants, crc32, deflateRawSync } from "node:zlib";

/** A piece of a part's text, repeated `times` times (so a huge part never exists unpacked in the test). */
export interface TPiece {
  text: string;
  times?: number;
}

export interface TZipPart {
  name: string;
  pieces: TPiece[];
  /** The uncompressed size written in the headers, when the test wants it to lie. */
  declaredSize?: number;
}

/**
 * Deflates the pieces: each is compressed once with a full flush (byte-aligned, no back references across it),
 * so repeating its compressed bytes repeats its text; a final empty block ends the stream.
 */
function deflatePieces(pieces: TPiece[]): { data: Buffer; size: number; crc: number } {
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const { text, times = 1 } of pieces) {
    const raw = Buffer.from(text, "utf8");
    const seg = deflateRawSync(raw, { finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) {
      out.push(seg);
      crc = crc32(raw, crc);
    }
    size += raw.length * times;
  }
  out.push(deflateRawSync(Buffer.alloc(0)));
  return { data: Buffer.concat(out), size, crc };
}

/** A zip archive (deflate, no data descriptors) of the parts, in order. */
export function zip(parts: TZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const { data, size, crc } = deflatePieces(part.pieces);
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface TXlsxOptions {
  /** Shared strings; cells refer to them by index. */
  strings: string[];
  /** Extra shared-string text repeated after the real strings (to make the part huge). */
  padding?: TPiece;
  /** Rows of shared-string indexes (row 1 is the header). */
  rows: number[][];
  /** Blank rows written before the data rows after the header. */
  blankRows?: number;
  /** Overrides the declared size of xl/sharedStrings.xml. */
  sharedStringsDeclaredSize?: number;
}

const col = (i: number) => String.fromCharCode(65 + i);
const rowXml = (r: number, cells: number[]) =>
  `<row r="${r}">${cells.map((s, i) => `<c r="${col(i)}${r}" t="s"><v>${s}</v></c>`).join("")}</row>`;

/** A minimal XLSX workbook with one sheet, built in memory. */
export function xlsxBytes(o: TXlsxOptions): Buffer {
  const blank = o.blankRows ?? 0;
  const [header, ...data] = o.rows;
  const sheet: TPiece[] = [
    { text: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>` },
  ];
  if (header) sheet.push({ text: rowXml(1, header) });
  // One repeated piece (every blank row says it is row 2): the archive stays a few kilobytes.
  const row = '<row r="2"></row>';
  if (blank >= 1000) sheet.push({ text: row.repeat(1000), times: Math.floor(blank / 1000) });
  if (blank % 1000) sheet.push({ text: row.repeat(blank % 1000) });
  data.forEach((cells, i) => {
    sheet.push({ text: rowXml(blank + i + 2, cells) });
  });
  sheet.push({ text: "</sheetData></worksheet>" });
  const si = o.strings.map((s) => `<si><t>${s}</t></si>`).join("");
  const strings: TPiece[] = [
    { text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${si}` },
    ...(o.padding ? [o.padding] : []),
    { text: "</sst>" },
  ];
  return zip([
    {
      name: "[Content_Types].xml",
      pieces: [
        {
          text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
        },
      ],
    },
    {
      name: "_rels/.rels",
      pieces: [
        {
          text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        },
      ],
    },
    {
      name: "xl/workbook.xml",
      pieces: [
        {
          text: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        },
      ],
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      pieces: [
        {
          text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        },
      ],
    },
    { name: "xl/sharedStrings.xml", pieces: strings, declaredSize: o.sharedStringsDeclaredSize },
    { name: "xl/worksheets/sheet1.xml", pieces: sheet },
  ]);
}
