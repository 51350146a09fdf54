import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { followUpRule } from "../../src/modules/followup/schema.ts";
import { asUser, startTestApp, type TestContext } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

describe('public "You said, we did" page', () => {
  let ctx: TestContext;
  let a: FollowUpOrg;

  before(async () => {
    ctx = await startTestApp();
    a = await followUpOrg(ctx, "Sotsiaalkindlustusamet");
    const post = async (body: Record<string, unknown>, done: boolean) => {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/improvement-actions",
        headers: asUser(a.owner),
        payload: body,
      });
      assert.equal(res.statusCode, 201, res.body);
      if (done)
        await ctx.app.inject({
          method: "PATCH",
          url: `/api/v1/improvement-actions/${res.json().id}`,
          headers: asUser(a.owner),
          payload: { status: "done" },
        });
    };
    await post(
      {
        title: "Ooteaja selgitus",
        public: true,
        publicTexts: {
          et: { said: "Telefonil tuli kaua oodata.", did: "Lisasime tipptundidel kaks nõustajat." },
          en: { said: "You waited long on the phone.", did: "We added two advisers at peak hours." },
        },
      },
      true,
    );
    await post({ title: "Sisemine: uus tabel", public: false }, true);
    await post(
      { title: "Avalik, aga pooleli", public: true, publicTexts: { et: { said: "x", did: "y" } } },
      false,
    );
  });
  after(() => ctx.close());

  const get = (url: string) => ctx.app.inject({ method: "GET", url });

  it("is 404 until the organisation switches it on, then lists completed public actions without script", async () => {
    assert.equal((await get(`/we-did/${a.slug}`)).statusCode, 404);
    await ctx.deps.db.insert(followUpRule).values({ orgId: a.orgId, publicPage: true });
    const res = await get(`/we-did/${a.slug}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="et">/);
    assert.ok(res.body.includes("Lisasime tipptundidel kaks nõustajat."));
    assert.ok(!res.body.includes("Sisemine"), "actions not marked public stay off the page");
    assert.ok(!res.body.includes("Avalik, aga pooleli"), "only completed actions");
    assert.ok(!/<script/i.test(res.body));
    assert.match(res.body, /<a href="\?lang=en" lang="en" hreflang="en">/);
    const en = await get(`/we-did/${a.slug}?lang=en`);
    assert.match(en.body, /<html lang="en">/);
    assert.ok(en.body.includes("We added two advisers at peak hours."));
    assert.ok(en.body.includes("you said, we did"));
    assert.equal((await get("/we-did/no-such-organisation")).statusCode, 404);
  });

  it("is linked from the thank-you page of an answer", async () => {
    const { token } = await a.answer(9);
    const thanks = await get(`/s/${token}/thanks?lang=et`);
    assert.equal(thanks.statusCode, 200);
    assert.ok(thanks.body.includes(`href="/we-did/${a.slug}?lang=et"`));
  });
});
