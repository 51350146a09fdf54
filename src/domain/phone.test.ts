import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalisePhone } from "./phone.ts";

describe("normalisePhone", () => {
  it("normalises Estonian numbers to E.164", () => {
    assert.equal(normalisePhone("5123 4567"), "+37251234567");
    assert.equal(normalisePhone("612-3456"), "+3726123456");
    assert.equal(normalisePhone("372 5123 4567"), "+37251234567");
    assert.equal(normalisePhone("00372 5123 4567"), "+37251234567");
    assert.equal(normalisePhone("+372 (5) 123 4567"), "+37251234567");
  });
  it("keeps other countries and rejects what cannot be a number", () => {
    assert.equal(normalisePhone("+371 2000 0000"), "+37120000000");
    assert.equal(normalisePhone("+372 123"), null);
    assert.equal(normalisePhone("helista mulle"), null);
    assert.equal(normalisePhone(""), null);
    assert.equal(normalisePhone("+0123456789"), null);
    assert.equal(normalisePhone("5123456789012345"), null);
  });
});
