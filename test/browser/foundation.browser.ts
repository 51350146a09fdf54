import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { department, employee, service } from "../../src/db/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { setPassword, unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  hasFocus,
  startBrowserTest,
  tabUntil,
} from "./helpers.ts";

const PASSWORD = "Kaja sign-in test 2024!";

// Sign in, switch the interface language, create a service; axe on every screen.
describe("admin app in Chromium: sign-in, language, catalogue", () => {
  let t: BrowserContextOfTest;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  const slug = `browser-${unique()}`;
  const email = `owner-${slug}@example.test`;

  const servicesNamed = (name: string) =>
    t.deps.db
      .select()
      .from(service)
      .where(and(eq(service.orgId, orgId), sql`${service.names}->>'et' = ${name}`));

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
    const departmentId = randomUUID();
    await t.deps.db.insert(department).values({ orgId, id: departmentId, name: "Klienditeenindus" });
    await t.deps.db.insert(employee).values({
      orgId,
      id: randomUUID(),
      name: "Jaan Tamm",
      email: `jaan-${slug}@example.test`,
      departmentId,
    });
    context = await t.browser.newContext({ locale: "et-EE" });
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  it("signs in through the sign-in page, which has no axe violations", async () => {
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByRole("heading", { level: 1, name: "Sisselogimine" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "et");
    await expectNoAxeViolations(page, "the sign-in page");

    // A wrong password is refused with a message, and nothing else happens.
    await page.getByLabel("E-posti aadress").fill(email);
    await page.getByLabel("Parool", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByText("Vale e-posti aadress või parool.").waitFor();
    await expectNoAxeViolations(page, "the sign-in page with an error");

    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("heading", { level: 1, name: "Teenused" }).waitFor();
    assert.match(page.url(), /\/app\/services$/);
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  });

  it("switches the interface language with the language select", async () => {
    const select = page.getByLabel("Keel", { exact: true });
    assert.equal(await select.inputValue(), "et");
    await select.selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Services" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.getByLabel("Language", { exact: true }).inputValue(), "en");
    assert.equal(await page.getByLabel("Keel", { exact: true }).count(), 0);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Departments" }).waitFor();
    assert.equal(await page.title(), "Services – Kaja");
    await expectNoAxeViolations(page, "the services screen in English");

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Services" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");

    await page.getByLabel("Language", { exact: true }).selectOption("et");
    await page.getByRole("heading", { level: 1, name: "Teenused" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "et");
  });

  it("creates a service with the mouse and sees it in the list", async () => {
    const name = `Pensioni taotlemine ${unique()}`;
    await page.getByLabel("Eesti", { exact: true }).click();
    await page.getByLabel("Eesti", { exact: true }).fill(name);
    await page.getByLabel("Inglise", { exact: true }).fill("Applying for a pension");
    await page.getByLabel("Teenuse liik").selectOption({ label: "E-teenus" });
    await page.getByLabel("Sihtrühm").selectOption({ label: "Partnerid" });
    await page.getByLabel("Osakond").selectOption({ label: "Klienditeenindus" });
    await page.getByRole("button", { name: "Lisa teenus" }).click();

    await page
      .getByRole("status")
      .filter({ hasText: `„${name}“ lisati.` })
      .waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    assert.deepEqual(cells.slice(0, 3), ["E-teenus", "Partnerid", "Klienditeenindus"]);
    const stored = await servicesNamed(name);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].type, "e_service");
    assert.equal(stored[0].audience, "partner");
    assert.equal(stored[0].names.en, "Applying for a pension");
    // After adding, the form is empty again for the next service.
    assert.equal(await page.getByLabel("Eesti", { exact: true }).inputValue(), "");
  });

  it("creates a service by keyboard alone", async () => {
    const name = `Toetuse nõustamine ${unique()}`;
    // Start from the skip link, as a keyboard user arriving on the screen would.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Teenused" }).waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Liigu põhisisu juurde" });
    assert.equal(await hasFocus(skip), true);
    await page.keyboard.press("Enter");
    await tabUntil(page, page.getByLabel("Eesti", { exact: true }));
    await page.keyboard.type(name);
    await tabUntil(page, page.getByLabel("Teenuse liik"));
    // Typing an option's first letters picks it in a closed select.
    await page.keyboard.type("Koolitus");
    await tabUntil(page, page.getByLabel("Sihtrühm"));
    await page.keyboard.type("Sisekliendid");
    await tabUntil(page, page.getByRole("button", { name: "Lisa teenus" }));
    await page.keyboard.press("Enter");

    await page
      .getByRole("status")
      .filter({ hasText: `„${name}“ lisati.` })
      .waitFor();
    await page.getByRole("rowheader", { name }).waitFor();
    const stored = await servicesNamed(name);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].type, "training");
    assert.equal(stored[0].audience, "internal");
  });

  it("has no axe violations on the catalogue, users, API-key, survey and answer screens", async () => {
    const screens = [
      { link: "Teenused", heading: "Teenused" },
      { link: "Osakonnad", heading: "Osakonnad" },
      { link: "Töötajad", heading: "Töötajad" },
      { link: "Kanalid", heading: "Kanalid" },
      { link: "Kasutajad", heading: "Kasutajad" },
      { link: "API-võtmed", heading: "API-võtmed" },
      // The survey and answer lists (the admin screens for surveys and answers) are held to the same rules.
      { link: "Küsitlused", heading: "Küsitlused" },
      { link: "Vastused", heading: "Vastused" },
    ];
    const nav = page.getByRole("navigation", { name: "Peamenüü" });
    for (const s of screens) {
      await nav.getByRole("link", { name: s.link, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: s.heading }).waitFor();
      // Wait until the list (or form) has loaded, not just the heading.
      await page.waitForFunction(() => !document.querySelector("main")?.textContent?.includes("Laadimine…"));
      await expectNoAxeViolations(page, `the ${s.heading} screen`);
    }
    await nav.getByRole("link", { name: "Töötajad", exact: true }).click();
    await page.getByRole("rowheader", { name: "Jaan Tamm" }).waitFor();
    await nav.getByRole("link", { name: "Osakonnad", exact: true }).click();
    await page.getByRole("rowheader", { name: "Klienditeenindus" }).waitFor();
  });

  it("signs out and is back at sign-in; the screens need a session again", async () => {
    await page.getByRole("button", { name: "Logi välja" }).click();
    await page.getByRole("heading", { level: 1, name: "Sisselogimine" }).waitFor();
    await page.getByText("Olete välja logitud.").waitFor();
    assert.match(page.url(), /\/app\/sign-in/);
    await expectNoAxeViolations(page, "the sign-in page after signing out");

    await page.goto(`${t.baseUrl}/app/services`);
    await page.getByRole("heading", { level: 1, name: "Sisselogimine" }).waitFor();
    assert.match(page.url(), /\/app\/sign-in\?redirect=/);
  });
});
