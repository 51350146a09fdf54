import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type SamplingCandidate, sampleContacts } from "./quality-sampling.ts";

// Nine calls: 60–180 s short, 300–420 s medium, 900–1500 s long.
const calls: SamplingCandidate[] = [
  { id: "c1", durationSeconds: 60 },
  { id: "c2", durationSeconds: 120 },
  { id: "c3", durationSeconds: 180 },
  { id: "c4", durationSeconds: 300 },
  { id: "c5", durationSeconds: 360 },
  { id: "c6", durationSeconds: 420 },
  { id: "c7", durationSeconds: 900 },
  { id: "c8", durationSeconds: 1200 },
  { id: "c9", durationSeconds: 1500 },
];
const ids = (picks: { id: string }[]) => picks.map((pick) => pick.id);

describe("sampleContacts", () => {
  it("gives the same picks for the same seed, whatever the candidates' order", () => {
    const first = sampleContacts(calls, { seed: "org-1:emp-7:2026-03", quota: 4 });
    const shuffled = [
      calls[5],
      calls[2],
      calls[8],
      calls[0],
      calls[7],
      calls[3],
      calls[1],
      calls[6],
      calls[4],
    ];
    assert.deepEqual(sampleContacts(shuffled, { seed: "org-1:emp-7:2026-03", quota: 4 }), first);
    assert.equal(first.length, 4);
    assert.equal(new Set(ids(first)).size, 4);
  });

  it("draws across length terciles so three picks differ in length", () => {
    for (const seed of ["a", "b", "c", "2026-04", "emp-12"]) {
      const picks = sampleContacts(calls, { seed, quota: 3 });
      assert.deepEqual(
        picks.map((pick) => pick.stratum),
        ["short", "medium", "long"],
      );
      const [short, medium, long] = picks.map((pick) => pick.durationSeconds ?? 0);
      assert.ok(short <= 180 && medium >= 300 && medium <= 420 && long >= 900, `seed ${seed}`);
    }
  });

  it("changes the picks with the seed", () => {
    const seeds = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const distinct = new Set(seeds.map((seed) => ids(sampleContacts(calls, { seed, quota: 3 })).join(",")));
    assert.ok(distinct.size > 1, "eight seeds must not all give the same picks");
  });

  it("puts contacts of unknown length after the timed ones and stops at the candidates", () => {
    const mixed: SamplingCandidate[] = [
      { id: "m1" },
      { id: "t1", durationSeconds: 100 },
      { id: "m2", durationSeconds: null },
      { id: "t2", durationSeconds: 700 },
    ];
    const picks = sampleContacts(mixed, { seed: "x", quota: 10 });
    assert.equal(picks.length, 4);
    assert.deepEqual(ids(picks.slice(0, 2)), ["t1", "t2"]);
    assert.deepEqual(new Set(ids(picks.slice(2))), new Set(["m1", "m2"]));
    assert.equal(picks[2].stratum, null);
  });

  it("samples without durations and honours a zero quota and duplicate ids", () => {
    const plain = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    assert.equal(sampleContacts(plain, { seed: "s", quota: 2 }).length, 2);
    assert.deepEqual(sampleContacts(plain, { seed: "s", quota: 0 }), []);
    assert.equal(sampleContacts([...plain, ...plain], { seed: "s", quota: 10 }).length, 5);
  });
});
