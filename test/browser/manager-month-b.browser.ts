import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { contact, member, service } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { loadDemoData } from "../../src/modules/demo/load-demo-data.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, startBrowserTest } from "./helpers.ts";
import {
  expectMonthlyPdfMatches,
  expectServiceXlsxMatches,
  filterDashboardByService,
  firstServiceRow,
  screenLog,
  signInOnScreen,
  subscribeColleague,
} from "./manager-month-steps.ts";

const PASSWORD = "Kaja manager month 2026!";

/** A civil date written YYYY-MM-DD, `days` from today (local time). */
const day = (days: number) => {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

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
  let colleagueId: string;
  let screens: ReturnType<typeof screenLog>;
  const axe = (label: string) => screens.axe(label);

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
    screens = screenLog(page);
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  it("signs in and filters the dashboard by a service; the table's XLSX holds the screen's figures", async () => {
    await signInOnScreen(page, t.baseUrl, email, PASSWORD);
    const [chosen] = await t.deps.db.select({ id: service.id }).from(service).where(eq(service.orgId, orgId));
    await filterDashboardByService(page, t.baseUrl, day(-89), day(0), chosen.id);
    await page.getByLabel("Sihtrühm", { exact: true }).selectOption("external");
    await page.waitForURL(/audience=external/);

    await expectServiceXlsxMatches(page, await firstServiceRow(page));
    await axe("the filtered dashboard");
  });

  it("the monthly PDF holds the dashboard's figures for that month", async () => {
    await expectMonthlyPdfMatches(page, t.baseUrl, lastMonth());
  });

  it("subscribes a colleague to the monthly report", async () => {
    await subscribeColleague(page, { id: colleagueId, email: colleague }, "en");
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

  it("every screen passed is axe-clean and fits at 390 px", () => screens.expectFitOnPhone());
});
