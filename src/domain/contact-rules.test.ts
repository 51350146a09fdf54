import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type PlanSendOptions, planSend } from "./contact-rules.ts";
import { DomainError } from "./errors.ts";

/** Plans a send for a contact processed the moment it happened (now = occurredAt). */
function sendAtFor(occurredAt: string, options: Partial<PlanSendOptions> = {}): string {
  const at = new Date(occurredAt);
  const plan = planSend({ occurredAt: at, now: at, ...options });
  assert.equal(plan.state, "scheduled", JSON.stringify(plan));
  return plan.state === "scheduled" ? plan.sendAt.toISOString() : "";
}

describe("planSend: holidays", () => {
  it("Midsummer: Mon 22 June → 23 and 24 June are holidays → Thu 25 June 09:00 EEST", () => {
    // contact 10:00 EEST = 07:00Z; send 09:00 EEST (UTC+3) = 06:00Z
    assert.equal(sendAtFor("2026-06-22T07:00:00Z"), "2026-06-25T06:00:00.000Z");
  });

  it("Christmas: Wed 23 Dec → 24, 25, 26 Dec holidays, 27 Sunday → Mon 28 Dec 09:00 EET", () => {
    // contact 14:00 EET = 12:00Z; send 09:00 EET (UTC+2) = 07:00Z
    assert.equal(sendAtFor("2026-12-23T12:00:00Z"), "2026-12-28T07:00:00.000Z");
  });

  it("Easter: Thu 2 April → Good Friday 3 April, weekend → Mon 6 April 09:00 EEST", () => {
    assert.equal(sendAtFor("2026-04-02T08:00:00Z"), "2026-04-06T06:00:00.000Z");
  });
});

describe("planSend: DST", () => {
  it("spring: Thu 26 March sends Fri 27 at 07:00Z (EET); Fri 27 March sends Mon 30 at 06:00Z (EEST)", () => {
    assert.equal(sendAtFor("2026-03-26T10:00:00Z"), "2026-03-27T07:00:00.000Z");
    assert.equal(sendAtFor("2026-03-27T10:00:00Z"), "2026-03-30T06:00:00.000Z");
  });

  it("autumn: Thu 22 Oct sends Fri 23 at 06:00Z (EEST); Fri 23 Oct sends Mon 26 at 07:00Z (EET)", () => {
    assert.equal(sendAtFor("2026-10-22T10:00:00Z"), "2026-10-23T06:00:00.000Z");
    assert.equal(sendAtFor("2026-10-23T10:00:00Z"), "2026-10-26T07:00:00.000Z");
  });

  it("on the switch Sundays themselves, with a seven-day window", () => {
    const rules = {
      delayWorkingDays: 0,
      window: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5, 6, 7] },
    };
    // Sat 28 March 20:00 EET (18:00Z), window closed → Sun 29 March 09:00, already EEST → 06:00Z
    assert.equal(sendAtFor("2026-03-28T18:00:00Z", { rules }), "2026-03-29T06:00:00.000Z");
    // Sat 24 Oct 20:00 EEST (17:00Z) → Sun 25 Oct 09:00, already EET → 07:00Z
    assert.equal(sendAtFor("2026-10-24T17:00:00Z", { rules }), "2026-10-25T07:00:00.000Z");
  });
});

describe("planSend: the send window", () => {
  it("late on a Friday: 18:30 → Monday 09:00, with or without the one-day delay", () => {
    // Fri 12 June 2026 18:30 EEST = 15:30Z; Mon 15 June 09:00 EEST = 06:00Z
    assert.equal(sendAtFor("2026-06-12T15:30:00Z"), "2026-06-15T06:00:00.000Z");
    assert.equal(
      sendAtFor("2026-06-12T15:30:00Z", { rules: { delayWorkingDays: 0 } }),
      "2026-06-15T06:00:00.000Z",
    );
  });

  it("sends at once when the due day's window is open now", () => {
    // delay 0, Fri 12 June 10:15 EEST = 07:15Z is inside 09:00–18:00 → now
    assert.equal(
      sendAtFor("2026-06-12T07:15:00Z", { rules: { delayWorkingDays: 0 } }),
      "2026-06-12T07:15:00.000Z",
    );
    // contact Mon 8 June, processed late on Tue 9 June 11:20 EEST (08:20Z): due Tue 9 June, window open → now
    const plan = planSend({
      occurredAt: new Date("2026-06-08T09:00:00Z"),
      now: new Date("2026-06-09T08:20:00Z"),
    });
    assert.deepEqual(plan, { state: "scheduled", sendAt: new Date("2026-06-09T08:20:00Z") });
  });

  it("treats the window end as exclusive", () => {
    // delay 0, Fri 12 June exactly 18:00 EEST = 15:00Z → Mon 15 June 06:00Z
    assert.equal(
      sendAtFor("2026-06-12T15:00:00Z", { rules: { delayWorkingDays: 0 } }),
      "2026-06-15T06:00:00.000Z",
    );
  });
});

