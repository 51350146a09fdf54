import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { department, employee, member, service } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import {
  followUpCase,
  followUpRule,
  improvementAction,
  improvementActionService,
} from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { generateSurveyToken } from "../../src/modules/responses/tokens.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { setPassword, unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  signInThroughApi,
  startBrowserTest,
} from "./helpers.ts";

const PASSWORD = "Kaja follow-up test 2026!";

// The follow-up screens in Chromium, with axe on every page of the module.
describe("follow-up in Chromium", () => {
  let t: BrowserContextOfTest;
  let orgId: string;
  let slug: string;
  const contexts: BrowserContext[] = [];
  const emails = { manager: "", agent: "" };
  let unassignedCase = "";
  let agentCase = "";
  let actionId = "";

  const newPage = async (javaScriptEnabled = true) => {
    const context = await t.browser.newContext({ locale: "et-EE", javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  };
  /** Signed in through the API (the form is tested in foundation.browser.ts), straight onto `path`. */
  const signIn = async (page: Page, email: string, path = "/app/") => {
    await signInThroughApi(t, page.context(), email, PASSWORD);
    await page.goto(`${t.baseUrl}${path}`);
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  };
  const addUser = async (role: string, departmentId: string) => {
    const email = `${role}-${slug}@example.test`;
    const u = await ensureUser(t.deps.db, email);
    await t.deps.db.insert(member).values({ id: randomUUID(), organizationId: orgId, userId: u.id, role });
    await setPassword(t.deps, u.id, PASSWORD);
    await t.deps.db
      .insert(employee)
      .values({ orgId, id: `e-${role}-${unique()}`, name: role, departmentId, userId: u.id });
    return { id: u.id, email };
  };
  const caseState = async (id: string) =>
    (
      await t.deps.db
        .select()
        .from(followUpCase)
        .where(and(eq(followUpCase.orgId, orgId), eq(followUpCase.id, id)))
    )[0];

  before(async () => {
    t = await startBrowserTest({ web: true });
    slug = `followup-${unique()}`;
    const { org } = await createOrganization(t.deps, {
      name: "Sotsiaalkindlustusamet",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    orgId = org.id;
    const [deptA, deptB] = [`a-${unique()}`, `b-${unique()}`];
    await t.deps.db.insert(department).values([
      { orgId, id: deptA, name: "Klienditeenindus" },
      { orgId, id: deptB, name: "Pensionid" },
    ]);
    const manager = await addUser("manager", deptA);
    const agent = await addUser("agent", deptB);
    emails.manager = manager.email;
    emails.agent = agent.email;
    const { id: surveyId } = await createSurvey(t.deps.db, orgId, {
      name: "Tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    const answer = async (score: number, departmentId: string) => {
      const { token } = await issueSentInvitation(t.deps.db, { orgId, surveyId, locale: "et", departmentId });
      const inv = await findInvitationByToken(t.deps.db, token);
      assert.ok(inv);
      const saved = await answerInvitation(
        t.deps.db,
        inv,
        { score, comment: "Ootasin liiga kaua.", answers: {} },
        { locale: "et" },
      );
      assert.ok(saved.caseId);
      return saved.caseId;
    };
    unassignedCase = await answer(3, deptA);
    await t.deps.db
      .update(followUpCase)
      .set({ ownerId: null, contactAllowed: true, contactChannel: "phone", contactPhone: "+37251234567" })
      .where(eq(followUpCase.id, unassignedCase));
    agentCase = await answer(5, deptB);
    await t.deps.db.update(followUpCase).set({ ownerId: agent.id }).where(eq(followUpCase.id, agentCase));
    await answer(1, deptA);
    actionId = randomUUID();
    await t.deps.db.insert(improvementAction).values({
      orgId,
      id: actionId,
      title: "Tagasihelistamise skript",
      description: "Selgitame ooteaega.",
      status: "done",
      completedOn: "2026-01-15",
      public: true,
      publicTexts: {
        et: { said: "Ootasite kaua.", did: "Lisasime nõustajaid." },
        en: { said: "You waited.", did: "We added advisers." },
      },
    });
    await t.deps.db.insert(followUpRule).values({ orgId, publicPage: true });
    const serviceId = `s-${unique()}`;
    await t.deps.db.insert(service).values({
      orgId,
      id: serviceId,
      names: { et: "Pension" },
      type: "customer_service",
      audience: "external",
    });
    await t.deps.db.insert(improvementActionService).values({ orgId, actionId, serviceId });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  it("a manager opens the inbox, takes a case, records a call and resolves it", async () => {
    const page = await newPage();
    await signIn(page, emails.manager, "/app/cases?view=department");
    await page.getByRole("heading", { level: 1, name: "Tagasiside juhtumid" }).waitFor();
    const rows = page.locator("table tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2, "both cases of the manager's department");
    await expectNoAxeViolations(page, "the follow-up inbox");
    // The manager's assignment e-mails: a daily digest instead of one per case.
    await page.getByLabel("üks päevane kokkuvõte kell 07.00 uute juhtumitega").check();
    await page.getByRole("button", { name: "Salvesta valik" }).click();
    await page.getByRole("status").filter({ hasText: "Valik on salvestatud." }).waitFor();
    await page.goto(`${t.baseUrl}/app/cases/${unassignedCase}`);
    await page.getByRole("heading", { level: 1, name: "Tagasiside juhtum" }).waitFor();
    await page.getByText("+37251234567").waitFor();
    await expectNoAxeViolations(page, "the case page");
    await page.getByRole("button", { name: "Võta juhtum enda peale" }).click();
    await page.getByRole("status").filter({ hasText: "Salvestatud." }).waitFor();
    await page.getByLabel("Märkus").fill("Klient selgitas olukorda.");
    await page.getByRole("button", { name: "Helistasin: sain kätte" }).click();
    await page.getByText("Ühendust võetud").first().waitFor();
    await page.getByLabel("Lahenduse liik").selectOption("explained");
    await page.getByRole("button", { name: "Lahenda" }).click();
    await page.getByRole("button", { name: "Ava uuesti" }).waitFor();
    const c = await caseState(unassignedCase);
    assert.equal(c.state, "resolved");
    assert.equal(c.resolution, "explained");
    assert.ok(c.firstContactAt);
    assert.ok(c.ownerId, "taken by the manager");
    await page.getByText("Kas kõne aitas? (kliendi vastus)").waitFor();
    await expectNoAxeViolations(page, "the resolved case page");
  });

  it("an agent sees only their own cases", async () => {
    const page = await newPage();
    await signIn(page, emails.agent, "/app/cases?view=all");
    const links = page.locator("table tbody tr a");
    await links.first().waitFor();
    assert.equal(await links.count(), 1);
    assert.match((await links.first().getAttribute("href")) ?? "", new RegExp(agentCase));
  });

  it("the improvement actions pages pass axe", async () => {
    const page = await newPage();
    await signIn(page, emails.manager, "/app/improvement-actions");
    await page.getByRole("link", { name: "Tagasihelistamise skript" }).waitFor();
    await expectNoAxeViolations(page, "the improvement actions list");
    await page.getByRole("link", { name: "Tagasihelistamise skript" }).click();
    await page.getByRole("heading", { level: 2, name: "Mõju: enne ja pärast" }).waitFor();
    await page.getByRole("table", { name: "Mõju: enne ja pärast" }).waitFor();
    await expectNoAxeViolations(page, "an improvement action page");
  });

  it('the public "You said, we did" page works without JavaScript and passes axe', async () => {
    // Without scripts the page shows everything: it has none, so the DOM axe checks is the same either way.
    const noJs = await newPage(false);
    const res = await noJs.goto(`${t.baseUrl}/we-did/${slug}`);
    assert.equal(res?.status(), 200);
    await noJs.getByRole("heading", { level: 2, name: "Te ütlesite: Ootasite kaua." }).waitFor();
    assert.equal(await noJs.locator("script").count(), 0);
    await noJs.getByRole("link", { name: "English" }).click();
    await noJs.getByText("We added advisers.").waitFor();
    const page = await newPage();
    await page.goto(`${t.baseUrl}/we-did/${slug}`);
    await page.getByText("Lisasime nõustajaid.").waitFor();
    await expectNoAxeViolations(page, "the public page");
    await page.goto(`${t.baseUrl}/we-did/${slug}?lang=en`);
    await expectNoAxeViolations(page, "the public page in English");
  });

  it('the recovery question page ("Did our call help?") works without JavaScript and passes axe', async () => {
    const { token, hash } = generateSurveyToken();
    await t.deps.db
      .update(followUpCase)
      .set({ recoveryTokenHash: hash, recoverySentAt: new Date() })
      .where(and(eq(followUpCase.orgId, orgId), eq(followUpCase.id, agentCase)));
    const noJs = await newPage(false);
    const res = await noJs.goto(`${t.baseUrl}/r/${token}?answer=partly`);
    assert.equal(res?.status(), 200);
    await noJs.getByRole("heading", { level: 1, name: "Kas meie kõne aitas?" }).waitFor();
    assert.equal(await noJs.getByLabel("Osaliselt").isChecked(), true);
    assert.equal(await noJs.locator("script").count(), 0);
    await noJs.getByRole("button", { name: "Saada vastus" }).click();
    await noJs.getByRole("status").filter({ hasText: "Teie vastus on salvestatud." }).waitFor();
    assert.equal((await caseState(agentCase)).recovery, "partly");
    const page = await newPage();
    await page.goto(`${t.baseUrl}/r/${token}?answer=no`);
    await expectNoAxeViolations(page, "the recovery question page");
  });

  it("the website survey asks the contact question without JavaScript and stores it with the case", async () => {
    await createSurvey(t.deps.db, orgId, {
      name: "Veeb",
      slug: "veeb",
      kind: "website",
      definition: standardDefinition({ locales: ["et"] }),
    });
    // axe runs as a script: it checks a page with JavaScript on; the form is the same without.
    const withJs = await newPage();
    await withJs.goto(`${t.baseUrl}/w/${slug}/veeb`);
    await withJs.getByLabel("Jah, telefoni teel").waitFor();
    await expectNoAxeViolations(withJs, "the website survey with the contact question");
    const page = await newPage(false);
    const res = await page.goto(`${t.baseUrl}/w/${slug}/veeb`);
    assert.equal(res?.status(), 200);
    await page.locator("label[for='score.3']").click();
    await page.getByLabel("Jah, telefoni teel").check();
    await page.getByLabel("Telefoninumber").fill("5555 1234");
    await page.getByRole("button", { name: "Saada vastus" }).click();
    await page.getByRole("heading", { level: 1, name: "Aitäh tagasiside eest!" }).waitFor();
    const [c] = await t.deps.db
      .select()
      .from(followUpCase)
      .where(and(eq(followUpCase.orgId, orgId), eq(followUpCase.contactPhone, "+37255551234")));
    assert.ok(c, "the case carries the typed number");
    assert.equal(c.contactChannel, "phone");
  });
});
