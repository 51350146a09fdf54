import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authProblem } from "../../src/http/auth-bridge.ts";
import { localizeProblem } from "../../src/http/problem-language.ts";

const said = (
  status: number,
  body?: { message?: unknown; code?: unknown },
  lang: "et" | "ru" | null = "et",
) => {
  const err = authProblem(status, body);
  return { code: err.code, status: err.status, ...localizeProblem(err, lang) };
};

describe("better-auth refusals as catalogue problems", () => {
  it("says a known code by its own message, keeping the status's code", () => {
    const p = said(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
    assert.deepEqual(
      [p.status, p.code, p.detail],
      [401, "UNAUTHENTICATED", "E-posti aadress või parool on vale."],
    );
    const short = said(400, { code: "PASSWORD_TOO_SHORT", message: "Password too short" }, "ru");
    assert.deepEqual(
      [short.status, short.code, short.detail],
      [400, "BAD_REQUEST", "Пароль слишком короткий."],
    );
  });

  it("says an unknown 4xx generically, never in the library's words, and keeps it a 4xx", () => {
    const p = said(400, { code: "SOMETHING_NEW", message: "Something new went wrong" });
    assert.deepEqual([p.status, p.code, p.detail], [400, "BAD_REQUEST", "Päringut ei saa töödelda."]);
    const english = said(418, { message: "I am a teapot" }, null);
    assert.equal(english.status, 400);
    assert.equal(english.detail, "The request cannot be processed.");
  });

  it("names the fields of an input check, and says the rate limit without a body", () => {
    const p = said(400, {
      code: "VALIDATION_ERROR",
      message: "[body.email] Invalid email address; [body.redirectTo] Bad",
    });
    assert.equal(p.detail, "Puudu või vigane: body.email, body.redirectTo.");
    const limited = said(429, undefined);
    assert.deepEqual(
      [limited.status, limited.code, limited.detail],
      [429, "RATE_LIMITED", "Liiga palju päringuid; proovige minuti pärast uuesti."],
    );
  });

  it("keeps a 5xx to the status's title", () => {
    const p = said(500, { message: "Failed to create session", code: "FAILED_TO_CREATE_SESSION" }, null);
    assert.deepEqual([p.status, p.detail], [500, "Internal error"]);
  });
});
