import { inflateSync } from "node:zlib";

/**
 * A small PDF reader for tests: checks the file structure (header, cross-reference table, trailer) and extracts
 * the text drawn on the pages the way a viewer's copy-and-paste or `pdftotext` does: it inflates the content
 * streams, follows the text operators (Tf, Tj, TJ) and maps glyph codes back to characters through each font's
 * ToUnicode table (embedded TrueType subsets) or WinAnsi (standard fonts). It handles what PDFKit writes, not
 * every PDF.
 */

interface TPdfObject {
  dict: string;
  stream?: Buffer;
}

/** Every object of the file by number, with its dictionary and its (inflated) stream. */
export function pdfObjects(pdf: Buffer): Map<number, TPdfObject> {
  const text = pdf.toString("latin1");
  const objects = new Map<number, TPdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf("endobj", start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    const dict = streamAt >= 0 ? body.slice(0, streamAt) : body;
    let stream: Buffer | undefined;
    if (streamAt >= 0) {
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const from = start + streamAt + (body.slice(streamAt).startsWith("stream\r\n") ? 8 : 7);
      const raw = pdf.subarray(from, from + length);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

/** Throws unless the file has a PDF header, a trailer, and a cross-reference table whose offsets hit its objects. */
export function assertPdfStructure(pdf: Buffer): void {
  const text = pdf.toString("latin1");
  if (!text.startsWith("%PDF-1.")) throw new Error("no %PDF header");
  if (!text.trimEnd().endsWith("%%EOF")) throw new Error("no %%EOF trailer");
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  if (!text.startsWith("xref", startxref)) throw new Error("startxref does not point at the xref table");
  const table = /xref\s+0 (\d+)\s+([\s\S]*?)trailer/.exec(text.slice(startxref));
  if (!table) throw new Error("no xref table");
  const entries = table[2].trim().split(/\s*\n\s*/);
  if (entries.length !== Number(table[1])) throw new Error("xref size mismatch");
  entries.forEach((entry, n) => {
    const [offset, , kind] = entry.split(" ");
    if (kind === "n" && !text.startsWith(`${n} 0 obj`, Number(offset)))
      throw new Error(`xref entry ${n} does not point at object ${n}`);
  });
}

function utf16(spaced: string): string {
  const hex = spaced.replace(/\s/g, "");
  let out = "";
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** Glyph code → text, from a ToUnicode CMap (bfchar and bfrange sections). */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of section[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(Number.parseInt(m[1], 16), utf16(m[2]));
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of section[1].matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = Number.parseInt(m[1], 16);
      const hi = Number.parseInt(m[2], 16);
      if (m[3].startsWith("[")) {
        [...m[3].matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((d, i) => {
          map.set(lo + i, utf16(d[1]));
        });
      } else {
        const base = Number.parseInt(m[3].slice(1, -1).replace(/\s/g, ""), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  return map;
}

const winAnsi = new TextDecoder("windows-1252");

function literalBytes(s: string): Buffer {
  const unescaped = s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
    if (simple[e]) return simple[e];
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return e;
  });
  return Buffer.from(unescaped, "latin1");
}

/** The text of every page, one line per text object (BT … ET). */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const text = pdf.toString("latin1");
  const fontMaps = new Map<string, Map<number, string> | null>();
  for (const m of text.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const font = objects.get(Number(m[2]));
    const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
    const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
    fontMaps.set(m[1], cmap ? parseCMap(cmap.toString("latin1")) : null);
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    const content = stream?.toString("latin1");
    if (!content || !/\bBT\b/.test(content) || !/\bTf\b/.test(content)) continue;
    let font: Map<number, string> | null = null;
    let line = "";
    const decode = (hex: string | null, literal: string | null) => {
      const bytes = hex !== null ? Buffer.from(hex.replace(/\s/g, ""), "hex") : literalBytes(literal ?? "");
      if (!font) return winAnsi.decode(bytes);
      let out = "";
      for (let i = 0; i + 1 < bytes.length; i += 2) out += font.get(bytes.readUInt16BE(i)) ?? "\uFFFD";
      return out;
    };
    const tokens =
      /\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\b(BT|ET)\b/g;
    for (const t of content.matchAll(tokens)) {
      if (t[1]) font = fontMaps.get(t[1]) ?? null;
      else if (t[2] !== undefined) line += decode(t[2], null);
      else if (t[3] !== undefined) line += decode(null, t[3]);
      else if (t[4] !== undefined)
        for (const part of t[4].matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g))
          line += part[1] !== undefined ? decode(part[1], null) : decode(null, part[2]);
      else if (t[5] === "ET") {
        lines.push(line);
        line = "";
      }
    }
  }
  return lines.join("\n");
}
