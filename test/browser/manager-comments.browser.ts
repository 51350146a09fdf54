import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { enablePraiseWall } from "../../src/modules/insights/praise/praise-wall.ts";
import { asUser, createTestOrg, TEST_PASSWORD, type TestContext, type TestOrg } from "../helpers/app.ts";

const RU_THANKS = "Спасибо за отличное обслуживание!";
import {
  COMMENT_ANSWERS,
  seedComments,
  spreadAnswers,
  type TCommentFixture,
} from "../http/comments-fixtures.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  signInThroughApi,
  startBrowserTest,
} from "./helpers.ts";

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
    // February 2026: Mari Maasikas has 16 answers (enough to be ranked), including a Russian thank-you.
    fixture = await seedComments(ctx, org, [
      ...COMMENT_ANSWERS,
      ...spreadAnswers("2026-02", 30, { prefix: "feb" }),
    ]);
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

  const signIn = async (page: Page) => {
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(`owner-${org.slug}@example.test`);
    await page.getByLabel("Parool", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  };
  const fits = async (page: Page, label: string) =>
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      `${label} fits without scrolling sideways`,
    );

  it("a manager searches comments, marks and approves praise, sees the employee of the month and sets up the wall", async () => {
    const page = await newPage(1280);
    await signIn(page);

    await page.getByRole("link", { name: "Kommentaarid", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Kommentaarid" }).waitFor();
    await expectNoAxeViolations(page, "the comments at 1280 px");

    await page.getByLabel("Otsitavad sõnad").fill("спасибо");
    await page.getByRole("button", { name: "Otsi", exact: true }).click();
    await page
      .getByRole("heading", { level: 2, name: "Leitud: „спасибо“ (parimad vasted eespool)" })
      .waitFor();
    const item = page.getByRole("listitem").filter({ hasText: RU_THANKS });
    await item.waitFor();
    await item.getByText("Mari Maasikas").first().waitFor();
    await item.getByRole("link", { name: /^Ava vastus/ }).waitFor();
    await expectNoAxeViolations(page, "the search result");

    await item.getByRole("button", { name: "Märgi kiituseks" }).click();
    await item.getByLabel("Keda kiidetakse").selectOption("employee");
    assert.equal(await item.getByLabel("Avalikult näidatav tekst").inputValue(), RU_THANKS);
    await expectNoAxeViolations(page, "the praise form");
    await item.getByRole("button", { name: "Salvesta kiitus" }).click();
    await item.getByText("Kiitus, ootab kinnitamist").waitFor();
    await page.getByText("Kommentaar on märgitud kiituseks.", { exact: false }).waitFor();

    await item.getByRole("button", { name: "Kinnita seinale" }).click();
    await item.getByText("Kiitus, kinnitatud seinale").waitFor();
    await expectNoAxeViolations(page, "the approved praise");

    await page.getByRole("link", { name: "Kuu töötaja" }).click();
    await page.getByRole("heading", { level: 1, name: "Kuu töötaja" }).waitFor();
    await page.getByLabel("Kuu", { exact: true }).fill("2026-02");
    await page.getByRole("button", { name: "Näita" }).click();
    await page.getByRole("heading", { level: 2, name: /veebruar 2026/ }).waitFor();
    const mari = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /Mari Maasikas/ }) });
    await mari.getByText(RU_THANKS).waitFor();
    await page
      .getByText("Järjestuses on ainult töötajad, kellel on kuus vähemalt 10 vastust.", { exact: false })
      .waitFor();
    await expectNoAxeViolations(page, "the employee of the month at 1280 px");

    await page.getByRole("link", { name: "Kiitusesein ja vidin" }).click();
    await page.getByRole("heading", { level: 1, name: "Kiitusesein ja vidin" }).waitFor();
    await page.getByRole("button", { name: "Loo uus link" }).click();
    await page.getByRole("button", { name: "Kopeeri link" }).waitFor();
    const wallLink = await page.locator("code.embed-code").first().textContent();
    assert.match(wallLink ?? "", /\/wall\/[A-Za-z0-9_-]{43}\?lang=et&refresh=on$/);
    await page.getByRole("button", { name: "Lülita vidin sisse" }).click();
    await page.getByText("Vidin on sees.", { exact: true }).first().waitFor();
    await page.getByTitle("Vidina eelvaade").waitFor();
    await page.frameLocator('iframe[title="Vidina eelvaade"]').getByText(RU_THANKS).waitFor();
    await page.getByRole("button", { name: "Kopeeri kood" }).waitFor();
    await expectNoAxeViolations(page, "the praise wall settings at 1280 px");

    await page.getByRole("link", { name: "Rühmade nimed" }).click();
    await page.getByRole("heading", { level: 1, name: "Rühmade nimed" }).waitFor();
    await page.getByRole("button", { name: /Kasuta juhise nimesid/ }).click();
    await page.getByText("Kasutusel on juhise nimed.").waitFor();
    await expectNoAxeViolations(page, "the group names at 1280 px");

    // The new names show in the comment list and on the dashboard's data.
    await page.goto(`${t.baseUrl}/app/comments?q=${encodeURIComponent("спасибо")}`);
    await page.getByRole("listitem").filter({ hasText: RU_THANKS }).getByText("Positiivne").waitFor();
  });

  for (const width of [390] as const) {
    it(`every screen is axe-clean and fits at ${width} px`, async () => {
      const page = await newPage(width);
      // Signed in through the API: the form was passed in the test before.
      await signInThroughApi(t, page.context(), `owner-${org.slug}@example.test`, TEST_PASSWORD);
      for (const [path, heading, shown] of [
        [`/app/comments?q=${encodeURIComponent("спасибо")}`, "Kommentaarid", RU_THANKS],
        ["/app/employee-of-the-month?month=2026-02", "Kuu töötaja", RU_THANKS],
        ["/app/praise-wall", "Kiitusesein ja vidin", "Vidina eelvaade"],
        ["/app/group-labels", "Rühmade nimed", "Praegused nimed"],
      ] as const) {
        await page.goto(`${t.baseUrl}${path}`);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        if (shown === "Vidina eelvaade") await page.getByTitle(shown).waitFor();
        else await page.getByText(shown).first().waitFor();
        await expectNoAxeViolations(page, `${heading} at ${width} px`);
        await fits(page, `${heading} at ${width} px`);
      }
    });
  }
});
