import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_FOLLOW_UP_TRIGGER as D, triggersFollowUp } from "./follow-up-rule.ts";

describe("triggersFollowUp", () => {
  it("opens a case for 0–6 on either question by default", () => {
    assert.equal(triggersFollowUp(D, "s", 6, null), true);
    assert.equal(triggersFollowUp(D, "s", 0, 10), true);
    assert.equal(triggersFollowUp(D, "s", 7, null), false);
    assert.equal(triggersFollowUp(D, "s", 9, 6), true);
    assert.equal(triggersFollowUp(D, "s", 9, 7), false);
  });

  it("follows per-survey thresholds and the off switch", () => {
    const rule = { ...D, surveys: { a: { npsMax: 3, satisfactionMax: null }, b: { enabled: false } } };
    assert.equal(triggersFollowUp(rule, "a", 4, 0), false);
    assert.equal(triggersFollowUp(rule, "a", 3, null), true);
    assert.equal(triggersFollowUp(rule, "b", 0, 0), false);
    assert.equal(triggersFollowUp(rule, "c", 5, null), true);
    assert.equal(triggersFollowUp({ ...D, enabled: false }, "c", 0, 0), false);
    assert.equal(
      triggersFollowUp({ ...D, enabled: false, surveys: { c: { enabled: true } } }, "c", 0, 0),
      true,
    );
  });
});
