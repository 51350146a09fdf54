import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { addMember, createTestOrg, TEST_PASSWORD, type TestContext, type TestOrg } from "../helpers/app.ts";
import {
  COMMENT_ANSWERS,
  seedComments,
  spreadAnswers,
  type TCommentFixture,
} from "../http/comments-fixtures.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";
import {
  expectMonthlyPdfMatches,
  expectServiceXlsxMatches,
  filterDashboardByService,
  firstServiceRow,
  screenLog,
  signInOnScreen,
  subscribeColleague,
  type TServiceRow,
} from "./manager-month-steps.ts";

const RU_THANKS = "Спасибо за отличное обслуживание!";
const MONTH = "2026-02";

// The manager's month as one continuous walk in Estonian, signed in as the organisation's owner (the praise
// approval and the report subscriptions need owner or admin; the owner has every manager capability):
// dashboard with a filter → comment search → mark and approve praise → employee of the month → the dashboard's
// XLSX and monthly PDF hold the screen's figures → subscribe a colleague to the monthly report. Every screen
// passed is axe-clean at 1280 px, then again at 390 px.
describe("the manager's month, end to end in Chromium", () => {
  let t: BrowserContextOfTest;
  let ctx: TestContext;
  let org: TestOrg;
  let fixture: TCommentFixture;
  let context: BrowserContext;
  let page: Page;
  let colleague: string;
  let colleagueId: string;
  let screens: ReturnType<typeof screenLog>;
  const axe = (label: string) => screens.axe(label);

  before(async () => {
    t = await startBrowserTest({ web: true });
    ctx = { app: t.app, deps: t.deps, close: async () => {} };
    org = await createTestOrg(ctx, "Maksuamet");
    // February 2026: Mari Maasikas has enough answers to be ranked, including a Russian thank-you.
    fixture = await seedComments(ctx, org, [
      ...COMMENT_ANSWERS,
      ...spreadAnswers(MONTH, 30, { prefix: "feb" }),
    ]);
    colleague = `analyst-${org.slug}@example.test`;
    colleagueId = (await addMember(ctx, org.orgId, colleague, "analyst")).id;
    context = await t.browser.newContext({
      locale: "et-EE",
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    screens = screenLog(page);
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  let screenRow: TServiceRow;

  it("signs in and filters the dashboard by a service", async () => {
    await signInOnScreen(page, t.baseUrl, `owner-${org.slug}@example.test`, TEST_PASSWORD);
    await filterDashboardByService(page, t.baseUrl, `${MONTH}-01`, `${MONTH}-28`, fixture.s1);
    screenRow = await firstServiceRow(page);
    await axe("the filtered dashboard");
  });

  it("searches the comments, marks a comment as praise and approves it", async () => {
    await page.getByRole("link", { name: "Kommentaarid", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Kommentaarid" }).waitFor();
    await page.getByLabel("Otsitavad sõnad").fill("спасибо");
    await page.getByRole("button", { name: "Otsi", exact: true }).click();
    await page
      .getByRole("heading", { level: 2, name: "Leitud: „спасибо“ (parimad vasted eespool)" })
      .waitFor();
    const item = page.getByRole("listitem").filter({ hasText: RU_THANKS });
    await item.getByText("Mari Maasikas").first().waitFor();
    await axe("the comment search");

    await item.getByRole("button", { name: "Märgi kiituseks" }).click();
    await item.getByLabel("Keda kiidetakse").selectOption("employee");
    assert.equal(await item.getByLabel("Avalikult näidatav tekst").inputValue(), RU_THANKS);
    await expectNoAxeViolations(page, "the praise form at 1280 px");
    await item.getByRole("button", { name: "Salvesta kiitus" }).click();
    await item.getByText("Kiitus, ootab kinnitamist").waitFor();
    await item.getByRole("button", { name: "Kinnita seinale" }).click();
    await item.getByText("Kiitus, kinnitatud seinale").waitFor();
    await expectNoAxeViolations(page, "the approved praise at 1280 px");
  });

  it("shows the employee of the month with the approved praise", async () => {
    await page.getByRole("link", { name: "Kuu töötaja" }).click();
    await page.getByRole("heading", { level: 1, name: "Kuu töötaja" }).waitFor();
    await page.getByLabel("Kuu", { exact: true }).fill(MONTH);
    await page.getByRole("button", { name: "Näita" }).click();
    await page.getByRole("heading", { level: 2, name: /veebruar 2026/ }).waitFor();
    const mari = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /Mari Maasikas/ }) });
    await mari.getByText(RU_THANKS).waitFor();
    await axe("the employee of the month");
  });

  it("downloads the dashboard's XLSX and monthly PDF, which hold the screen's figures", async () => {
    await page.goto(`${t.baseUrl}/app/dashboard?from=${MONTH}-01&to=${MONTH}-28&serviceId=${fixture.s1}`);
    await page.getByRole("heading", { level: 1, name: "Töölaud" }).waitFor();
    await page.getByRole("table", { name: "Teenuste kaupa" }).getByRole("row").nth(1).waitFor();

    await expectServiceXlsxMatches(page, screenRow);
    await expectMonthlyPdfMatches(page, t.baseUrl, { month: MONTH, from: `${MONTH}-01`, to: `${MONTH}-28` });
    await axe("the dashboard for the month");
  });

  it("subscribes a colleague to the monthly report", async () => {
    await subscribeColleague(page, { id: colleagueId, email: colleague }, "et");
    await axe("the report e-mails");
  });

  it("every screen passed is axe-clean and fits at 390 px", () => screens.expectFitOnPhone());
});
