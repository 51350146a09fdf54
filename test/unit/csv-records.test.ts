import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { CsvRecords, type TCsvRecord } from "../../src/http/csv-records.ts";
import { bytesUpload, tableRows } from "../../src/http/tabular-file.ts";

/** What csv-parse reads with the options uploads used it with. */
function csvParse(text: string, delimiter: string): TCsvRecord[] {
  return (
    parse(text, {
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 1024 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  ).map((r) => ({ line: r.info.lines, cells: r.record }));
}

/** The text read in pieces cut at the given places. */
function read(text: string, delimiter: string, cuts: number[], max = 1024 * 1024): TCsvRecord[] {
  const records = new CsvRecords(delimiter, max);
  const out: TCsvRecord[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    records.push(text.slice(at, cut), out);
    at = cut;
  }
  records.push(text.slice(at), out, true);
  return out;
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A well-formed CSV text: fields plain or quoted (quoted ones may hold delimiters, quotes and line breaks). */
function csvText(next: () => number, delimiter: string, eol: string): string {
  const lines: string[] = [];
  const rows = Math.floor(next() * 8);
  for (let r = 0; r < rows; r++) {
    if (next() < 0.15) {
      lines.push("");
      continue;
    }
    const fields: string[] = [];
    const n = 1 + Math.floor(next() * 4);
    for (let f = 0; f < n; f++) {
      const plain = ["", "a", "bc", " x ", "õun", "1.5", "\t"][Math.floor(next() * 7)];
      if (next() < 0.3) {
        const inner = [plain, `${delimiter}`, '""', "\n", "\r\n", "y"].slice(0, 1 + Math.floor(next() * 6));
        fields.push(`"${inner.join("")}"`);
      } else fields.push(plain);
    }
    lines.push(fields.join(delimiter));
  }
  return (next() < 0.5 ? "\uFEFF" : "") + lines.join(eol) + (next() < 0.5 ? eol : "");
}

describe("CsvRecords", () => {
  it("reads plain, quoted and multi-line records with their lines, whichever way the text is cut", () => {
    const text = 'a,b\n\n"c ""d""",e\r\n"f\ng",h\n,\nlast';
    const expected = [
      { line: 1, cells: ["a", "b"] },
      { line: 3, cells: ['c "d"', "e"] },
      { line: 5, cells: ["f\ng", "h"] },
      { line: 6, cells: ["", ""] },
      { line: 7, cells: ["last"] },
    ];
    assert.deepEqual(read(text, ",", []), expected);
    for (let cut = 0; cut <= text.length; cut++)
      assert.deepEqual(read(text, ",", [cut]), expected, `cut at ${cut}`);
  });

  it("reads what csv-parse reads from well-formed files (LF lines; CRLF outside quoted fields)", () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      const delimiter = next() < 0.5 ? "," : ";";
      const eol = next() < 0.5 ? "\n" : "\r\n";
      const text = csvText(next, delimiter, eol);
      const cuts = Array.from({ length: Math.floor(next() * 4) }, () =>
        Math.floor(next() * (text.length + 1)),
      );
      const ours = read(text, delimiter, cuts);
      const theirs = csvParse(text, delimiter);
      // csv-parse counts a CRLF inside a quoted field as two lines; the cells are the same either way.
      if (eol === "\n" && !text.includes("\r"))
        assert.deepEqual(ours, theirs, `seed ${seed}: ${JSON.stringify(text)}`);
      else
        assert.deepEqual(
          ours.map((r) => r.cells),
          theirs.map((r) => r.cells),
          `seed ${seed}: ${JSON.stringify(text)}`,
        );
    }
  });

  it("refuses what csv-parse refuses: stray quotes, an unclosed quote and an overlong record", () => {
    for (const bad of ['a,b"c\n', '"ab"c,d\n', ' "a",b\n', 'a\n"unclosed\nb']) {
      assert.throws(() => csvParse(bad, ","));
      assert.throws(() => read(bad, ",", []), /Quote/, JSON.stringify(bad));
      assert.throws(() => read(bad, ",", [2]), /Quote/, JSON.stringify(bad));
    }
    assert.throws(() => read(`a\n${"x".repeat(100)}\n`, ",", [], 50), /Max Record Size/);
    assert.throws(() => read(`a\n${"x".repeat(100)}`, ",", [10, 30, 60], 50), /Max Record Size/);
    assert.throws(() => read(`a\n"${"x".repeat(100)}`, ",", [10, 30, 60], 50), /Max Record Size/);
  });

  it("an upload whose lines end in a lone CR (an old Mac file) is still read, by csv-parse", async () => {
    const rows = [];
    for await (const row of tableRows(bytesUpload("csv", "a;b\r1;2\r\r3;4\r"), { maxRows: 10 }))
      rows.push(row);
    assert.deepEqual(rows, [
      { header: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
      { line: 4, cells: ["3", "4"] },
    ]);
  });
});
