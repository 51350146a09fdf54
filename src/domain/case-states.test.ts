import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canMoveCase, stateAfterCall } from "./case-states.ts";

describe("case states", () => {
  it("allows the closed loop and reopening, not resolving twice", () => {
    assert.equal(canMoveCase("open", "in_progress"), true);
    assert.equal(canMoveCase("contacted", "resolved"), true);
    assert.equal(canMoveCase("resolved", "open"), true);
    assert.equal(canMoveCase("resolved", "resolved"), false);
    assert.equal(canMoveCase("resolved", "contacted"), false);
  });

  it("turns failed calls into unreachable after the limit", () => {
    assert.equal(stateAfterCall("open", false, 1, 3), "in_progress");
    assert.equal(stateAfterCall("in_progress", false, 3, 3), "unreachable");
    assert.equal(stateAfterCall("unreachable", true, 3, 3), "contacted");
  });
});
