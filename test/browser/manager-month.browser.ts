import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { addMember, createTestOrg, TEST_PASSWORD, type TestContext, type TestOrg } from "../helpers/app.ts";
import {
  COMMENT_ANSWERS,
  seedComments,
  spreadAnswers,
  type TCommentFixture,
} from "../http/comments-fixtures.ts";
import { pdfText } from "../http/exports-pdf-text.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const RU_THANKS = "Спасибо за отличное обслуживание!";
const MONTH = "2026-02";

/** A figure as written on screen or in a file ("+23,4", "−5", "1 234") as a number. */
const num = (s: string) =>
  Number(
    s
      .replace(/\u2212/g, "-")
      .replace(",", ".")
      .replace(/[^\d.+-]/g, ""),
  );

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
  const screens: { url: string; label: string }[] = [];

  const axe = async (label: string) => {
    screens.push({ url: page.url(), label });
    await expectNoAxeViolations(page, `${label} at 1280 px`);
  };

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
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  let screenAnswers = 0;
  let screenNps = 0;
  let serviceName = "";

  it("signs in and filters the dashboard by a service", async () => {
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(`owner-${org.slug}@example.test`);
    await page.getByLabel("Parool", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    await page.goto(`${t.baseUrl}/app/dashboard?from=${MONTH}-01&to=${MONTH}-28`);
    await page.getByRole("heading", { level: 1, name: "Töölaud" }).waitFor();
    await page.getByLabel("Teenuse nimi").selectOption(fixture.s1);
    await page.waitForURL(new RegExp(`serviceId=${fixture.s1}`));
    const row = page.getByRole("table", { name: "Teenuste kaupa" }).getByRole("row").nth(1);
    await row.waitFor();
    const cells = await row.locator("th, td").allInnerTexts();
    [serviceName] = cells;
    screenAnswers = num(cells[1]);
    screenNps = num(cells[2]);
    assert.ok(screenAnswers > 0, `the service has answers (${cells.join(" | ")})`);
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

    const xlsx = page.waitForEvent("download");
    await page.getByRole("link", { name: "Laadi alla Exceli failina: Teenuste kaupa" }).click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await (await xlsx).path())) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, (r.values as unknown[])[i + 1]])));
    });
    const mine = rows.find((r) => r.row === "group" && r.service === serviceName);
    assert.ok(mine, `the file has the screen's row ${serviceName}: ${JSON.stringify(rows)}`);
    assert.equal(Number(mine.answers), screenAnswers, "answers");
    assert.equal(Number(mine.nps), screenNps, "NPS");

    // The monthly report covers the whole month, so it is compared with the unfiltered month on screen.
    await page.goto(`${t.baseUrl}/app/dashboard?from=${MONTH}-01&to=${MONTH}-28`);
    const headline = page.locator("[data-figure=nps]");
    await headline.waitFor();
    const monthNps = num((await headline.textContent()) ?? "");
    await page.getByLabel("Aruande kuu").fill(MONTH);
    const pdf = page.waitForEvent("download");
    await page.getByRole("link", { name: `Laadi alla kuuaruanne PDF-failina: ${MONTH}` }).click();
    const lines = pdfText(await readFile(await (await pdf).path())).split("\n");
    const at = lines.indexOf("Soovitusindeks (NPS)");
    assert.ok(at >= 0, lines.join("\n"));
    assert.equal(num(lines[at + 1]), monthNps, "the PDF's NPS is the screen's");
    await axe("the dashboard for the month");
  });

  it("subscribes a colleague to the monthly report", async () => {
    await page.getByRole("link", { name: "Kuuaruande tellimused" }).click();
    await page.getByRole("heading", { level: 1, name: "Kuuaruanne e-postiga" }).waitFor();
    await page.getByLabel("Kes saab").selectOption(colleagueId);
    await page.getByLabel("Aruande keel").selectOption("et");
    await page.getByRole("button", { name: "Telli kuuaruanne" }).click();
    await page.getByText(`${colleague} saab nüüd kuuaruannet.`).waitFor();
    await page
      .getByRole("table", { name: "Saajad" })
      .getByRole("cell", { name: colleague })
      .first()
      .waitFor();
    await axe("the report e-mails");
  });

  it("every screen passed is axe-clean and fits at 390 px", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const s of screens) {
      await page.goto(s.url);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${s.label} is ${overflow} px wider than a 390 px phone`);
      await expectNoAxeViolations(page, `${s.label} at 390 px`);
    }
  });
});
