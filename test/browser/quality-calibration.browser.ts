import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { member } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import {
  qualityCalibrationParticipant,
  qualityCalibrationSession,
} from "../../src/modules/quality/calibration-schema.ts";
import { activateVersion, createModel } from "../../src/modules/quality/models.ts";
import { setPassword, unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  signInThroughApi,
  startBrowserTest,
  tabUntil,
} from "./helpers.ts";

const PASSWORD = "Kaja calibration test 2026!";
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

/** axe at both widths the admin app is made for; the page must not scroll sideways at 390 px. */
async function axeAtBothWidths(page: Page, label: string) {
  await page.setViewportSize(WIDE);
  await expectNoAxeViolations(page, `${label} at 1280 px`);
  await page.setViewportSize(NARROW);
  await expectNoAxeViolations(page, `${label} at 390 px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow} px at 390 px`);
  await page.setViewportSize(WIDE);
}

/** Keyboard only: Tab into each criterion's radio group, Space picks 0, ArrowRight moves up by `steps[i]`. */
async function scoreByKeyboard(page: Page, steps: number[]) {
  await tabUntil(page, page.getByRole("radio").first(), 80);
  let criterion = 0;
  for (let step = 0; step < 60 && criterion < steps.length; step++) {
    const isRadio = await page.evaluate(
      () => (document.activeElement as HTMLInputElement | null)?.type === "radio",
    );
    if (isRadio) {
      await page.keyboard.press("Space");
      for (let i = 0; i < steps[criterion]; i++) await page.keyboard.press("ArrowRight");
      criterion++;
    }
    await page.keyboard.press("Tab");
  }
  assert.equal(criterion, steps.length, "every criterion was reached by Tab");
}

