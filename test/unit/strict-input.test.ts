import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../src/http/errors.ts";
import {
  decodeUpload,
  findNul,
  isCalendarDate,
  isCalendarMonth,
  parseInstant,
  parseWhole,
} from "../../src/http/strict-input.ts";

describe("strict input primitives", () => {
  it("reads whole numbers as plain digits only, and text only where text is expected", () => {
    for (const ok of ["0", "7", "10"]) assert.equal(parseWhole(ok, 0, 10, { text: true }), Number(ok));
    for (const bad of ["0x7", "1e1", "+7", " 7", "7 ", "7.0", "07", "", "11", "-1", "٧"]) {
      assert.equal(parseWhole(bad, 0, 10, { text: true }), undefined, JSON.stringify(bad));
    }
    assert.equal(parseWhole(7, 0, 10, { text: false }), 7);
    assert.equal(parseWhole("7", 0, 10, { text: false }), undefined, "JSON wants a number");
    assert.equal(parseWhole(7.5, 0, 10, { text: false }), undefined);
  });

  it("accepts only real calendar dates and months in 1900–2999", () => {
    assert.equal(isCalendarDate("2024-02-29"), true);
    assert.equal(isCalendarDate("1900-01-01"), true);
    assert.equal(isCalendarDate("2999-12-31"), true);
    for (const bad of ["2026-02-30", "2026-02-29", "0000-01-01", "1899-12-31", "3000-01-01", "2026-1-01"]) {
      assert.equal(isCalendarDate(bad), false, bad);
    }
    assert.equal(isCalendarMonth("2026-03"), true);
    for (const bad of ["0000-01", "2026-13", "2026-00", "2026-3"])
      assert.equal(isCalendarMonth(bad), false, bad);
  });

  it("parses ISO instants on real dates and nothing else", () => {
    assert.equal(parseInstant("2026-03-01")?.toISOString(), "2026-03-01T00:00:00.000Z");
    assert.equal(parseInstant("2026-03-01T10:00:00+02:00")?.toISOString(), "2026-03-01T08:00:00.000Z");
    assert.equal(parseInstant("2026-03-01T10:00:00.123Z")?.toISOString(), "2026-03-01T10:00:00.123Z");
    for (const bad of [
      "-271821-04-20",
      "0000-01-01T00:00:00Z",
      "2026-02-30",
      "2026-03-01T25:00Z",
      "1",
      "March 1",
    ]) {
      assert.equal(parseInstant(bad), null, bad);
    }
  });

  it("finds a NUL in nested values and keys, with its path", () => {
    assert.equal(findNul({ a: { b: ["x", "y\u0000"] } }, "body"), "body.a.b.1");
    assert.equal(findNul({ "k\u0000": 1 }, "body"), "body.k\u0000");
    assert.equal(findNul({ a: "fine", n: 3, z: null }, "body"), null);
  });

  it("decodes uploads strictly in UTF-8 or a declared charset", () => {
    const bytes = Buffer.from([0x56, 0xe4, 0x67, 0x61]);
    assert.throws(
      () => decodeUpload(bytes, "text/csv"),
      (e) => e instanceof AppError && e.status === 400,
    );
    assert.equal(decodeUpload(bytes, "text/csv; charset=windows-1257"), "Väga");
    assert.equal(decodeUpload(bytes, 'text/csv; charset="Windows-1252"'), "Väga");
    assert.equal(decodeUpload(Buffer.from("Väga", "utf8"), "text/csv; charset=utf-8"), "Väga");
    assert.throws(
      () => decodeUpload(bytes, "text/csv; charset=koi8-r"),
      (e) => e instanceof AppError && e.status === 415,
    );
  });
});
