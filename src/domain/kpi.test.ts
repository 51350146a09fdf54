import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DomainError } from "./errors.ts";
import { answerRate, averageQueueWait, firstContactResolution, serviceLevel, waitMinutes } from "./kpi.ts";

describe("call KPIs", () => {
  it("service level: answered within 20 s / arrived, target ≥ 80 %", () => {
    // 400 / 500 × 100 = 80 → meets; 399 / 500 × 100 = 79.8 → misses
    assert.deepEqual(serviceLevel({ arrived: 500, answeredWithin20s: 400 }), {
      value: 80,
      target: 80,
      meetsTarget: true,
    });
    assert.deepEqual(serviceLevel({ arrived: 500, answeredWithin20s: 399 }), {
      value: 79.8,
      target: 80,
      meetsTarget: false,
    });
  });

  it("answer rate: answered / arrived, target ≥ 90 %", () => {
    // 45 / 50 × 100 = 90 → meets; 44 / 50 × 100 = 88 → misses
    assert.equal(answerRate({ arrived: 50, answered: 45 })?.meetsTarget, true);
    assert.deepEqual(answerRate({ arrived: 50, answered: 44 }), {
      value: 88,
      target: 90,
      meetsTarget: false,
    });
  });

  it("FCR: resolved at first contact / answered, meets the 70–75 % benchmark from 70 %", () => {
    // 72 / 100 = 72 % → meets; 69 / 100 = 69 % → misses
    assert.deepEqual(firstContactResolution({ answered: 100, resolvedAtFirstContact: 72 }), {
      value: 72,
      target: 70,
      meetsTarget: true,
    });
    assert.equal(firstContactResolution({ answered: 100, resolvedAtFirstContact: 69 })?.meetsTarget, false);
  });

  it("is null on a zero denominator and rejects impossible counts", () => {
    assert.equal(serviceLevel({ arrived: 0, answeredWithin20s: 0 }), null);
    assert.equal(answerRate({ arrived: 0, answered: 0 }), null);
    assert.equal(firstContactResolution({ answered: 0, resolvedAtFirstContact: 0 }), null);
    assert.throws(() => answerRate({ arrived: 10, answered: 11 }), DomainError);
    assert.throws(() => serviceLevel({ arrived: -1, answeredWithin20s: 0 }), DomainError);
  });
});

describe("queue waiting time", () => {
  it("averages the day's waits, target ≤ 30 min", () => {
    // (10 + 20 + 60) / 3 = 30 → meets; (10 + 20 + 61) / 3 = 30.33 → misses
    assert.deepEqual(averageQueueWait([10, 20, 60]), { value: 30, target: 30, meetsTarget: true });
    assert.equal(averageQueueWait([10, 20, 61])?.meetsTarget, false);
    assert.equal(averageQueueWait([]), null);
    assert.throws(() => averageQueueWait([5, -1]), DomainError);
  });

  it("measures a wait from ticket to counter", () => {
    // 09:05 → 09:42:30 = 37.5 min
    assert.equal(waitMinutes(new Date("2026-06-22T06:05:00Z"), new Date("2026-06-22T06:42:30Z")), 37.5);
    assert.throws(
      () => waitMinutes(new Date("2026-06-22T07:00:00Z"), new Date("2026-06-22T06:00:00Z")),
      DomainError,
    );
  });
});
