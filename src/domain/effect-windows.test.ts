import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addMonths, effectWindows } from "./effect-windows.ts";

describe("effect windows", () => {
  it("adds months, clipping to the month's end", () => {
    assert.equal(addMonths("2026-05-31", 1), "2026-06-30");
    assert.equal(addMonths("2026-03-15", -3), "2025-12-15");
    assert.equal(addMonths("2024-02-29", 12), "2025-02-28");
  });

  it("cuts three months either side of the completion day", () => {
    assert.deepEqual(effectWindows("2026-04-10", 3), {
      before: { from: "2026-01-10", to: "2026-04-10" },
      after: { from: "2026-04-10", to: "2026-07-10" },
    });
  });
});
