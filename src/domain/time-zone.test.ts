import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "./errors.ts";
import { addDays, civilDate, daysBetween, isoWeekday, zonedParts, zonedTimeToInstant } from "./time-zone.ts";

describe("civil dates in Europe/Tallinn", () => {
  it("reads the local date, which differs from UTC around midnight", () => {
    // 22:30Z on 22 June = 01:30 EEST (UTC+3) on 23 June; 22:30Z on 22 Jan = 00:30 EET (UTC+2) on 23 Jan
    assert.equal(civilDate(new Date("2026-06-22T22:30:00Z")), "2026-06-23");
    assert.equal(civilDate(new Date("2026-01-22T22:30:00Z")), "2026-01-23");
    assert.equal(civilDate(new Date("2026-01-22T21:59:59Z")), "2026-01-22");
    assert.equal(civilDate(new Date("2026-06-22T22:30:00Z"), "UTC"), "2026-06-22");
    assert.deepEqual(zonedParts(new Date("2026-10-25T00:30:00Z")), {
      date: "2026-10-25",
      hour: 3,
      minute: 30,
      second: 0,
    });
  });

  it("does calendar arithmetic without time-zone drift", () => {
    assert.equal(addDays("2026-03-28", 1), "2026-03-29");
    assert.equal(addDays("2026-12-31", 1), "2027-01-01");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
    assert.equal(daysBetween("2026-03-03", "2026-05-12"), 70); // 28 (rest of March) + 30 (April) + 12 = 70
    assert.equal(isoWeekday("2026-06-22"), 1); // Monday
    assert.equal(isoWeekday("2026-06-28"), 7); // Sunday
  });

  it("rejects impossible dates and times", () => {
    assert.throws(() => addDays("2026-02-30", 1), DomainError);
    assert.throws(() => addDays("26-1-1", 1), DomainError);
    assert.throws(() => zonedTimeToInstant("2026-01-01", "24:00"), DomainError);
  });
});

describe("zonedTimeToInstant across the 2026 DST switches", () => {
  it("puts 09:00 Tallinn at 07:00Z in winter (EET) and 06:00Z in summer (EEST)", () => {
    // the clocks go forward on Sun 29 March 2026 at 03:00 EET (01:00Z) and back on Sun 25 October at 04:00 EEST
    assert.equal(zonedTimeToInstant("2026-03-28", "09:00").toISOString(), "2026-03-28T07:00:00.000Z");
    assert.equal(zonedTimeToInstant("2026-03-29", "09:00").toISOString(), "2026-03-29T06:00:00.000Z");
    assert.equal(zonedTimeToInstant("2026-10-24", "09:00").toISOString(), "2026-10-24T06:00:00.000Z");
    assert.equal(zonedTimeToInstant("2026-10-25", "09:00").toISOString(), "2026-10-25T07:00:00.000Z");
    assert.equal(zonedTimeToInstant("2026-03-29", "02:30").toISOString(), "2026-03-29T00:30:00.000Z"); // still EET
    assert.equal(zonedTimeToInstant("2026-10-25", "02:30").toISOString(), "2026-10-24T23:30:00.000Z"); // still EEST
    assert.equal(zonedTimeToInstant("2026-10-25", "04:30").toISOString(), "2026-10-25T02:30:00.000Z"); // EET again
  });

  it("moves a wall time skipped by the spring switch to after it", () => {
    // 03:30 does not exist on 29 March; it resolves to 04:30 EEST = 01:30Z
    assert.equal(zonedTimeToInstant("2026-03-29", "03:30").toISOString(), "2026-03-29T01:30:00.000Z");
  });
});

describe("zonedParts' remembered offsets", () => {
  /** The wall clock as Intl formats it, which zonedParts must match to the second. */
  const formats = new Map<string, Intl.DateTimeFormat>();
  const intl = (at: Date, timeZone: string) => {
    const f =
      formats.get(timeZone) ??
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    formats.set(timeZone, f);
    const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, hour: +p.hour, minute: +p.minute, second: +p.second };
  };

  it("reads what Intl reads around every offset change of 2026, in zones with odd offsets and 30-minute DST", () => {
    // Lord Howe moves its clocks by 30 minutes, Kathmandu is +05:45, Chatham +12:45/+13:45, St John's -03:30.
    const zones = [
      "Europe/Tallinn",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Pacific/Chatham",
      "America/St_Johns",
    ];
    for (const zone of zones) {
      // About every 82 minutes through 2026, and every 7 seconds from an hour before to two hours after each
      // switch (found where the offset differs an hour apart).
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 4_933_000) {
        assert.deepEqual(
          zonedParts(new Date(t), zone),
          intl(new Date(t), zone),
          `${zone} ${new Date(t).toISOString()}`,
        );
      }
    }
    let switches = 0;
    for (const zone of zones) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        const a = intl(new Date(t), zone);
        const b = intl(new Date(t + 3_600_000), zone);
        if ((b.hour - a.hour + 24) % 24 === 1 && a.minute === b.minute) continue;
        switches++;
        for (let s = t - 3_600_000; s <= t + 7_200_000; s += 7000) {
          assert.deepEqual(
            zonedParts(new Date(s), zone),
            intl(new Date(s), zone),
            `${zone} ${new Date(s).toISOString()}`,
          );
        }
      }
    }
    assert.equal(switches, 8); // two a year in each zone but Kathmandu
  });

  it("leaves instants before 1970 to Intl and rejects an unknown zone", () => {
    const at = new Date("1880-06-01T12:00:00Z");
    assert.deepEqual(zonedParts(at, "Europe/Tallinn"), intl(at, "Europe/Tallinn"));
    assert.throws(() => zonedParts(new Date(), "Mars/Olympus_Mons"), RangeError);
    assert.throws(() => zonedParts(new Date(), "Mars/Olympus_Mons"), RangeError);
  });
});
