import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { member } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { saveQueue } from "../../src/modules/kpi/queues.ts";
import { setPassword, unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  signInThroughApi,
  startBrowserTest,
} from "./helpers.ts";

const PASSWORD = "Kaja queues test 2026!";

/** axe at 1280 and 390 px, and nothing wider than a 390 px phone screen. */
async function checkBothWidths(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page, `${label} at 390 px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} at 390 px is ${overflow} px wider than the screen`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The queue and office catalogue in Chromium (Estonian): an owner adds a queue under its source id, sees the
// server's error at the name field, renames it, and finds it in the KPI page's queue filter.
describe("queues and offices in Chromium", () => {
  let t: BrowserContextOfTest;
  let context: BrowserContext;
  let analystEmail = "";

  before(async () => {
    t = await startBrowserTest({ web: true });
    const slug = `queues-${unique()}`;
    const email = `owner-${slug}@example.test`;
    const { org, owner } = await createOrganization(t.deps, {
      name: "Järjekorra amet",
      slug,
      ownerEmail: email,
    });
    await setPassword(t.deps, owner.id, PASSWORD);
    await saveQueue(t.deps.db, org.id, { id: "1500", name: "Infotelefon", kind: "call" });
    analystEmail = `analyst-${slug}@example.test`;
    const analyst = await ensureUser(t.deps.db, analystEmail);
    await setPassword(t.deps, analyst.id, PASSWORD);
    await t.deps.db
      .insert(member)
      .values({ id: randomUUID(), organizationId: org.id, userId: analyst.id, role: "analyst" });
    context = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
    await signInThroughApi(t, context, email, PASSWORD);
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  it("adds a queue, with the name's error from the server at the field, and renames it", async () => {
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/app/kpi`);
    await page.getByRole("heading", { level: 1, name: "Teeninduse KPI-d" }).waitFor();
    await page.getByRole("link", { name: "Halda järjekordi ja bürood" }).click();
    await page.getByRole("heading", { level: 1, name: "Järjekorrad ja bürood" }).waitFor();
    const list = page.getByRole("table", { name: "Teie järjekorrad ja bürood" });
    await list.getByRole("rowheader", { name: "Infotelefon" }).waitFor();
    await page.getByText("Mis on järjekord?").click();
    await page.getByText(/Tunnus on see, mida teie telefoni-/).waitFor();

    // The id of an existing queue is refused before sending; a blank name comes back from the server.
    const id = page.getByLabel("Tunnus lähtesüsteemis");
    const name = page.getByLabel("Nimi");
    await id.fill("1500");
    await name.fill("Pensioniliin");
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await page.getByText("Selle tunnusega on juba „Infotelefon“; muutke seda loendis.").waitFor();
    assert.equal(await id.getAttribute("aria-invalid"), "true");

    await id.fill("PENSION_LINE");
    await name.fill("   ");
    const put = page.waitForResponse((r) => r.url().includes("/api/v1/kpi/queues/PENSION_LINE"));
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    const problem = await (await put).json();
    assert.equal(problem.errors[0].path, "body.name");
    await page.waitForFunction(() =>
      [...document.querySelectorAll("input[name=name]")].some(
        (el) => el.getAttribute("aria-invalid") === "true",
      ),
    );
    const described = (await name.getAttribute("aria-describedby")) ?? "";
    const errorText = await page.locator(`[id="${described.split(" ").at(-1)}"]`).textContent();
    assert.equal(errorText, problem.errors[0].message);
    assert.equal(await id.getAttribute("aria-invalid"), null);
    await checkBothWidths(page, "the queue screen with a field error");

    await name.fill("Pensioniliin");
    await page.getByLabel("Liik").selectOption("call");
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "„Pensioniliin“" }).waitFor();
    await list.getByRole("rowheader", { name: "Pensioniliin" }).waitFor();

    await page.getByRole("button", { name: "Muuda: Pensioniliin" }).click();
    await page.getByRole("heading", { level: 2, name: "Muuda: Pensioniliin" }).waitFor();
    await page.getByText("PENSION_LINE", { exact: true }).first().waitFor();
    await page.getByLabel("Nimi").fill("Pensionide infoliin");
    await page.getByRole("button", { name: "Salvesta muudatused" }).click();
    await list.getByRole("rowheader", { name: "Pensionide infoliin" }).waitFor();
    assert.equal(await list.getByRole("rowheader", { name: "Pensioniliin", exact: true }).count(), 0);
    await checkBothWidths(page, "the queue screen");
  });

  it("offers the renamed queue in the KPI page's queue filter", async () => {
    const page = context.pages()[0];
    await page.getByRole("link", { name: "Tagasi teeninduse näitajate juurde" }).click();
    await page.getByRole("heading", { level: 1, name: "Teeninduse KPI-d" }).waitFor();
    const filter = page.getByLabel("Järjekord", { exact: true });
    await filter.locator("option", { hasText: "Pensionide infoliin" }).waitFor({ state: "attached" });
    await filter.selectOption({ label: "Pensionide infoliin" });
    assert.equal(await filter.inputValue(), "PENSION_LINE");
  });

  it("removes a queue without contacts after asking", async () => {
    const page = context.pages()[0];
    await page.getByRole("link", { name: "Halda järjekordi ja bürood" }).click();
    const list = page.getByRole("table", { name: "Teie järjekorrad ja bürood" });
    await list.getByRole("rowheader", { name: "Infotelefon" }).waitFor();
    await page.getByRole("button", { name: "Eemalda: Infotelefon" }).click();
    await page.getByRole("button", { name: "Jah, eemalda" }).click();
    await page.getByRole("status").filter({ hasText: "„Infotelefon“ eemaldatud." }).waitFor();
    assert.equal(await list.getByRole("rowheader", { name: "Infotelefon" }).count(), 0);
    await list.getByRole("rowheader", { name: "Pensionide infoliin" }).waitFor();
  });

  it("is not offered to a role without kpi:manage, and says so at its address", async () => {
    const other = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
    try {
      await signInThroughApi(t, other, analystEmail, PASSWORD);
      const page = await other.newPage();
      await page.goto(`${t.baseUrl}/app/kpi`);
      await page.getByRole("heading", { level: 1, name: "Teeninduse KPI-d" }).waitFor();
      await page.getByLabel("Järjekord", { exact: true }).waitFor();
      assert.equal(await page.getByRole("link", { name: "Halda järjekordi ja bürood" }).count(), 0);
      assert.equal(await page.getByRole("link", { name: "Järjekorrad ja bürood" }).count(), 0);
      await page.goto(`${t.baseUrl}/app/kpi/queues`);
      await page.getByText("Järjekordi ja bürood haldavad ainult omanikud ja administraatorid.").waitFor();
      assert.equal(await page.getByLabel("Tunnus lähtesüsteemis").count(), 0);
    } finally {
      await other.close();
    }
  });
});
