import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { replyCompliance, replyDeadline } from "./reply-deadline.ts";

describe("replyDeadline", () => {
  it("gives letters 30 calendar days from the day after receipt", () => {
    // received 2 March: 29 days left in March → day 30 is 1 April
    assert.equal(
      replyDeadline({ kind: "letter", receivedAt: new Date("2026-03-02T10:00:00Z") }),
      "2026-04-01",
    );
    // a statutory 10-day deadline: 2 March + 10 = 12 March
    assert.equal(
      replyDeadline({ kind: "letter", receivedAt: new Date("2026-03-02T10:00:00Z"), deadlineDays: 10 }),
      "2026-03-12",
    );
  });

  it("gives information requests 5 working days, skipping holidays", () => {
    // Mon 22 June: 23, 24 holidays → Thu 25, Fri 26, Mon 29, Tue 30, Wed 1 July
    assert.equal(
      replyDeadline({ kind: "information_request", receivedAt: new Date("2026-06-22T09:00:00Z") }),
      "2026-07-01",
    );
    // received Fri 19 Dec 2026 23:30 EET (21:30Z): Mon 21, Tue 22, Wed 23, (24–27 off) Mon 28, Tue 29
    assert.equal(
      replyDeadline({ kind: "information_request", receivedAt: new Date("2026-12-19T21:30:00Z") }),
      "2026-12-29",
    );
  });
});

describe("replyCompliance", () => {
  it("counts on-time, late and overdue-open requests; open ones inside the deadline wait", () => {
    const now = new Date("2026-07-03T09:00:00Z");
    const result = replyCompliance(
      [
        // due 1 July, replied 1 July 23:00 EEST (20:00Z) → on time (same civil day in Tallinn)
        {
          kind: "information_request",
          receivedAt: new Date("2026-06-22T09:00:00Z"),
          repliedAt: new Date("2026-07-01T20:00:00Z"),
        },
        // due 1 July, replied 1 July 21:30Z = 2 July 00:30 EEST → late
        {
          kind: "information_request",
          receivedAt: new Date("2026-06-22T09:00:00Z"),
          repliedAt: new Date("2026-07-01T21:30:00Z"),
        },
        // due 1 July, still open on 3 July → late
        { kind: "information_request", receivedAt: new Date("2026-06-22T09:00:00Z"), repliedAt: null },
        // letter received 1 June, due 1 July, replied 15 June → on time
        {
          kind: "letter",
          receivedAt: new Date("2026-06-01T09:00:00Z"),
          repliedAt: new Date("2026-06-15T09:00:00Z"),
        },
        // letter received 30 June, due 30 July, open → pending
        { kind: "letter", receivedAt: new Date("2026-06-30T09:00:00Z"), repliedAt: null },
      ],
      { now },
    );
    // due = 2 on time + 2 late = 4; 2 / 4 × 100 = 50 % < 100 %
    assert.deepEqual(result, {
      due: 4,
      onTime: 2,
      late: 2,
      pending: 1,
      kpi: { value: 50, target: 100, meetsTarget: false },
    });
  });

  it("is null when nothing is due yet", () => {
    const now = new Date("2026-07-03T09:00:00Z");
    const result = replyCompliance([{ kind: "letter", receivedAt: now, repliedAt: null }], { now });
    assert.deepEqual(result, { due: 0, onTime: 0, late: 0, pending: 1, kpi: null });
  });
});
