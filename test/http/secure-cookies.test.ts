import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startOwnTestApp, startTestApp, type TestContext } from "../helpers/app.ts";

/** The Set-Cookie header of `name` in a response. */
function setCookieOf(headers: Record<string, unknown>, name: string): string {
  const all = [headers["set-cookie"]].flat().filter((c): c is string => typeof c === "string");
  const cookie = all.find((c) => c.startsWith(`${name}=`));
  if (!cookie) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  return cookie;
}

describe("cookies over https", () => {
  let ctx: TestContext;
  before(async () => {
    // PUBLIC_URL is https and SECURE_COOKIES is left unset: cookies follow the public address.
    ctx = await startOwnTestApp({ env: { PUBLIC_URL: "https://kaja.example", SECURE_COOKIES: undefined } });
  });
  after(() => ctx.close());

  it("marks the CSRF cookie Secure when Kaja is served over https", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/csrf" });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = setCookieOf(res.headers, "_csrf");
    assert.match(cookie, /;\s*Secure(;|$)/i);
    assert.match(cookie, /;\s*HttpOnly(;|$)/i);
  });
});

describe("cookies over plain http (local use)", () => {
  let ctx: TestContext;
  before(async () => {
    // The shared test app is served at http://localhost:3000 without SECURE_COOKIES.
    ctx = await startTestApp();
  });
  after(() => ctx.close());

  it("leaves the CSRF cookie without Secure, or a browser on http://localhost would drop it", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/csrf" });
    assert.doesNotMatch(setCookieOf(res.headers, "_csrf"), /;\s*Secure(;|$)/i);
  });
});
