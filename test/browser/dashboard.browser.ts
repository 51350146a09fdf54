import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { randomUUID } from "node:crypto";
import { service } from "../../src/db/schema.ts";
import { improvementAction } from "../../src/modules/followup/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { loadDemoData } from "../../src/modules/demo/load-demo-data.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja dashboard test 2026!";

/** A civil date written YYYY-MM-DD, `days` from today (local time). */
const day = (days: number) => {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** An index as the dashboard writes it in Estonian: signed, at most one decimal. */
const formatIndex = (v: number) =>
  new Intl.NumberFormat("et", { signDisplay: "exceptZero", maximumFractionDigits: 1 }).format(v);

// The dashboard with demo data in Chromium, figures equal the API's, filters change them.
describe("dashboard in Chromium with demo data", () => {
  let t: BrowserContextOfTest;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  const slug = `dashboard-${unique()}`;
  const email = `owner-${slug}@example.test`;
  // 90 days, shown inclusive: the API's `to` is the day after the last.
  const from = day(-89);
  const to = day(0);

  /** The summary total through the signed-in browser session, as the screen asks for it. */
  const apiTotal = async (query: Record<string, string>) => {
    const params = new URLSearchParams({ from, to: day(1), ...query });
    const res = await page.request.get(`${t.baseUrl}/api/v1/reports/summary?${params}`);
    assert.equal(res.status(), 200);
    return ((await res.json()) as { total: { nps: number | null; answers: number } }).total;
  };
  const headlineNps = () => page.locator("[data-figure=nps]");
  const actionTitle = "Ooteaja selgitus telefonil";

  before(async () => {
    t = await startBrowserTest({ web: true });
    const { org, owner } = await createOrganization(t.deps, {
      name: "Sotsiaalkindlustusamet",
      slug,
      ownerEmail: email,
      ownerName: "Mari Maasikas",
    });
    orgId = org.id;
    await setPassword(t.deps, owner.id, PASSWORD);
    await loadDemoData(t.deps, orgId, { days: 120 });
    // A completed improvement action (of no service) in the period: marked on the trend chart.
    await t.deps.db.insert(improvementAction).values({
      orgId,
      id: randomUUID(),
      title: actionTitle,
      status: "done",
      completedOn: day(-30),
    });
    context = await t.browser.newContext({ locale: "et-EE" });
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  it("signs in and shows the API's NPS for the period as the headline", async () => {
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(email);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    await page.goto(`${t.baseUrl}/app/dashboard?from=${from}&to=${to}`);
    await page.getByRole("heading", { level: 1, name: "Töölaud" }).waitFor();
    const total = await apiTotal({});
    assert.ok(total.answers > 30, `demo data gives answers in the period (${total.answers})`);
    assert.notEqual(total.nps, null);
    await assertText(headlineNps(), formatIndex(total.nps as number));

    // Every chart is a named picture with a one-sentence summary and a table beside it.
    const charts = page.locator("figure svg[role=img]");
    assert.equal(await charts.count(), 3);
    for (const chart of await charts.all()) assert.ok((await chart.getAttribute("aria-label"))?.length);
    assert.equal(await page.locator("figure figcaption").count(), 3);
    assert.equal(await page.locator("figure details table").count(), 3);
    await page.getByText(/^NPS (tõusis|langes|püsis)/).waitFor();
    // The completed action: named in the summary, the table and a list under the chart.
    await page.getByRole("link", { name: actionTitle }).waitFor();
    await page.getByText(/lõpetati üks parendustegevus/).waitFor();
    // The table sits in a closed <details>: counted in the DOM.
    assert.equal(
      await page.locator("figure details th", { hasText: "Lõpetatud parendustegevused" }).count(),
      1,
    );
    assert.equal(await page.locator("figure details td", { hasText: actionTitle }).count(), 1);
    for (const name of ["Teenuste kaupa", "Kanalite kaupa", "Osakondade kaupa", "Töötajate kaupa"]) {
      // The tables fold away to keep the page short; the first is open.
      const section = page.locator("details.dash-details", { has: page.getByRole("heading", { name }) });
      if ((await section.getAttribute("open")) === null) await section.locator("summary").click();
      await page.getByRole("table", { name }).getByRole("row").nth(1).waitFor();
    }
    await expectNoAxeViolations(page, "the dashboard");
  });

  it("changes the figures when a service is chosen, and keeps the choice in the address", async () => {
    const services = await t.deps.db.select({ id: service.id }).from(service).where(eq(service.orgId, orgId));
    const before = await apiTotal({});
    // A service whose NPS differs from the whole organisation's, so the change is visible.
    let chosen = services[0];
    let filtered = await apiTotal({ serviceId: chosen.id });
    for (const s of services) {
      const figures = await apiTotal({ serviceId: s.id });
      if (figures.nps !== null && figures.nps !== before.nps) {
        chosen = s;
        filtered = figures;
        break;
      }
    }
    assert.notEqual(filtered.nps, before.nps);
    assert.ok(filtered.answers < before.answers, "one service has fewer answers than all");
    assert.notEqual(filtered.nps, null);

    await page.getByLabel("Teenuse nimi").selectOption(chosen.id);
    await page.waitForURL(new RegExp(`serviceId=${chosen.id}`));
    assert.match(page.url(), new RegExp(`from=${from}`));
    await assertText(headlineNps(), formatIndex(filtered.nps as number));
    await page.getByText(`${filtered.answers} vastust`).first().waitFor();
    // The action is linked to no service: a service's trend does not mark it.
    await page.getByRole("link", { name: actionTitle }).waitFor({ state: "detached" });

    // A shared link opens the same view.
    const other = await context.newPage();
    await other.goto(page.url());
    await assertText(other.locator("[data-figure=nps]"), formatIndex(filtered.nps as number));
    await other.close();
    await expectNoAxeViolations(page, "the dashboard filtered by a service");
  });
});

/** Waits until the locator's text is exactly `expected` (figures load asynchronously). */
async function assertText(locator: ReturnType<Page["locator"]>, expected: string) {
  await locator.filter({ hasText: new RegExp(`^${escapeRegExp(expected)}$`) }).waitFor({ timeout: 10_000 });
  assert.equal((await locator.textContent())?.trim(), expected);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
