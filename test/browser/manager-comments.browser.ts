import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { enablePraiseWall } from "../../src/modules/insights/praise/praise-wall.ts";
import { asUser, createTestOrg, TEST_PASSWORD, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, type TCommentFixture } from "../http/comments-fixtures.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const WIDTHS = [1280, 390] as const;

// A manager's month in Chromium, in Estonian: the comment search, marking and approving praise, the employee of
// the month and the praise wall settings, with axe on every screen at 1280 and 390 px; and the public wall.
describe("comments, praise and the employee of the month in Chromium", () => {
  let t: BrowserContextOfTest;
  let ctx: TestContext;
  let org: TestOrg;
  let fixture: TCommentFixture;
  const contexts: BrowserContext[] = [];

  const newPage = async (width: number = WIDTHS[0], javaScriptEnabled = true) => {
    const context = await t.browser.newContext({
      locale: "et-EE",
      viewport: { width, height: 900 },
      javaScriptEnabled,
    });
    contexts.push(context);
    return context.newPage();
  };

  before(async () => {
    t = await startBrowserTest({ web: true });
    ctx = { app: t.app, deps: t.deps, close: async () => {} };
    org = await createTestOrg(ctx, "Maksuamet");
    fixture = await seedComments(ctx, org);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("the praise wall is axe-clean, has no meta refresh, and reloads only by script", async () => {
    const id = fixture.ids["et-praise"];
    const mark = await t.app.inject({
      method: "POST",
      url: `/api/v1/comments/${id}/praise`,
      headers: asUser(org.owner),
      payload: { target: "employee", text: "Väga meeldiv teenindus, aitäh!" },
    });
    assert.equal(mark.statusCode, 200, mark.body);
    await t.app.inject({
      method: "POST",
      url: `/api/v1/comments/${id}/praise/approve`,
      headers: asUser(org.owner),
    });
    const { url } = await enablePraiseWall(t.deps.db, org.orgId, t.baseUrl);
    for (const width of WIDTHS) {
      const page = await newPage(width);
      await page.goto(url);
      await page.getByText("Väga meeldiv teenindus, aitäh!").waitFor();
      assert.equal(await page.locator('meta[http-equiv="refresh" i]').count(), 0);
      // The script shows the pause control; the viewer can stop the refresh.
      await page.getByRole("link", { name: "Peata värskendamine" }).waitFor();
      await expectNoAxeViolations(page, `the praise wall at ${width} px`);
      await page.getByRole("link", { name: "Peata värskendamine" }).click();
      await page.getByText("Automaatne värskendamine on peatatud.").waitFor();
      await expectNoAxeViolations(page, `the paused praise wall at ${width} px`);
    }
    // Without JavaScript the wall still shows the praise and a link that reloads it.
    const plain = await newPage(1280, false);
    await plain.goto(url);
    await plain.getByText("Väga meeldiv teenindus, aitäh!").waitFor();
    await plain.getByRole("link", { name: "Värskenda kohe" }).waitFor();
    assert.equal(
      await plain.getByRole("link", { name: "Peata värskendamine" }).count(),
      0,
      "nothing to pause",
    );
  });
});
