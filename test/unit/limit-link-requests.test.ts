import assert from "node:assert/strict";
import { test } from "node:test";
import { minuteCounter } from "../../src/modules/responses/limit-link-requests.ts";

test("a key is let through max times a minute, then told how many seconds to wait; its next minute starts afresh", () => {
  let now = 1_000_000;
  const count = minuteCounter(3, () => now);
  assert.deepEqual([count("a"), count("a"), count("a")], [0, 0, 0]);
  assert.equal(count("a"), 60, "the window ends a minute after the key's first request");
  now += 45_500;
  assert.equal(count("a"), 15, "seconds rounded up");
  assert.equal(count("b"), 0, "another key counts on its own");
  now += 14_500;
  assert.equal(count("a"), 0, "a new window");
  assert.equal(count("a"), 0);
});

test("many keys: the counts of keys still within their minute are kept while expired ones make room", () => {
  let now = 0;
  const count = minuteCounter(1, () => now);
  for (let i = 0; i < 9_000; i++) count(`old-${i}`);
  now = 61_000;
  assert.equal(count("busy"), 0);
  assert.ok(count("busy") > 0, "limited");
  for (let i = 0; i < 5_000; i++) count(`new-${i}`);
  assert.ok(count("busy") > 0, "the busy key's count survived the expired keys' removal");
});
