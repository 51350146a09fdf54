import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { st } from "../../src/i18n/survey/index.ts";
import {
  LINK_REQUESTS_PER_ADDRESS,
  LINK_REQUESTS_PER_TOKEN,
} from "../../src/modules/responses/limit-link-requests.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startAppWith } from "../delivery/helpers.ts";
import { createTestOrg, randomIp, type TestContext } from "../helpers/app.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";

/** A well-formed link token that belongs to no invitation. */
const unknownToken = () => randomBytes(32).toString("base64url");

function assertTooManyPage(res: LightMyRequestResponse, locale: string) {
  assert.equal(res.statusCode, 429, res.body);
  assert.match(String(res.headers["content-type"]), /^text\/html/);
  assert.ok(Number(res.headers["retry-after"]) > 0, "Retry-After in seconds");
  assert.equal(/<html lang="([^"]+)">/.exec(res.body)?.[1], locale);
  const text = st(locale, "error.tooManyRequests");
  assert.equal(/<title>([^<]*)<\/title>/.exec(res.body)?.[1], text);
}

describe("rate limits of survey links (/s/…)", () => {
  let ctx: TestContext;
  let orgId: string;
  let surveyId: string;

  before(async () => {
    // An app of its own, with the default limits (the shared test app lifts the per-address one).
    ctx = await startAppWith();
    ({ orgId } = await createTestOrg(ctx));
    ({ id: surveyId } = await createSurvey(ctx.deps.db, orgId, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et", "ru"] }),
    }));
  });
  after(() => ctx.close());

  const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "GET", url, remoteAddress, headers });

  it("one address that asks too often gets a readable 429 page; another address does not", async () => {
    const ip = randomIp();
    for (let i = 0; i < LINK_REQUESTS_PER_ADDRESS; i++) {
      assert.equal((await get(`/s/${unknownToken()}`, ip)).statusCode, 404);
    }
    assertTooManyPage(await get(`/s/${unknownToken()}?lang=ru`, ip), "ru");
    assertTooManyPage(await get(`/s/${unknownToken()}`, ip, { "accept-language": "lv" }), "lv");
    const json = await ctx.app.inject({
      method: "POST",
      url: `/s/${unknownToken()}`,
      remoteAddress: ip,
      payload: { score: 5 },
    });
    assert.equal(json.statusCode, 429);
    assert.equal(json.json().code, "RATE_LIMITED");
    assert.equal((await get(`/s/${unknownToken()}`, randomIp())).statusCode, 404, "another address");
  });

  it("one link asked for too often is limited whatever the address; other links are not", async () => {
    const { token } = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    for (let i = 0; i < LINK_REQUESTS_PER_TOKEN; i++) {
      assert.equal((await get(`/s/${token}`, randomIp())).statusCode, 200);
    }
    assertTooManyPage(await get(`/s/${token}`, randomIp()), "et");
    const other = await issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et" });
    assert.equal((await get(`/s/${other.token}`, randomIp())).statusCode, 200);
  });
});
