import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { BrowserContext } from "playwright-core";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { findKpis } from "../../src/modules/kpi/find-kpis.ts";
import { saveQueue } from "../../src/modules/kpi/queues.ts";
import { takeInContactRecords } from "../../src/modules/kpi/take-in-contact-records.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja KPI test 2026!";

// The KPI page in Chromium (Estonian): contact records of yesterday, the service level on the page equals the
// report's figure; axe at 1280 and 390 px.
describe("service KPIs in Chromium", () => {
  let t: BrowserContextOfTest;
  let context: BrowserContext;
  let email = "";
  let expected = "";

  before(async () => {
    t = await startBrowserTest({ web: true });
    const slug = `kpi-${unique()}`;
    email = `owner-${slug}@example.test`;
    const { org, owner } = await createOrganization(t.deps, { name: "KPI amet", slug, ownerEmail: email });
    await setPassword(t.deps, owner.id, PASSWORD);
    await saveQueue(t.deps.db, org.id, { id: "q1", name: "Infotelefon", kind: "call" });
    const day = new Date(Date.now() - 86_400_000);
    day.setUTCHours(10, 0, 0, 0);
    const at = (seconds: number) => new Date(day.getTime() + seconds * 1000).toISOString();
    await takeInContactRecords(t.deps.db, org.id, [
      { sourceId: "c1", kind: "call", queueId: "q1", arrivedAt: at(0), answeredAt: at(5), endedAt: at(200) },
      {
        sourceId: "c2",
        kind: "call",
        queueId: "q1",
        arrivedAt: at(60),
        answeredAt: at(70),
        endedAt: at(300),
      },
      {
        sourceId: "c3",
        kind: "call",
        queueId: "q1",
        arrivedAt: at(120),
        answeredAt: at(400),
        endedAt: at(600),
      },
      { sourceId: "c4", kind: "call", queueId: "q1", arrivedAt: at(180), abandonedAt: at(300) },
    ]);
    const date = day.toISOString().slice(0, 10) as Parameters<typeof findKpis>[2]["from"];
    const report = await findKpis(t.deps.db, org.id, {
      from: date,
      to: date,
      period: "day",
      by: "none",
      kind: "call",
    });
    const value = report.rows[0]?.serviceLevel?.value;
    assert.ok(value !== undefined, "the report has a service level for yesterday");
    expected = `${value.toFixed(1)} %`;
    context = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  it("a manager reads the service level beside its target, as the report computes it", async () => {
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(email);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    await page.getByRole("link", { name: "Teeninduse KPI-d" }).click();
    await page.getByRole("heading", { level: 1, name: "Teeninduse KPI-d" }).waitFor();
    const table = page.getByRole("table", { name: "Näitajad" });
    await table
      .getByRole("cell", {
        name: new RegExp(`^${expected.replace(".", "\\.")} eesmärk \\d+ (täidetud|täitmata)$`),
      })
      .waitFor();
    // The trend chart: a named picture with its target line; the table stays the accessible alternative.
    const chart = page.getByRole("img", { name: /^Teenindustase \(20 s\)/ });
    await chart.waitFor();
    assert.equal(await chart.locator('line[data-target="80"]').count(), 1);
    await expectNoAxeViolations(page, "the KPI page");

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, "the KPI page at 390 px");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("registers a request for information and sees its deadline from the server", async () => {
    const page = context.pages()[0];
    await page.getByRole("link", { name: "Kirjalikud pöördumised" }).click();
    await page.getByRole("heading", { level: 1, name: "Kirjalikud pöördumised" }).waitFor();
    await page.getByLabel("Viit").fill("7-1/42");
    await page.getByLabel("Liik").selectOption("information_request");
    // Thursday 19 February 2026: 5 working days, Independence Day (24 Feb) skipped → 27 February.
    await page.getByLabel("Saabunud").fill("2026-02-19T10:00");
    await page.getByRole("button", { name: "Registreeri", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "7-1/42 on registreeritud, vastamise tähtaeg 2026-02-27." })
      .waitFor();
    await page.getByRole("tab", { name: "Tähtaeg ületatud" }).click();
    await page.getByRole("cell", { name: "2026-02-27" }).waitFor();
    await expectNoAxeViolations(page, "the written-requests screen");
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, "the written-requests screen at 390 px");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Märgi 7-1/42 vastatuks" }).click();
    await page.getByRole("status").filter({ hasText: "7-1/42 on märgitud vastatuks." }).waitFor();
  });

  it("changes a KPI setting, with an inline error for a value out of range", async () => {
    const page = context.pages()[0];
    await page.getByRole("link", { name: "KPI seaded" }).click();
    await page.getByRole("heading", { level: 1, name: "KPI seaded" }).waitFor();
    const threshold = page.getByLabel("Teenindustaseme lävi (sekundites)");
    assert.equal(await threshold.inputValue(), "20");
    await threshold.fill("0");
    await page.getByRole("button", { name: "Salvesta seaded" }).click();
    await page.getByText("Sisesta täisarv 1 kuni 3600.").waitFor();
    assert.equal(await threshold.getAttribute("aria-invalid"), "true");
    await expectNoAxeViolations(page, "the KPI settings with an error");
    await threshold.fill("30");
    await page.getByRole("button", { name: "Salvesta seaded" }).click();
    await page.getByRole("status").filter({ hasText: "KPI seaded on salvestatud." }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, "the KPI settings at 390 px");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
