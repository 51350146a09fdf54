import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orderedIdPrefix } from "../../src/modules/kpi/take-in-staged.ts";

describe("ids of uploaded contact records", () => {
  it("are UUIDs of version 7: the upload's time in milliseconds, random bits, then the line", () => {
    const now = Date.parse("2026-12-06T03:00:00.123Z");
    const id = `${orderedIdPrefix(now)}${(1_000_001).toString(16).padStart(8, "0")}`;
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16), now);
    assert.equal(id.slice(28), "000f4241");
  });

  it("differ between two uploads in the same millisecond, and follow each other by line within one", () => {
    const now = Date.now();
    const prefixes = new Set(Array.from({ length: 1000 }, () => orderedIdPrefix(now)));
    assert.equal(prefixes.size, 1000);
    const prefix = orderedIdPrefix(now);
    const ids = [2, 9, 10, 255, 256, 1_000_001].map((line) => prefix + line.toString(16).padStart(8, "0"));
    assert.deepEqual([...ids].sort(), ids);
  });
});