// The calibration screens in Chromium: open a session, two evaluators score it blind by keyboard, the
// results with alpha, the agreed reference, and the evaluator's trend; axe at 1280 and 390 px on each.
describe("quality calibration in Chromium", () => {
  let t: BrowserContextOfTest;
  let orgId: string;
  let slug: string;
  let sessionId = "";
  const contexts: BrowserContext[] = [];
  const users = { manager: { email: "", id: "" }, specialist: { email: "", id: "" } };

  const newPage = async () => {
    const context = await t.browser.newContext({ locale: "et-EE", viewport: WIDE });
    contexts.push(context);
    return context.newPage();
  };
  /** Signed in through the API (the form is tested in foundation.browser.ts), straight onto `path`. */
  const signIn = async (page: Page, email: string, path = "/app/") => {
    await signInThroughApi(t, page.context(), email, PASSWORD);
    await page.goto(`${t.baseUrl}${path}`);
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  };
  const addUser = async (role: string, name: string) => {
    const email = `${role}-${slug}@example.test`;
    const u = await ensureUser(t.deps.db, email, name);
    await t.deps.db.insert(member).values({ id: randomUUID(), organizationId: orgId, userId: u.id, role });
    await setPassword(t.deps, u.id, PASSWORD);
    return { email, id: u.id };
  };

  before(async () => {
    t = await startBrowserTest({ web: true });
    slug = `calibration-${unique()}`;
    const { org } = await createOrganization(t.deps, {
      name: "Maksu- ja Tolliamet",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    orgId = org.id;
    users.manager = await addUser("manager", "Mari Juht");
    users.specialist = await addUser("quality_specialist", "Kadri Kvaliteet");
    const modelId = await createModel(t.deps.db, orgId, {
      name: "Kõne",
      channel: "phone",
      definition: {
        title: "Kõne",
        sections: [
          { key: "a", title: "Suhtlus", weight: 60, criteria: [{ key: "a.1", text: "Tervitab", max: 1 }] },
          { key: "b", title: "Sisu", weight: 40, criteria: [{ key: "b.1", text: "Vastab täpselt", max: 5 }] },
        ],
      },
    });
    await activateVersion(t.deps.db, orgId, modelId, 1);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("a manager opens a session with two evaluators from the menu", async () => {
    const page = await newPage();
    await signIn(page, users.manager.email);
    await page.getByRole("link", { name: "Kalibreerimine" }).click();
    await page.getByRole("heading", { level: 1, name: "Kalibreerimine" }).waitFor();
    await page.getByRole("checkbox", { name: "Kadri Kvaliteet" }).waitFor();
    await axeAtBothWidths(page, "the calibration sessions list");
    await page.getByLabel("Pealkiri (vabatahtlik)").fill("Detsembri kalibreerimine");
    await page.getByLabel("Hindamismudel").selectOption({ label: "Kõne (Telefon)" });
    await page.getByLabel("Kontakti viide").fill("KÕNE-77");
    await page.getByRole("checkbox", { name: "Mari Juht" }).check();
    await page.getByRole("checkbox", { name: "Kadri Kvaliteet" }).check();
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll("button")].find(
        (x) => x.textContent === "Alusta kalibreerimist",
      );
      return b && !b.hasAttribute("disabled");
    });
    await page.getByRole("button", { name: "Alusta kalibreerimist" }).press("Enter");
    await page.getByRole("heading", { level: 1, name: "Detsembri kalibreerimine" }).waitFor();
    sessionId = page.url().split("/").pop() ?? "";
    const [row] = await t.deps.db
      .select()
      .from(qualityCalibrationSession)
      .where(and(eq(qualityCalibrationSession.orgId, orgId), eq(qualityCalibrationSession.id, sessionId)));
    assert.equal(row?.contactReference, "KÕNE-77");
    const panel = await t.deps.db
      .select()
      .from(qualityCalibrationParticipant)
      .where(eq(qualityCalibrationParticipant.sessionId, sessionId));
    assert.deepEqual(panel.map((p) => p.userId).sort(), [users.manager.id, users.specialist.id].sort());
  });

  it("the manager scores by keyboard; others' scores stay hidden until the specialist submits", async () => {
    const page = await newPage();
    await signIn(page, users.manager.email, `/app/quality/calibration/${sessionId}`);
    await page.getByRole("heading", { level: 2, name: "Sinu hinded" }).waitFor();
    await page.getByRole("radio").first().waitFor();
    await axeAtBothWidths(page, "the calibration scoring form");
    // a.1 = 1 (two half steps up from 0), b.1 = 4.
    await scoreByKeyboard(page, [2, 4]);
    await tabUntil(page, page.getByRole("button", { name: "Esita hinded" }), 10);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: "Tulemused" }).waitFor();
    await page.getByText("Kokkulangevust ei saa veel arvutada.").waitFor();

    const other = await newPage();
    await signIn(other, users.specialist.email, `/app/quality/calibration/${sessionId}`);
    await other.getByRole("heading", { level: 2, name: "Sinu hinded" }).waitFor();
    assert.equal(await other.getByRole("heading", { name: "Tulemused" }).count(), 0, "results hidden");
    assert.equal(await other.getByText("Mari Juht: hinded esitatud").count(), 1);
    assert.equal(await other.getByRole("table").count(), 0, "no one's scores are shown before submitting");
    // a.1 = 0, b.1 = 2.
    await scoreByKeyboard(other, [0, 2]);
    await tabUntil(other, other.getByRole("button", { name: "Esita hinded" }), 10);
    await other.keyboard.press("Enter");
    const table = other.getByRole("table", { name: "Hinded kriteeriumite kaupa" });
    await table.waitFor();
    // b.1: Kadri 2 and Mari 4 (columns by name), median 3, spread 2, deviations ∓1.
    const b = table.getByRole("row", { name: /Vastab täpselt/ });
    assert.match((await b.textContent()) ?? "", /2 \([-−]1\)4 \(\+1\)32/);
    await other.getByText(/^Krippendorffi alfa: /).waitFor();
    await axeAtBothWidths(other, "the calibration results");
  });

  it("the owner records the agreed reference, which closes the session", async () => {
    const page = await newPage();
    await signIn(page, users.manager.email, `/app/quality/calibration/${sessionId}`);
    await page.getByRole("heading", { level: 2, name: "Kokkulepitud võrdlushinded" }).waitFor();
    await axeAtBothWidths(page, "the reference form");
    await page.getByLabel("2. Vastab täpselt (0–5)").fill("4");
    await page.getByRole("button", { name: "Salvesta võrdlushinded ja lõpeta" }).click();
    await page.getByText("lõpetatud", { exact: true }).waitFor();
    const [row] = await t.deps.db
      .select()
      .from(qualityCalibrationSession)
      .where(and(eq(qualityCalibrationSession.orgId, orgId), eq(qualityCalibrationSession.id, sessionId)));
    assert.equal(row?.state, "closed");
    assert.deepEqual(row?.referenceScores, { "a.1": 0.5, "b.1": 4 });
  });

  it("the specialist follows the manager's trend; the manager is offered only their own", async () => {
    const page = await newPage();
    await signIn(page, users.specialist.email, `/app/quality/calibration/${sessionId}`);
    await page.getByRole("link", { name: "Mari Juht (trend)" }).click();
    const table = page.getByRole("table", {
      name: "Mari Juht: erinevus võrdlushinnetest kalibreerimiste kaupa",
    });
    await table.waitFor();
    // Mari: a.1 |1 − 0.5| / 1 = 0.5, b.1 |4 − 4| / 5 = 0 → mean 0.25 = 25 %.
    assert.match((await table.locator("tbody tr").first().textContent()) ?? "", /25 %/);
    await axeAtBothWidths(page, "the evaluator trend");
    const manager = await newPage();
    await signIn(manager, users.manager.email, "/app/quality/calibration");
    const choose = manager.getByLabel("Hindaja", { exact: true });
    await choose.locator("option", { hasText: "Mari Juht" }).waitFor({ state: "attached" });
    assert.deepEqual(await choose.locator("option").allTextContents(), ["Vali…", "Mari Juht"]);
  });
});