describe("planSend: skips", () => {
  it("skips an opted-out person", () => {
    const at = new Date("2026-06-22T07:00:00Z");
    assert.deepEqual(planSend({ occurredAt: at, now: at, optedOut: true }), {
      state: "skipped",
      reason: "opted_out",
    });
  });

  it("postpones past a blackout, or skips when the blackout outlasts the expiry", () => {
    const blackouts = [{ from: "2026-07-01", to: "2026-07-31" }];
    const at = new Date("2026-06-30T08:00:00Z"); // Tue 30 June; due Wed 1 July, blacked out until Fri 31 July
    // default expiry 7 days: last allowed day 7 July → skipped
    assert.deepEqual(planSend({ occurredAt: at, now: at, rules: { blackouts } }), {
      state: "skipped",
      reason: "blackout",
    });
    // expiry 40 days (until 9 Aug): Sat 1, Sun 2 Aug → Mon 3 Aug 09:00 EEST = 06:00Z
    const plan = planSend({ occurredAt: at, now: at, rules: { blackouts, expiryDays: 40 } });
    assert.deepEqual(plan, { state: "scheduled", sendAt: new Date("2026-08-03T06:00:00Z") });
  });

  it("skips a contact whose send day has passed the expiry", () => {
    // contact Mon 1 June, expiry 7 → last day 8 June; processed on 20 June
    const plan = planSend({
      occurredAt: new Date("2026-06-01T08:00:00Z"),
      now: new Date("2026-06-20T08:00:00Z"),
    });
    assert.deepEqual(plan, { state: "skipped", reason: "expired" });
  });

  it("quarantine: a send on calendar day 69 after the last survey is skipped, day 70 is allowed", () => {
    // last surveyed Tue 3 March 23:30 EET (21:30Z); day 69 = 11 May, day 70 = 12 May
    // (3 March + 28 = 31 March, + 30 = 30 April, + 12 = 12 May: 70 days)
    const lastContactedAt = new Date("2026-03-03T21:30:00Z");
    // contact Fri 8 May → send Mon 11 May (day 69) → skipped
    const day69 = planSend({
      occurredAt: new Date("2026-05-08T08:00:00Z"),
      now: new Date("2026-05-08T08:00:00Z"),
      lastContactedAt,
    });
    assert.deepEqual(day69, { state: "skipped", reason: "quarantine", availableFrom: "2026-05-12" });
    // contact Mon 11 May → send Tue 12 May 09:00 EEST (06:00Z), day 70 → allowed, although only
    // 69 days 9.5 hours have passed: quarantine counts calendar days in Tallinn, not 24-hour periods
    assert.equal(sendAtFor("2026-05-11T08:00:00Z", { lastContactedAt }), "2026-05-12T06:00:00.000Z");
  });
});

describe("planSend: rule validation", () => {
  it("rejects malformed rules", () => {
    const at = new Date("2026-06-22T07:00:00Z");
    const bad = [
      { delayWorkingDays: -1 },
      { window: { start: "18:00", end: "09:00", days: [1] } },
      { window: { start: "9:00", end: "18:00", days: [1] } },
      { window: { start: "09:00", end: "18:00", days: [0] } },
      { blackouts: [{ from: "2026-07-31", to: "2026-07-01" }] },
      { timeZone: "Mars/Olympus_Mons" },
    ];
    for (const rules of bad) assert.throws(() => planSend({ occurredAt: at, now: at, rules }), DomainError);
  });
});
