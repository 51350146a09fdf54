import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { effectiveRules, ZContactRules } from "../../src/modules/distribution/contact-rules.ts";

describe("effective contact rules", () => {
  it("defaults ← organisation ← survey, key by key; the time zone is the organisation's", () => {
    const org = {
      quarantineDays: 90,
      reminderAfterDays: 3,
      blackouts: [{ from: "2026-07-01", to: "2026-07-31" }],
    };
    const survey = { delayWorkingDays: 0, reminderAfterDays: null, blackouts: [] };
    assert.deepEqual(effectiveRules("Europe/Riga", org, survey), {
      delayWorkingDays: 0,
      window: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] },
      timeZone: "Europe/Riga",
      blackouts: [],
      quarantineDays: 90,
      expiryDays: 7,
      reminderAfterDays: null,
    });
    assert.equal(effectiveRules("Europe/Tallinn", org).reminderAfterDays, 3);
    assert.deepEqual(effectiveRules("Europe/Tallinn", org).blackouts, org.blackouts);
  });

  it("validation accepts complete rules and rejects a window that ends before it starts", () => {
    const ok = {
      delayWorkingDays: 1,
      window: { start: "08:30", end: "17:00", days: [1, 2, 3, 4, 5, 6] },
      blackouts: [{ from: "2026-12-24", to: "2026-12-24", name: "Jõululaupäev" }],
      quarantineDays: 0,
      expiryDays: 0,
      reminderAfterDays: 14,
    };
    assert.equal(ZContactRules.safeParse(ok).success, true);
    const bad = ZContactRules.safeParse({ window: { start: "17:00", end: "08:30", days: [1] } });
    assert.equal(bad.success, false);
    assert.deepEqual(
      bad.error?.issues.map((i) => i.path.join(".")),
      ["window.end"],
    );
  });
});
