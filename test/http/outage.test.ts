import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { t } from "../../src/i18n/account-mail.ts";
import { st } from "../../src/i18n/survey/index.ts";
import {
  asUser,
  createTestOrg,
  randomIp,
  startOwnTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

const TOKEN = "A".repeat(43);

/** The page's language, title and first heading. */
function pageParts(res: LightMyRequestResponse) {
  return {
    lang: /<html lang="([^"]+)">/.exec(res.body)?.[1],
    title: /<title>([^<]*)<\/title>/.exec(res.body)?.[1],
    h1: /<h1[^>]*>([^<]*)<\/h1>/.exec(res.body)?.[1],
  };
}

function assertUnavailablePage(res: LightMyRequestResponse, locale: string) {
  assert.equal(res.statusCode, 503, res.body);
  assert.match(String(res.headers["content-type"]), /^text\/html/);
  assert.ok(Number(res.headers["retry-after"]) > 0, "Retry-After in seconds");
  assert.deepEqual(pageParts(res), {
    lang: locale,
    title: st(locale, "unavailable.title"),
    h1: st(locale, "unavailable.title"),
  });
  assert.ok(res.body.includes(st(locale, "unavailable.body")), "the explanation from the catalogue");
}

describe("while the database is down", () => {
  let ctx: TestContext;
  let org: TestOrg;

  before(async () => {
    // An app of its own: its database is closed for good.
    ctx = await startOwnTestApp();
    org = await createTestOrg(ctx);
    await ctx.deps.database.close();
  });
  after(async () => {
    await ctx.deps.mailer.close();
    await ctx.app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "GET", url, remoteAddress: randomIp(), headers });

  it("the API answers 503 with Retry-After and a problem body", async () => {
    const res = await get("/api/v1/surveys", asUser(org.owner));
    assert.equal(res.statusCode, 503, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
    assert.ok(Number(res.headers["retry-after"]) > 0);
    assert.equal(res.json().code, "UNAVAILABLE");
    const json = await ctx.app.inject({
      method: "POST",
      url: `/s/${TOKEN}`,
      headers: { "content-type": "application/json" },
      payload: { score: 9 },
    });
    assert.equal(json.statusCode, 503, json.body);
    assert.equal(json.json().code, "UNAVAILABLE");
  });

  it("a survey link shows a readable page, in the language asked for", async () => {
    assertUnavailablePage(await get(`/s/${TOKEN}`), "et");
    assertUnavailablePage(await get(`/s/${TOKEN}?lang=de`), "de");
    assertUnavailablePage(await get(`/s/${TOKEN}?score=9`, { "accept-language": "ru-RU,ru;q=0.9" }), "ru");
    const posted = await ctx.app.inject({
      method: "POST",
      url: `/s/${TOKEN}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "score=9&lang=lv",
    });
    assertUnavailablePage(posted, "lv");
  });

  it("the website survey, unsubscribe, praise wall and widget pages too", async () => {
    assertUnavailablePage(await get("/w/some-org/some-survey", { "accept-language": "lt" }), "lt");
    assertUnavailablePage(await get(`/unsubscribe/${TOKEN}?lang=en`), "en");
    assertUnavailablePage(await get(`/wall/${TOKEN}?lang=ru`), "ru");
    assertUnavailablePage(await get("/widget/some-org"), "et");
  });

  it("readiness says so too, in the language asked for", async () => {
    const res = await get("/readyz");
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().detail, t("en", "problem.unavailable"));
    const et = await get("/readyz", { "accept-language": "et" });
    assert.equal(et.statusCode, 503);
    assert.equal(et.json().detail, t("et", "problem.unavailable"));
  });
});
