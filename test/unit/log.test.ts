import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactErrorMessage, redactUrl, serializeError } from "../../src/http/log.ts";

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

describe("serializeError", () => {
  it("keeps message, code and constraint of a database error but none of its values", () => {
    const pg = Object.assign(
      new Error('duplicate key value violates unique constraint "contact_org_email_uq"'),
      {
        code: "23505",
        constraint: "contact_org_email_uq",
        table: "contact",
        detail: "Key (org_id, email)=(o1, mari@example.test) already exists.",
        where: "SQL statement mari@example.test",
        internalQuery: "select 'mari@example.test'",
      },
    );
    const drizzle = Object.assign(
      new Error("Failed query: insert into contact (email) values ($1)\nparams: mari@example.test", {
        cause: pg,
      }),
      { query: "insert into contact (email) values ($1)", params: ["mari@example.test"] },
    );
    const out = serializeError(new AggregateError([drizzle], "batch failed"));
    const text = JSON.stringify(out);
    assert.doesNotMatch(text, /mari/);
    assert.match(text, /Failed query: insert into contact \(email\) values \(\$1\)\\nparams: \[redacted\]/);
    assert.match(text, /"code":"23505","table":"contact","constraint":"contact_org_email_uq"/);
    assert.equal(
      redactErrorMessage('invalid input syntax for type uuid: "mari@x"'),
      'invalid input syntax for type uuid: "[redacted]"',
    );
    assert.equal(serializeError({ email: "mari@example.test" }).message, "[object thrown]");
  });
});
