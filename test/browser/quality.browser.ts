import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { department, employee, member } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { activateVersion, createModel } from "../../src/modules/quality/models.ts";
import { qualityEvaluation, qualityEvaluationScore } from "../../src/modules/quality/schema.ts";
import { setPassword, unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  signInThroughApi,
  startBrowserTest,
  tabUntil,
} from "./helpers.ts";

const PASSWORD = "Kaja quality test 2026!";

// The quality screens in Chromium: a keyboard-only evaluation, a dispute and its resolution, axe on every screen.
describe("quality evaluation in Chromium", () => {
  let t: BrowserContextOfTest;
  let orgId: string;
  let slug: string;
  let agentEmployee = "";
  let evaluationId = "";
  const contexts: BrowserContext[] = [];
  const emails = { manager: "", agent: "" };

  const newPage = async () => {
    const context = await t.browser.newContext({ locale: "et-EE" });
    contexts.push(context);
    return context.newPage();
  };
  /** Signed in through the API (the form is tested in foundation.browser.ts), straight onto `path`. */
  const signIn = async (page: Page, email: string, path = "/app/") => {
    await signInThroughApi(t, page.context(), email, PASSWORD);
    await page.goto(`${t.baseUrl}${path}`);
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  };
  const addUser = async (role: string, departmentId: string, name: string) => {
    const email = `${role}-${slug}@example.test`;
    const u = await ensureUser(t.deps.db, email);
    await t.deps.db.insert(member).values({ id: randomUUID(), organizationId: orgId, userId: u.id, role });
    await setPassword(t.deps, u.id, PASSWORD);
    const id = `e-${role}-${unique()}`;
    await t.deps.db.insert(employee).values({ orgId, id, name, departmentId, userId: u.id });
    return { id, email };
  };
  const stored = async () =>
    (
      await t.deps.db
        .select()
        .from(qualityEvaluation)
        .where(and(eq(qualityEvaluation.orgId, orgId), eq(qualityEvaluation.id, evaluationId)))
    )[0];

  before(async () => {
    t = await startBrowserTest({ web: true });
    slug = `quality-${unique()}`;
    const { org } = await createOrganization(t.deps, {
      name: "Sotsiaalkindlustusamet",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    orgId = org.id;
    const owner = await ensureUser(t.deps.db, `owner-${slug}@example.test`);
    await setPassword(t.deps, owner.id, PASSWORD);
    const dept = `d-${unique()}`;
    await t.deps.db.insert(department).values({ orgId, id: dept, name: "Klienditeenindus" });
    emails.manager = (await addUser("manager", dept, "Mari Juht")).email;
    const agent = await addUser("agent", dept, "Andres Nõustaja");
    emails.agent = agent.email;
    agentEmployee = agent.id;
    const modelId = await createModel(t.deps.db, orgId, {
      name: "Silmast silma",
      templateKey: "ska_face_to_face",
    });
    await activateVersion(t.deps.db, orgId, modelId, 1);
    // Five answers about the agent (the default minimum sample): 4 promoters, 1 detractor → NPS +60.
    const { id: surveyId } = await createSurvey(t.deps.db, orgId, {
      name: "Tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    for (const score of [10, 10, 10, 9, 3]) {
      const { token } = await issueSentInvitation(t.deps.db, {
        orgId,
        surveyId,
        locale: "et",
        departmentId: dept,
        employeeId: agentEmployee,
      });
      const inv = await findInvitationByToken(t.deps.db, token);
      assert.ok(inv);
      await answerInvitation(t.deps.db, inv, { score, comment: null, answers: {} }, { locale: "et" });
    }
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("a manager evaluates a face-to-face contact by keyboard alone and submits it", async () => {
    const page = await newPage();
    await signIn(page, emails.manager);
    await page.getByRole("link", { name: "Hindamised" }).click();
    await page.getByRole("heading", { level: 1, name: "Hindamised" }).waitFor();
    await expectNoAxeViolations(page, "the evaluations list");
    await page.getByLabel("Töötaja", { exact: true }).first().selectOption(agentEmployee);
    await page.getByLabel("Hindamismudel").selectOption({ label: "Silmast silma (Silmast silma)" });
    await page.getByLabel("Kontakti viide").fill("Büroo külastus 42");
    const start = page.getByRole("button", { name: "Alusta hindamist" });
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "Alusta hindamist");
      return b && !b.hasAttribute("disabled");
    });
    await start.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Hindamine" }).waitFor();
    evaluationId = page.url().split("/").pop() ?? "";
    await page.getByRole("radio").first().waitFor();
    await expectNoAxeViolations(page, "the evaluation form");

    // Keyboard only from here: Tab into each criterion's radio group, Space picks 0, arrows move up to the maximum.
    await tabUntil(page, page.getByRole("radio").first(), 80);
    const save = page.getByRole("button", { name: "Salvesta mustand" });
    let criterion = 0;
    for (let step = 0; step < 200; step++) {
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el) return { kind: "none", options: 0 };
        if (el.type === "radio") {
          const group = [...document.querySelectorAll<HTMLInputElement>(`input[name="${el.name}"]`)];
          return { kind: "radio", options: group.filter((r) => r.value !== "na").length };
        }
        return { kind: el.tagName === "BUTTON" ? `button:${el.textContent}` : el.tagName, options: 0 };
      });
      if (focused.kind === "button:Salvesta mustand") break;
      if (focused.kind === "radio") {
        criterion++;
        await page.keyboard.press("Space");
        // The first criterion keeps 0 (the one the employee disputes); the others get their maximum.
        if (criterion > 1) for (let i = 1; i < focused.options; i++) await page.keyboard.press("ArrowRight");
      } else if (criterion === 1 && focused.kind === "INPUT") {
        await page.keyboard.type("Ei tervitanud esimesena.");
      }
      await page.keyboard.press("Tab");
    }
    assert.equal(criterion, 27, "every criterion of the face-to-face model was reached by Tab");
    assert.ok(await save.evaluate((el) => el === document.activeElement));
    // Contact section 4.5 of 5.5 × 15 % = 12.27; the rest full: 97.27 % → 97 %, very good.
    await page.getByText("97 % – väga hea (ümardamata 97,3 %)").first().waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Esitatud: töötaja näeb nüüd hindamist." }).waitFor();
    const e = await stored();
    assert.equal(e.state, "submitted");
    assert.equal(e.totalRounded, 97);
    assert.equal(e.band, "very_good");
    const scores = await t.deps.db
      .select()
      .from(qualityEvaluationScore)
      .where(
        and(eq(qualityEvaluationScore.orgId, orgId), eq(qualityEvaluationScore.evaluationId, evaluationId)),
      );
    assert.equal(scores.length, 27);
    assert.equal(scores.find((s) => s.criterionKey === "contact.1")?.comment, "Ei tervitanud esimesena.");
    await expectNoAxeViolations(page, "the submitted evaluation");
  });

  it("the employee sees the evaluation and disputes one criterion", async () => {
    const page = await newPage();
    await signIn(page, emails.agent, "/app/quality/evaluations");
    await page.getByRole("link", { name: /Andres Nõustaja hindamine/ }).click();
    await page.getByRole("heading", { level: 2, name: "Sinu vastus" }).waitFor();
    await expectNoAxeViolations(page, "the employee's view of an evaluation");
    await page.getByLabel("Vaidlustatav kriteerium").selectOption("contact.1");
    await page.getByLabel("Miks sa ei nõustu").fill("Tervitasin esimesena, klient ei kuulnud.");
    await page.getByRole("button", { name: "Vaidlusta kriteerium" }).click();
    await page.getByRole("status").filter({ hasText: "Vaidlustus saadeti hindajale." }).waitFor();
    assert.equal((await stored()).state, "disputed");
  });

  it("the manager resolves the dispute by correcting the score", async () => {
    const page = await newPage();
    await signIn(page, emails.manager, `/app/quality/evaluations/${evaluationId}`);
    await page.getByRole("heading", { level: 3, name: /Vaidlustatud:/ }).waitFor();
    await expectNoAxeViolations(page, "the evaluation with an open dispute");
    await page.getByLabel("Otsus").selectOption("changed");
    await page.getByLabel("Parandatud punktid (0–1)").fill("1");
    await page.getByLabel("Märkus töötajale").fill("Kuulasin üle, õigus on.");
    await page.getByRole("button", { name: "Lahenda vaidlustus" }).click();
    await page.getByRole("status").filter({ hasText: "Vaidlustus on lahendatud." }).waitFor();
    const e = await stored();
    assert.equal(e.state, "seen");
    assert.equal(e.totalRounded, 100);
    await page.getByText("100 % – väga hea (ümardamata 100 %)").first().waitFor();
  });

  it("the employee's own page shows the NPS and the QA trend", async () => {
    const page = await newPage();
    await signIn(page, emails.agent);
    await page.getByRole("link", { name: "Minu leht" }).click();
    await page.getByRole("heading", { level: 1, name: "Andres Nõustaja: kliendid ja kvaliteet" }).waitFor();
    await page.getByText(/^60 \(95 % usaldusvahemik -?\d+ … \d+; 5 vastust\)/).waitFor();
    await page.getByRole("img", { name: "Hindamise kogutulemus kuude ja kanalite kaupa" }).waitFor();
    await page.getByText("Näita andmeid tabelina").first().click();
    const row = page
      .getByRole("table", { name: "Hindamise kogutulemus kuude ja kanalite kaupa" })
      .locator("tbody tr");
    assert.equal(await row.count(), 1);
    assert.match((await row.first().textContent()) ?? "", /Silmast silma.*100 % – väga hea/);
    await expectNoAxeViolations(page, "the employee page");
  });

  it("the manager reaches the employee page from the employees list; the dashboard passes axe", async () => {
    const page = await newPage();
    await signIn(page, emails.manager, "/app/employees");
    await page.getByRole("link", { name: "Andres Nõustaja: kliendid ja kvaliteet" }).click();
    await page.getByRole("heading", { level: 1, name: "Andres Nõustaja: kliendid ja kvaliteet" }).waitFor();
    await page.getByText(/^60 \(95 %/).waitFor();
    await page.getByRole("link", { name: "Kvaliteedi ülevaade" }).click();
    await page.getByRole("heading", { level: 2, name: "Tasemed kuude kaupa" }).waitFor();
    await expectNoAxeViolations(page, "the quality dashboard");
  });

  it("the models and agreements screens pass axe", async () => {
    const page = await newPage();
    await signIn(page, emails.manager, "/app/quality/agreements");
    await page.getByRole("heading", { level: 1, name: "Kokkulepped" }).waitFor();
    await expectNoAxeViolations(page, "the agreements list");
    const owner = await newPage();
    await signIn(owner, `owner-${slug}@example.test`, "/app/quality/models");
    await owner.getByRole("link", { name: "Silmast silma" }).waitFor();
    await expectNoAxeViolations(owner, "the models list");
    await owner.getByRole("button", { name: /Kopeeri: E-kirja/ }).click();
    await owner.getByText(/Kaalud peavad andma kokku 100 %/).waitFor();
    await expectNoAxeViolations(owner, "the model editor");
    await owner.getByRole("button", { name: "Salvesta ja aktiveeri" }).click();
    await owner.getByRole("alert").waitFor();
    assert.ok((await owner.locator(".editor-section .field-error").count()) >= 4, "an error per section");
  });
});
