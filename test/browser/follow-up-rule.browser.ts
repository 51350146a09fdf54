import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja follow-up rule 2026!";

describe("the follow-up rule screen in Chromium", () => {
  let t: BrowserContextOfTest;
  let ownerEmail = "";
  let surveyId = "";
  const contexts: BrowserContext[] = [];

  before(async () => {
    t = await startBrowserTest({ web: true });
    const slug = `rule-${unique()}`;
    ownerEmail = `owner-${slug}@example.test`;
    const { org } = await createOrganization(t.deps, { name: "Maksu- ja Tolliamet", slug, ownerEmail });
    const owner = await ensureUser(t.deps.db, ownerEmail);
    await setPassword(t.deps, owner.id, PASSWORD);
    ({ id: surveyId } = await createSurvey(t.deps.db, org.id, {
      name: "Teenindusbüroo tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    }));
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("an owner turns on the recovery question, sets the NPS limit and a survey rule, and saves", async () => {
    const context = await t.browser.newContext({ locale: "et-EE" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(ownerEmail);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    await page.getByRole("link", { name: "Tagasiside reegel" }).click();
    await page.getByRole("heading", { level: 1, name: "Tagasiside juhtumite reegel" }).waitFor();
    await expectNoAxeViolations(page, "the follow-up rule screen");

    // A delay of 0 days is refused next to its field, and nothing is saved.
    await page.getByLabel("Saada küsimus pärast juhtumi lahendamist").check();
    const delay = page.getByLabel("Saada päevi pärast lahendamist");
    await delay.fill("0");
    await page.getByRole("button", { name: "Salvesta reegel" }).click();
    await page.getByText("1 kuni 30", { exact: false }).first().waitFor();
    assert.equal(await delay.getAttribute("aria-invalid"), "true");
    const nps = page.getByLabel("Soovitamise hinne (NPS) kuni", { exact: true });
    await nps.fill("11");
    await page.getByRole("button", { name: "Salvesta reegel" }).click();
    await page.getByText("Sisestage täisarv 0 kuni 10 või jätke tühjaks.").first().waitFor();
    assert.equal(await nps.getAttribute("aria-invalid"), "true");
    await expectNoAxeViolations(page, "the follow-up rule screen with field errors");
    const untouched = await page.request.get(`${t.baseUrl}/api/v1/follow-up-rules`);
    assert.equal((await untouched.json()).recoveryQuestion, false, "nothing saved while a field is wrong");

    await delay.fill("5");
    await nps.fill("5");
    await page.getByLabel("Lisa küsitlusele erireegel").selectOption(surveyId);
    await page.getByRole("button", { name: "Lisa", exact: true }).click();
    await page.getByLabel("Teenindusbüroo tagasiside: avab juhtumeid").selectOption("off");
    await page.getByRole("button", { name: "Salvesta reegel" }).click();
    await page.getByRole("status").filter({ hasText: "Tagasiside reegel on salvestatud." }).waitFor();
    await expectNoAxeViolations(page, "the follow-up rule screen after saving");

    const res = await page.request.get(`${t.baseUrl}/api/v1/follow-up-rules`);
    assert.equal(res.status(), 200);
    const rule = await res.json();
    assert.equal(rule.recoveryQuestion, true);
    assert.equal(rule.recoveryDelayDays, 5);
    assert.equal(rule.npsMax, 5);
    assert.deepEqual(rule.surveys, { [surveyId]: { enabled: false } });
  });
});
