import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { contact, member, service } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { loadDemoData } from "../../src/modules/demo/load-demo-data.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { pdfText } from "../http/exports-pdf-text.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja manager month 2026!";

/** A civil date written YYYY-MM-DD, `days` from today (local time). */
const day = (days: number) => {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** A figure as written on screen or in a file ("+23,4", "−5", "1 234") as a number. */
const num = (s: string) =>
  Number(
    s
      .replace(/\u2212/g, "-")
      .replace(",", ".")
      .replace(/[^\d.+-]/g, ""),
  );

/** The last complete month (YYYY-MM) and its first and last day. */
function lastMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  const month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
  return { month, from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

// A manager's month in Estonian: filtered dashboard → downloads → subscribe a colleague → benchmark → contacts.
describe("the manager's month in Chromium (downloads, report e-mails, benchmark, contacts)", () => {
  let t: BrowserContextOfTest;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  const slug = `month-${unique()}`;
  const email = `owner-${slug}@example.test`;
  const colleague = `analyst-${slug}@example.test`;
  const person = `mari-${slug}@example.test`;
  const networkName = `Maakonna ametid ${unique()}`;
  const screens: { url: string; label: string }[] = [];
  let colleagueId: string;

  const axe = async (label: string) => {
    screens.push({ url: page.url(), label });
    await expectNoAxeViolations(page, `${label} at 1280 px`);
  };

  before(async () => {
    t = await startBrowserTest({ web: true });
    const { org, owner } = await createOrganization(t.deps, {
      name: "Maa- ja Ruumiamet",
      slug,
      ownerEmail: email,
      ownerName: "Mari Juht",
    });
    orgId = org.id;
    await setPassword(t.deps, owner.id, PASSWORD);
    await loadDemoData(t.deps, orgId, { days: 120 });
    const u = await ensureUser(t.deps.db, colleague);
    colleagueId = u.id;
    await t.deps.db
      .insert(member)
      .values({ id: randomUUID(), organizationId: orgId, userId: u.id, role: "analyst" });
    // A person with one answered invitation.
    const surveyId = await seedSurvey(t.deps.db, orgId);
    const contactId = randomUUID();
    await t.deps.db.insert(contact).values({ orgId, id: contactId, email: person, name: "Mari Maasikas" });
    const { token } = await issueSentInvitation(t.deps.db, { orgId, surveyId, locale: "et", contactId });
    const inv = await findInvitationByToken(t.deps.db, token);
    assert.ok(inv);
    await answerInvitation(t.deps.db, inv, { score: 8, answers: {} }, { locale: "et" });
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

  it("signs in and filters the dashboard by a service; the table's XLSX holds the screen's figures", async () => {
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(email);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    const [chosen] = await t.deps.db.select({ id: service.id }).from(service).where(eq(service.orgId, orgId));
    await page.goto(`${t.baseUrl}/app/dashboard?from=${day(-89)}&to=${day(0)}`);
    await page.getByRole("heading", { level: 1, name: "Töölaud" }).waitFor();
    await page.getByLabel("Teenuse nimi").selectOption(chosen.id);
    await page.waitForURL(new RegExp(`serviceId=${chosen.id}`));
    await page.getByLabel("Sihtrühm", { exact: true }).selectOption("external");
    await page.waitForURL(/audience=external/);

    const table = page.getByRole("table", { name: "Teenuste kaupa" });
    const row = table.getByRole("row").nth(1);
    await row.waitFor();
    const cells = await row.locator("th, td").allInnerTexts();
    const [name, answers, nps] = cells;
    assert.ok(num(answers) > 0, `the service has answers (${cells.join(" | ")})`);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Laadi alla Exceli failina: Teenuste kaupa" }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, (r.values as unknown[])[i + 1]])));
    });
    const mine = rows.find((r) => r.row === "group" && r.service === name);
    assert.ok(mine, `the file has the screen's row ${name}: ${JSON.stringify(rows)}`);
    assert.equal(Number(mine.answers), num(answers), "answers");
    assert.equal(Number(mine.nps), num(nps), "NPS");
    await axe("the filtered dashboard");
  });

  it("the monthly PDF holds the dashboard's figures for that month", async () => {
    const m = lastMonth();
    await page.goto(`${t.baseUrl}/app/dashboard?from=${m.from}&to=${m.to}`);
    const headline = page.locator("[data-figure=nps]");
    await headline.waitFor();
    const screenNps = num((await headline.textContent()) ?? "");
    await page.getByLabel("Aruande kuu").fill(m.month);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: `Laadi alla kuuaruanne PDF-failina: ${m.month}` }).click();
    const lines = pdfText(await readFile(await (await download).path())).split("\n");
    const at = lines.indexOf("Soovitusindeks (NPS)");
    assert.ok(at >= 0, lines.join("\n"));
    assert.equal(num(lines[at + 1]), screenNps, "the PDF's NPS is the screen's");
  });

  it("subscribes a colleague to the monthly report", async () => {
    await page.getByRole("link", { name: "Kuuaruande tellimused" }).click();
    await page.getByRole("heading", { level: 1, name: "Kuuaruanne e-postiga" }).waitFor();
    await page.getByLabel("Kes saab").selectOption(colleagueId);
    await page.getByLabel("Aruande keel").selectOption("en");
    await page.getByRole("button", { name: "Telli kuuaruanne" }).click();
    await page.getByText(`${colleague} saab nüüd kuuaruannet.`).waitFor();
    await page
      .getByRole("table", { name: "Saajad" })
      .getByRole("cell", { name: colleague })
      .first()
      .waitFor();
    await axe("the report e-mails");
  });

  it("creates a benchmark network and shows its figures", async () => {
    await page.getByRole("link", { name: "Võrdlus teistega" }).click();
    await page.getByRole("heading", { level: 1, name: "Võrdlus teiste asutustega" }).waitFor();
    await page.getByLabel("Võrgustiku nimi").fill(networkName);
    await page.getByRole("button", { name: "Loo võrgustik" }).click();
    await page.getByText(`Võrgustik ${networkName} on loodud`).waitFor();
    await page.getByRole("heading", { name: `Tulemused: ${networkName}` }).waitFor();
    await page
      .getByRole("table", { name: `Tulemused: ${networkName}` })
      .getByRole("row")
      .nth(1)
      .waitFor();
    await axe("the benchmark");
  });

  it("finds a person by e-mail, shows their answer and opts them out", async () => {
    await page.getByRole("link", { name: "Kontaktid" }).click();
    await page.getByRole("heading", { level: 1, name: "Kontaktid" }).waitFor();
    await page.getByLabel("E-posti aadress või selle osa").fill(person.slice(0, 12));
    await page.getByRole("button", { name: "Otsi" }).click();
    await page.getByRole("button", { name: `Vaata: ${person}` }).click();
    const history = page.getByRole("table", { name: `${person}: kutsed ja vastused` });
    await history.getByRole("cell", { name: "8", exact: true }).waitFor();
    await axe("the contact's history");
    await page.getByRole("button", { name: `Lõpeta küsitlemine: ${person}` }).click();
    await page.getByRole("button", { name: "Jah, lõpeta" }).click();
    await page.getByText(`${person} ei saa enam küsitlusi.`).waitFor();
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
