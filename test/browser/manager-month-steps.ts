import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { pdfText } from "../http/exports-pdf-text.ts";
import { expectNoAxeViolations } from "./helpers.ts";

// The steps the manager's month walks share (in Estonian): signing in, the dashboard's table by service, its
// XLSX and the monthly PDF held against the screen, a colleague's report subscription, and the screens passed
// checked again on a phone.

/** A figure as written on screen or in a file ("+23,4", "−5", "1 234") as a number. */
export const num = (s: string) =>
  Number(
    s
      .replace(/\u2212/g, "-")
      .replace(",", ".")
      .replace(/[^\d.+-]/g, ""),
  );

/** The screens a walk passed, each checked with axe at 1280 px when recorded and at 390 px at the end. */
export function screenLog(page: Page) {
  const screens: { url: string; label: string }[] = [];
  return {
    /** Records the current screen and checks it with axe at the current (1280 px) width. */
    async axe(label: string) {
      screens.push({ url: page.url(), label });
      await expectNoAxeViolations(page, `${label} at 1280 px`);
    },
    /** Every recorded screen fits a 390 px phone and is axe-clean there. */
    async expectFitOnPhone() {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const s of screens) {
        await page.goto(s.url);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${s.label} is ${overflow} px wider than a 390 px phone`);
        await expectNoAxeViolations(page, `${s.label} at 390 px`);
      }
    },
  };
}

/** Signs in through the sign-in screen and waits until the app shows the signed-in user. */
export async function signInOnScreen(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/app/sign-in`);
  await page.getByLabel("E-posti aadress").fill(email);
  await page.getByLabel("Parool", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logi sisse" }).click();
  await page.getByRole("button", { name: "Logi välja" }).waitFor();
}

/** Opens the dashboard for a period and filters it by one service (the URL carries the filter). */
export async function filterDashboardByService(
  page: Page,
  baseUrl: string,
  from: string,
  to: string,
  id: string,
) {
  await page.goto(`${baseUrl}/app/dashboard?from=${from}&to=${to}`);
  await page.getByRole("heading", { level: 1, name: "Töölaud" }).waitFor();
  await page.getByLabel("Teenuse nimi").selectOption(id);
  await page.waitForURL(new RegExp(`serviceId=${id}`));
}

export interface TServiceRow {
  name: string;
  answers: number;
  nps: number;
}

/** The first row of the dashboard's table by service, as the screen shows it; it has answers. */
export async function firstServiceRow(page: Page): Promise<TServiceRow> {
  const row = page.getByRole("table", { name: "Teenuste kaupa" }).getByRole("row").nth(1);
  await row.waitFor();
  const cells = await row.locator("th, td").allInnerTexts();
  const [name, answers, nps] = cells;
  assert.ok(num(answers) > 0, `the service has answers (${cells.join(" | ")})`);
  return { name, answers: num(answers), nps: num(nps) };
}

/** Downloads the table by service as XLSX and checks that the file's row holds the screen's figures. */
export async function expectServiceXlsxMatches(page: Page, screen: TServiceRow) {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Laadi alla Exceli failina: Teenuste kaupa" }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await (await download).path())) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((r, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, (r.values as unknown[])[i + 1]])));
  });
  const mine = rows.find((r) => r.row === "group" && r.service === screen.name);
  assert.ok(mine, `the file has the screen's row ${screen.name}: ${JSON.stringify(rows)}`);
  assert.equal(Number(mine.answers), screen.answers, "answers");
  assert.equal(Number(mine.nps), screen.nps, "NPS");
}

/**
 * Opens the unfiltered dashboard for a whole month (the monthly report covers the whole month), downloads the
 * month's PDF and checks that its NPS is the screen's.
 */
export async function expectMonthlyPdfMatches(
  page: Page,
  baseUrl: string,
  { month, from, to }: { month: string; from: string; to: string },
) {
  await page.goto(`${baseUrl}/app/dashboard?from=${from}&to=${to}`);
  const headline = page.locator("[data-figure=nps]");
  await headline.waitFor();
  const screenNps = num((await headline.textContent()) ?? "");
  await page.getByLabel("Aruande kuu").fill(month);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: `Laadi alla kuuaruanne PDF-failina: ${month}` }).click();
  const lines = pdfText(await readFile(await (await download).path())).split("\n");
  const at = lines.indexOf("Soovitusindeks (NPS)");
  assert.ok(at >= 0, lines.join("\n"));
  assert.equal(num(lines[at + 1]), screenNps, "the PDF's NPS is the screen's");
}

/** Subscribes a colleague to the monthly report in `locale` and waits until the list of recipients shows them. */
export async function subscribeColleague(
  page: Page,
  colleague: { id: string; email: string },
  locale: string,
) {
  await page.getByRole("link", { name: "Kuuaruande tellimused" }).click();
  await page.getByRole("heading", { level: 1, name: "Kuuaruanne e-postiga" }).waitFor();
  await page.getByLabel("Kes saab").selectOption(colleague.id);
  await page.getByLabel("Aruande keel").selectOption(locale);
  await page.getByRole("button", { name: "Telli kuuaruanne" }).click();
  await page.getByText(`${colleague.email} saab nüüd kuuaruannet.`).waitFor();
  await page
    .getByRole("table", { name: "Saajad" })
    .getByRole("cell", { name: colleague.email })
    .first()
    .waitFor();
}
