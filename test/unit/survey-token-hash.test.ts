import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateSurveyToken, hashSurveyToken } from "../../src/modules/responses/tokens.ts";

describe("survey link token hash", () => {
  it("is the SHA-256 of the token in hex, as stored for every link already sent", () => {
    // FIPS 180-2 test vector: SHA-256("abc").
    assert.equal(hashSurveyToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const { token, hash } = generateSurveyToken();
    assert.equal(hash, hashSurveyToken(token));
    assert.match(hash, /^[0-9a-f]{64}$/);
  });
});
