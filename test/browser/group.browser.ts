import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { groupLink } from "../../src/modules/group/schema.ts";
import { kpiQueue } from "../../src/modules/kpi/schema.ts";
import { takeInContactRecords } from "../../src/modules/kpi/take-in-contact-records.ts";
import { loadInsightsFixture } from "../fixtures/insights/generate.ts";
import { setPassword, unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  signInThroughApi,
  startBrowserTest,
} from "./helpers.ts";

const PASSWORD = "Kaja ministry test 2026!";

/** axe at 1280 and 390 px, and nothing wider than a 390 px phone screen. */
async function checkBothWidths(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page, `${label} at 390 px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} at 390 px is ${overflow} px wider than the screen`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The agencies overview in Chromium: the ministry's table and drill-down, and an agency owner answering a request,
// with axe on each screen.
describe("agencies overview in Chromium", () => {
  let t: BrowserContextOfTest;
  const contexts: BrowserContext[] = [];
  const orgs = {
    ministry: { id: "", slug: "", email: "" },
    agency: { id: "", slug: "", email: "" },
    newcomer: { id: "", slug: "", email: "" },
  };

  const newPage = async () => {
    const context = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };
  /** Signed in through the API (the form is tested in foundation.browser.ts), straight onto `path`. */
  const signIn = async (page: Page, email: string, path = "/app/") => {
    await signInThroughApi(t, page.context(), email, PASSWORD);
    await page.goto(`${t.baseUrl}${path}`);
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  };

  before(async () => {
    t = await startBrowserTest({ web: true });
    const names = {
      ministry: "Sotsiaalministeerium",
      agency: "Sotsiaalkindlustusamet",
      newcomer: "Terviseamet",
    };
    for (const key of Object.keys(orgs) as (keyof typeof orgs)[]) {
      const slug = `${key}-${unique()}`;
      const email = `owner-${slug}@example.test`;
      const { org, owner } = await createOrganization(t.deps, { name: names[key], slug, ownerEmail: email });
      await setPassword(t.deps, owner.id, PASSWORD);
      orgs[key] = { id: org.id, slug, email };
    }
    await loadInsightsFixture(t.deps.db, orgs.agency.id, { seed: 91, invitations: 400 });
    await t.deps.db
      .insert(kpiQueue)
      .values({ orgId: orgs.agency.id, id: "q1", name: "Infoliin", kind: "call" });
    // Ten calls in March 2026: eight answered within 20 s, two after a minute.
    await takeInContactRecords(
      t.deps.db,
      orgs.agency.id,
      Array.from({ length: 10 }, (_, i) => ({
        sourceId: `call-${i}`,
        kind: "call" as const,
        queueId: "q1",
        arrivedAt: `2026-03-${String(i + 2).padStart(2, "0")}T09:00:00Z`,
        answeredAt: `2026-03-${String(i + 2).padStart(2, "0")}T09:0${i < 8 ? "0:10" : "1:00"}Z`,
        resolvedAtFirstContact: i % 2 === 0,
      })),
    );
    await t.deps.db.insert(groupLink).values({
      orgId: orgs.ministry.id,
      id: crypto.randomUUID(),
      agencyOrgId: orgs.agency.id,
      state: "active",
      respondedAt: new Date(),
    });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("the ministry sees its agencies side by side and pooled, drills down, and asks a new agency", async () => {
    const page = await newPage();
    await signIn(page, orgs.ministry.email);
    await page.getByRole("link", { name: "Asutuste ülevaade" }).click();
    await page.getByRole("heading", { level: 1, name: "Asutuste ülevaade" }).waitFor();
    const table = page.getByRole("table", { name: "Asutuste tulemused" });
    await table.getByRole("link", { name: "Sotsiaalkindlustusamet" }).waitFor();
    await table.getByText("Kõik asutused kokku (1 asutus)").waitFor();
    const kpis = page.getByRole("table", { name: "Teenuse KPI-d: Kõned" });
    const kpiRow = kpis.getByRole("row").filter({ hasText: "Sotsiaalkindlustusamet" });
    await kpiRow.getByRole("cell", { name: "80% eesmärk 80% täidetud", exact: false }).waitFor();
    const cases = page.getByRole("table", { name: "Tagasiside juhtumid" });
    await cases.getByRole("rowheader", { name: "Sotsiaalkindlustusamet" }).waitFor();
    await checkBothWidths(page, "the ministry's overview");

    await page.getByLabel("Jaota").selectOption("month");
    await page.getByRole("button", { name: "Näita" }).click();
    await page.getByRole("table", { name: "Soovitusindeks kuude kaupa" }).waitFor();
    const months = page.getByRole("table", { name: "Teenuse KPI-d kuude kaupa, kõik asutused kokku" });
    await months.getByRole("rowheader", { name: "märts 2026" }).waitFor();
    await checkBothWidths(page, "the overview split by month");

    await table.getByRole("link", { name: "Sotsiaalkindlustusamet" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Sotsiaalkindlustusamet: teenuste tulemused" })
      .waitFor();
    await page.getByRole("rowheader", { name: "Pensioni taotlemine" }).waitFor();
    await expectNoAxeViolations(page, "an agency's services");

    await page.getByRole("link", { name: "Tagasi asutuste ülevaatesse" }).click();
    await page.getByLabel("Asutuse lühinimi (slug) või id").fill(orgs.newcomer.slug);
    await page.getByRole("button", { name: "Saada taotlus" }).click();
    await page.getByRole("status").filter({ hasText: "Taotlus saadeti asutusele Terviseamet." }).waitFor();
    await page.getByRole("cell", { name: "ootab nõusolekut" }).waitFor();
    await expectNoAxeViolations(page, "the overview with a pending request");
  });

  it("the agency's owner accepts the request and can end it", async () => {
    const page = await newPage();
    await signIn(page, orgs.newcomer.email, "/app/group");
    const parents = page.getByRole("table", { name: "Ülemasutused, kes näevad teie tulemusi" });
    await parents.getByRole("rowheader", { name: "Sotsiaalministeerium" }).waitFor();
    await expectNoAxeViolations(page, "the agency's link screen with a request");
    await parents.getByRole("button", { name: "Nõustu: Sotsiaalministeerium" }).click();
    await page.getByRole("status").filter({ hasText: "Nõustusite" }).waitFor();
    await parents.getByRole("cell", { name: "aktiivne" }).waitFor();
    await expectNoAxeViolations(page, "the agency's link screen with an active link");
    await parents.getByRole("button", { name: "Lõpeta: Sotsiaalministeerium" }).click();
    await page.getByRole("button", { name: "Jah" }).click();
    await page.getByRole("status").filter({ hasText: "Side lõpetati." }).waitFor();
    await parents.getByRole("cell", { name: "lõpetatud" }).waitFor();
    const rows = await t.deps.db.select().from(groupLink);
    const mine = rows.find((r) => r.agencyOrgId === orgs.newcomer.id);
    assert.equal(mine?.state, "ended");
    assert.equal(mine?.endedBySide, "agency");
  });
});
