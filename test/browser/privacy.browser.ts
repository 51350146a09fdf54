import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { contact, response } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja privacy screen 2026!";
const PERSON = "mari.maasikas@example.test";

describe("the privacy and audit screens in Chromium", () => {
  let t: BrowserContextOfTest;
  let ownerEmail = "";
  const contexts: BrowserContext[] = [];

  before(async () => {
    t = await startBrowserTest({ web: true });
    const slug = `privacy-${unique()}`;
    ownerEmail = `owner-${slug}@example.test`;
    const { org } = await createOrganization(t.deps, { name: "Sotsiaalkindlustusamet", slug, ownerEmail });
    const owner = await ensureUser(t.deps.db, ownerEmail);
    await setPassword(t.deps, owner.id, PASSWORD);
    const survey = await createSurvey(t.deps.db, org.id, {
      name: "Teeninduse tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const answer = {
      orgId: org.id,
      surveyId: survey.id,
      surveyVersion: 1,
      locale: "et",
      audience: "external",
      source: "website",
    };
    await t.deps.db.insert(response).values([
      {
        ...answer,
        id: randomUUID(),
        score: 3,
        comment: "Minu isikukood on 37605030299, helistage mulle.",
        receivedAt: new Date("2024-01-10T10:00:00Z"),
      },
      {
        ...answer,
        id: randomUUID(),
        score: 9,
        comment: "Hea teenindus",
        respondentName: "Mari Maasikas",
        respondentEmail: PERSON,
      },
    ]);
    await t.deps.db.insert(contact).values({ orgId: org.id, id: randomUUID(), email: PERSON, locale: "et" });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("an owner finds personal data in comments, erases a person and reads it in the audit log", async () => {
    const context = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(ownerEmail);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    await page.getByRole("link", { name: "Privaatsus" }).click();
    await page.getByRole("heading", { level: 1, name: "Privaatsus" }).waitFor();
    await page.getByText("Isikuandmetega kommentaare: 1").waitFor();
    await page.getByRole("heading", { name: "Järgmine käivitus anonüümiks" }).waitFor();
    await page.getByText("Isikuandmetega kommentaarid: 1").waitFor();
    await page.getByLabel("Isikuandmed kommentaarides (kuud pärast vastust)").fill("120");
    await page.getByText("Isikuandmetega kommentaarid: 0").waitFor();
    await page.getByLabel("Küsitlus", { exact: true }).selectOption({ label: "Teeninduse tagasiside" });
    await page.getByLabel("Isikuandmed selle küsitluse kommentaarides (kuud)").fill("3");
    await page.getByRole("button", { name: "Salvesta küsitluse ajad" }).click();
    await page.getByText("Küsitluse säilitusajad on salvestatud.").waitFor();
    await page.getByRole("cell", { name: "3 kuud" }).waitFor();
    await expectNoAxeViolations(page, "the privacy screen");

    await page.getByLabel("E-posti aadress", { exact: true }).fill(PERSON);
    await page.getByRole("button", { name: "Otsi", exact: true }).click();
    await page.getByText("Vastused: 1").waitFor();
    await page.getByText("Kontaktid: 1").waitFor();
    await expectNoAxeViolations(page, "the privacy screen with a person found");
    await page.getByRole("button", { name: "Kustuta kõik selle inimese andmed" }).click();
    await page.getByRole("button", { name: "Jah, kustuta" }).click();
    await page.getByRole("heading", { name: "Kustutamise kinnitus" }).waitFor();
    await expectNoAxeViolations(page, "the privacy screen with an erasure receipt");

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the privacy screen is ${overflow}px wider than a phone`);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("link", { name: "Auditilogi" }).click();
    await page.getByRole("heading", { level: 1, name: "Auditilogi" }).waitFor();
    await page.getByRole("cell", { name: "Kustutas inimese andmed" }).waitFor();
    await page.getByRole("cell", { name: "Sisselogimine" }).first().waitFor();
    await expectNoAxeViolations(page, "the audit screen");
    await page.getByLabel("Tegevus").selectOption("person.erase");
    await page.getByRole("button", { name: "Näita", exact: true }).click();
    // A new filter shows "loading" in place of the list until its page arrives: the old rows going is not yet
    // the filtered list. Counting waits until the filtered table is there.
    const list = page.getByRole("table", { name: "Kirjed" });
    await page.getByRole("cell", { name: "Sisselogimine" }).first().waitFor({ state: "detached" });
    await list.getByRole("cell", { name: "Kustutas inimese andmed" }).waitFor();
    assert.equal(await list.getByRole("cell", { name: "Sisselogimine" }).count(), 0);
    assert.equal(await list.getByRole("cell", { name: "Kustutas inimese andmed" }).count(), 1);
  });
});
