import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base32Decode, matchTotpStep, totpCode, totpStep } from "./totp.ts";

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; 8-digit codes.
const RFC_SECRET = "12345678901234567890";

describe("TOTP (RFC 6238)", () => {
  for (const [seconds, code] of [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
  ] as const) {
    it(`gives ${code} at ${seconds} s`, () => {
      assert.equal(totpCode(RFC_SECRET, totpStep(seconds * 1000), 8), code);
    });
  }

  it("finds the step of a code from the previous, current or next 30 seconds, and no other", () => {
    const at = 1234567890 * 1000;
    const now = totpStep(at);
    assert.equal(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now - 1), { at }), now - 1);
    assert.equal(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now + 1), { at }), now + 1);
    assert.equal(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now - 2), { at }), null);
    assert.equal(matchTotpStep(RFC_SECRET, "12345", { at }), null);
  });

  it("decodes base32 as authenticator apps read it", () => {
    assert.equal(base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").toString("ascii"), RFC_SECRET);
  });
});
