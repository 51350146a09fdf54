import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactUrl } from "../../src/http/log.ts";

describe("redactUrl", () => {
  it("masks survey tokens and reset tokens and drops query strings", () => {
    assert.equal(redactUrl("/s/AbC_def-123?score=7"), "/s/[redacted]");
    assert.equal(
      redactUrl("/api/auth/reset-password/tok123?callbackURL=x"),
      "/api/auth/reset-password/[redacted]",
    );
    assert.equal(redactUrl("/app/reset-password?token=secret"), "/app/reset-password");
    assert.equal(redactUrl("/api/v1/services"), "/api/v1/services");
  });
});
