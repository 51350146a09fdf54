import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createBatcher } from "./statement-batcher.ts";

/** A statement that takes a turn of the event loop, recording how many run at once and what each wrote. */
function fakeDatabase(failing: (inputs: number[]) => boolean = () => false) {
  const calls: number[][] = [];
  let running = 0;
  let most = 0;
  const run = async (inputs: number[]) => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    calls.push(inputs);
    if (failing(inputs)) throw new Error(`failed: ${inputs.join(",")}`);
    return inputs.map((n) => n * 10);
  };
  return {
    calls,
    most: () => most,
    options: {
      runOne: async (n: number) => (await run([n]))[0],
      runMany: (inputs: number[]) => run(inputs),
    },
  };
}

describe("statement batcher", () => {
  it("sends a call at once when the database is free", async () => {
    const db = fakeDatabase();
    const batcher = createBatcher({ inFlight: 2, maxBatch: 10, ...db.options });
    assert.equal(await batcher.run(1), 10);
    assert.deepEqual(db.calls, [[1]]);
    assert.equal(batcher.stats.batches, 0);
  });

  it("groups the calls that arrive while statements run, never more at once than allowed", async () => {
    const db = fakeDatabase();
    const batcher = createBatcher({ inFlight: 2, maxBatch: 4, ...db.options });
    const inputs = Array.from({ length: 20 }, (_, n) => n);
    const out = await Promise.all(inputs.map((n) => batcher.run(n)));
    assert.deepEqual(
      out,
      inputs.map((n) => n * 10),
      "each call gets its own result",
    );
    assert.ok(db.most() <= 2, `at most 2 statements at once, saw ${db.most()}`);
    assert.ok(
      db.calls.every((c) => c.length <= 4),
      "no batch over the limit",
    );
    assert.deepEqual(
      db.calls.flat().sort((a, b) => a - b),
      inputs,
      "every call written once",
    );
    // The first two go alone; the other 18 wait and go by fours.
    assert.deepEqual(
      db.calls.map((c) => c.length),
      [1, 1, 4, 4, 4, 4, 2],
    );
    assert.equal(batcher.stats.batches, 5);
    assert.equal(batcher.stats.batched, 18);
  });

  it("tries each call of a failed batch alone, so that only the failing call fails", async () => {
    const db = fakeDatabase((inputs) => inputs.includes(7));
    const batcher = createBatcher({ inFlight: 1, maxBatch: 10, ...db.options });
    const results = await Promise.allSettled([0, 5, 6, 7, 8].map((n) => batcher.run(n)));
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled"],
    );
    assert.deepEqual(
      results.map((r) => (r.status === "fulfilled" ? r.value : String(r.reason))),
      [0, 50, 60, "Error: failed: 7", 80],
    );
    assert.equal(batcher.stats.retried, 1);
    assert.deepEqual(db.calls.slice(0, 2), [[0], [5, 6, 7, 8]]);
  });
});
