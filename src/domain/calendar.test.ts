import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addWorkingDays, isInBlackout, isWorkingDay } from "./calendar.ts";
import { DomainError } from "./errors.ts";

const TZ = "Europe/Tallinn";

describe("isWorkingDay", () => {
  it("excludes weekends, public holidays and blackouts", () => {
    assert.equal(isWorkingDay("2026-06-22"), true); // Monday
    assert.equal(isWorkingDay("2026-06-23"), false); // Võidupüha
    assert.equal(isWorkingDay("2026-06-27"), false); // Saturday
    assert.equal(isWorkingDay("2026-07-15", TZ, [{ from: "2026-07-01", to: "2026-07-31" }]), false);
    assert.equal(isWorkingDay("2026-07-31", TZ, [{ from: "2026-07-01", to: "2026-07-31" }]), false); // inclusive
    assert.equal(isWorkingDay("2026-08-03", TZ, [{ from: "2026-07-01", to: "2026-07-31" }]), true);
  });

  it("reads an instant in the given time zone", () => {
    // 21:30Z on Mon 22 June is 00:30 EEST on Tue 23 June, a holiday in Tallinn
    assert.equal(isWorkingDay(new Date("2026-06-22T21:30:00Z"), TZ), false);
    assert.equal(isWorkingDay(new Date("2026-06-22T21:30:00Z"), "UTC"), true);
  });

  it("checks blackout ranges inclusively", () => {
    const blackouts = [{ from: "2026-12-21", to: "2027-01-03" }];
    assert.equal(isInBlackout("2026-12-20", blackouts), false);
    assert.equal(isInBlackout("2026-12-21", blackouts), true);
    assert.equal(isInBlackout("2027-01-03", blackouts), true);
    assert.equal(isInBlackout("2027-01-04", blackouts), false);
  });
});

describe("addWorkingDays", () => {
  it("skips weekends and holidays, never counting the start day", () => {
    assert.equal(addWorkingDays("2026-06-12", 1), "2026-06-15"); // Fri → Mon
    assert.equal(addWorkingDays("2026-06-22", 1), "2026-06-25"); // Mon → 23, 24 holidays → Thu
    assert.equal(addWorkingDays("2026-12-23", 1), "2026-12-28"); // Wed → 24–26 holidays, 27 Sun → Mon
    assert.equal(addWorkingDays("2026-04-02", 1), "2026-04-06"); // Thu → Good Friday, Sat, Easter Sun → Mon
    // Mon 22 June + 5: Thu 25, Fri 26, Mon 29, Tue 30 June, Wed 1 July
    assert.equal(addWorkingDays("2026-06-22", 5), "2026-07-01");
    assert.equal(addWorkingDays("2026-06-27", 0), "2026-06-27");
  });

  it("can treat blackout days as non-working", () => {
    // Tue 30 June + 1 with July blacked out: Sat 1 Aug, Sun 2 Aug → Mon 3 Aug
    assert.equal(
      addWorkingDays("2026-06-30", 1, TZ, [{ from: "2026-07-01", to: "2026-07-31" }]),
      "2026-08-03",
    );
  });

  it("rejects negative or fractional counts", () => {
    assert.throws(() => addWorkingDays("2026-06-22", -1), DomainError);
    assert.throws(() => addWorkingDays("2026-06-22", 1.5), DomainError);
  });
});
