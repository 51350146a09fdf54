import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { caseDeadline } from "./case-deadline.ts";

// Dates hand-computed from the 2026/2027 calendar: 24 Feb (Independence Day) is a Tuesday; 24–26 Dec
// (Christmas Eve, Christmas, Boxing Day) are Thursday–Saturday; 1 Jan 2027 is a Friday.
const at = (iso: string) => new Date(iso);

describe("caseDeadline", () => {
  it("counts 2 working days after the answer, skipping a weekend", () => {
    // Thursday 15 Jan 2026 → Friday 16 (1), Monday 19 (2).
    assert.equal(caseDeadline(at("2026-01-15T10:00:00Z"), 2).dueDate, "2026-01-19");
  });

  it("skips Independence Day (Tuesday 24 Feb 2026)", () => {
    // Monday 23 Feb → 24 holiday, Wednesday 25 (1), Thursday 26 (2).
    assert.equal(caseDeadline(at("2026-02-23T09:00:00Z"), 2).dueDate, "2026-02-26");
    // Friday 20 Feb → Monday 23 (1), 24 holiday, Wednesday 25 (2).
    assert.equal(caseDeadline(at("2026-02-20T09:00:00Z"), 2).dueDate, "2026-02-25");
  });

  it("reads the answer's day in the organisation's time zone", () => {
    // 22:30 UTC on Sunday 22 Feb is 00:30 on Monday 23 Feb in Tallinn: due Thursday 26, not Wednesday 25.
    assert.equal(caseDeadline(at("2026-02-22T22:30:00Z"), 2).dueDate, "2026-02-26");
    assert.equal(caseDeadline(at("2026-02-22T22:30:00Z"), 2, "UTC").dueDate, "2026-02-25");
  });

  it("skips Christmas Eve, Christmas Day, Boxing Day and the weekend", () => {
    // Tuesday 22 Dec → Wednesday 23 (1), 24–27 off, Monday 28 (2).
    assert.equal(caseDeadline(at("2026-12-22T12:00:00Z"), 2).dueDate, "2026-12-28");
    // Wednesday 23 Dec → 24–27 off, Monday 28 (1), Tuesday 29 (2).
    assert.equal(caseDeadline(at("2026-12-23T12:00:00Z"), 2).dueDate, "2026-12-29");
    // Wednesday 30 Dec → Thursday 31 (1), New Year's Day and the weekend off, Monday 4 Jan 2027 (2).
    assert.equal(caseDeadline(at("2026-12-30T12:00:00Z"), 2).dueDate, "2027-01-04");
  });

  it("is due at the end of the last day in the organisation's time zone", () => {
    const d = caseDeadline(at("2026-12-23T12:00:00Z"), 2);
    // Midnight after Tuesday 29 Dec in Tallinn (UTC+2 in winter).
    assert.equal(d.dueAt.toISOString(), "2026-12-29T22:00:00.000Z");
    assert.equal(caseDeadline(at("2026-06-01T08:00:00Z"), 1).dueAt.toISOString(), "2026-06-02T21:00:00.000Z");
  });

  it("gives every answer of a day the same deadline, each its own Date, the day read per time zone", () => {
    const first = caseDeadline(at("2026-02-23T06:00:00Z"), 2);
    const again = caseDeadline(at("2026-02-23T20:00:00Z"), 2);
    assert.deepEqual(again, first);
    again.dueAt.setTime(0);
    assert.equal(caseDeadline(at("2026-02-23T09:00:00Z"), 2).dueAt.toISOString(), "2026-02-26T22:00:00.000Z");
    // Same instant, same count: another time zone or another count is another deadline.
    assert.equal(caseDeadline(at("2026-02-22T22:30:00Z"), 2, "UTC").dueDate, "2026-02-25");
    assert.equal(caseDeadline(at("2026-02-22T22:30:00Z"), 2).dueDate, "2026-02-26");
    assert.equal(caseDeadline(at("2026-02-23T09:00:00Z"), 3).dueDate, "2026-02-27");
    for (let i = 0; i < 400; i++) caseDeadline(new Date(Date.UTC(2026, 0, 1) + i * 86_400_000), 2);
    assert.equal(caseDeadline(at("2026-12-30T12:00:00Z"), 2).dueDate, "2027-01-04");
  });

  it("keeps a day's deadline only inside that day, its first and last instants included", () => {
    // Thursday 15 Jan 2026 in Tallinn runs from 22:00 UTC on the 14th to 22:00 UTC on the 15th (UTC+2): due
    // Monday 19; an answer on Wednesday 14 is due Friday 16, one on Friday 16 Tuesday 20.
    assert.equal(caseDeadline(at("2026-01-15T12:00:00Z"), 2).dueDate, "2026-01-19");
    assert.equal(caseDeadline(at("2026-01-14T22:00:00Z"), 2).dueDate, "2026-01-19");
    assert.equal(caseDeadline(at("2026-01-14T21:59:59.999Z"), 2).dueDate, "2026-01-16");
    assert.equal(caseDeadline(at("2026-01-15T21:59:59.999Z"), 2).dueDate, "2026-01-19");
    assert.equal(caseDeadline(at("2026-01-15T22:00:00Z"), 2).dueDate, "2026-01-20");
    // The day the clocks go forward (Sunday 29 Mar 2026, 23 hours) and the next one, both ways round.
    assert.equal(caseDeadline(at("2026-03-28T22:30:00Z"), 1).dueDate, "2026-03-30");
    assert.equal(caseDeadline(at("2026-03-29T20:59:59Z"), 1).dueDate, "2026-03-30");
    assert.equal(caseDeadline(at("2026-03-29T21:00:00Z"), 1).dueDate, "2026-03-31");
    assert.equal(caseDeadline(at("2026-03-29T20:00:00Z"), 1).dueDate, "2026-03-30");
  });
});
