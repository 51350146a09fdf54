import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { response } from "../../src/db/schema.ts";
import { standardDefinition, type TSurveyQuestion } from "../../src/domain/survey-definition.ts";
import { SURVEY_LOCALES } from "../../src/i18n/locales.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { unique } from "../helpers/app.ts";
import {
  type BrowserContextOfTest,
  expectNoAxeViolations,
  hasFocus,
  startBrowserTest,
  tabUntil,
} from "./helpers.ts";

const ORG = "Sotsiaalkindlustusamet";

const contactQuestion: TSurveyQuestion = {
  id: "contact",
  type: "single",
  required: true,
  text: {
    et: "Kuidas te meiega ühendust võtsite?",
    en: "How did you contact us?",
    ru: "Как Вы с нами связались?",
  },
  options: [
    { id: "phone", text: { et: "Telefonitsi", en: "By phone", ru: "По телефону" } },
    { id: "office", text: { et: "Büroos", en: "At an office", ru: "В бюро" } },
  ],
};

// The public answer page in Chromium.
describe("answer page /s/:token in Chromium", () => {
  let t: BrowserContextOfTest;
  let orgId: string;
  let surveyId: string;
  const contexts: BrowserContext[] = [];

  /** A sent invitation's link token. */
  const invite = async (o: { locale?: string; sentAt?: Date } = {}) => {
    const { id, token } = await issueSentInvitation(t.deps.db, { orgId, surveyId, locale: "en", ...o });
    return { id, url: `${t.baseUrl}/s/${token}` };
  };
  const responsesOf = (invitationId: string) =>
    t.deps.db
      .select()
      .from(response)
      .where(and(eq(response.orgId, orgId), eq(response.invitationId, invitationId)));
  const newPage = async (
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
  ) => {
    const context = await t.browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  };
  /** The radio group of the recommendation question, found by its accessible name (the legend). */
  const scoreGroup = (page: Page, locale = "en") =>
    page.getByRole("group", { name: st(locale, "recommend.organisation", { org: ORG }) });

  before(async () => {
    t = await startBrowserTest();
    const { org } = await createOrganization(t.deps, {
      name: ORG,
      slug: `answers-${unique()}`,
      ownerEmail: `owner-${unique()}@example.test`,
    });
    orgId = org.id;
    const definition = { ...standardDefinition({ locales: SURVEY_LOCALES }), questions: [contactQuestion] };
    ({ id: surveyId } = await createSurvey(t.deps.db, orgId, {
      name: "Klienditagasiside",
      kind: "transactional",
      definition,
    }));
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await t?.close();
  });

  it("is answered with JavaScript disabled: a plain form post stores the answer", async () => {
    const inv = await invite();
    const page = await newPage({ javaScriptEnabled: false });
    // The context really runs no page scripts.
    await page.setContent('<title>before</title><script>document.title = "ran"</script>');
    assert.equal(await page.title(), "before");
    const res = await page.goto(inv.url);
    assert.equal(res?.status(), 200);

    await scoreGroup(page).locator("label").filter({ hasText: "8 points" }).click();
    assert.equal(await scoreGroup(page).getByRole("radio", { name: "8 points" }).isChecked(), true);
    await page.getByLabel(st("en", "comment.prompt")).fill("Quick and polite, thank you.");
    await page.getByText("At an office").click();
    await page.getByRole("button", { name: "Send answer" }).click();

    await page.getByRole("heading", { level: 1, name: "Thank you for your feedback!" }).waitFor();
    assert.match(page.url(), /\/thanks\?lang=en$/);
    const rows = await responsesOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 8);
    assert.equal(rows[0].satisfaction, null);
    assert.equal(rows[0].comment, "Quick and polite, thank you.");
    assert.deepEqual(rows[0].answers, { contact: "office" });
    assert.equal(rows[0].locale, "en");
  });

  it("is answered by mouse with JavaScript enabled, after fixing a missed required question", async () => {
    const inv = await invite();
    const page = await newPage();
    await page.goto(inv.url);
    await scoreGroup(page).locator("label").filter({ hasText: "3 points" }).click();
    // A change of mind: the last click counts.
    await scoreGroup(page).locator("label").filter({ hasText: "9 points" }).click();
    const satisfaction = page.getByRole("group", { name: st("en", "satisfaction.question") });
    await satisfaction.locator("label").filter({ hasText: "10 points" }).click();
    await page.getByLabel(st("en", "comment.prompt")).fill("Everything was clear.");
    await page.getByRole("button", { name: "Send answer" }).click();

    // The required question was missed: the page comes back with an error summary and keeps what was chosen.
    const summary = page.getByRole("alert");
    await summary.getByRole("heading", { name: "Please correct the following:" }).waitFor();
    assert.equal(await scoreGroup(page).getByRole("radio", { name: "9 points" }).isChecked(), true);
    assert.equal(await page.getByLabel(st("en", "comment.prompt")).inputValue(), "Everything was clear.");
    assert.equal((await responsesOf(inv.id)).length, 0);
    await expectNoAxeViolations(page, "the answer page with an error");
    await summary.getByRole("link", { name: "This question needs an answer." }).click();
    assert.equal(await hasFocus(page.getByRole("radio", { name: "By phone" })), true);

    await page.getByText("By phone").click();
    await page.getByRole("button", { name: "Send answer" }).click();
    await page.getByRole("heading", { level: 1, name: "Thank you for your feedback!" }).waitFor();
    const rows = await responsesOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 9);
    assert.equal(rows[0].satisfaction, 10);
    assert.equal(rows[0].comment, "Everything was clear.");
    assert.deepEqual(rows[0].answers, { contact: "phone" });
  });

  it("is answered by keyboard alone, with a visible focus on the scale", async () => {
    const inv = await invite();
    const page = await newPage();
    await page.goto(inv.url);

    // The skip link comes first and jumps past the language links to the survey.
    await page.keyboard.press("Tab");
    assert.equal(await hasFocus(page.getByRole("link", { name: "Skip to the survey" })), true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const zero = scoreGroup(page).getByRole("radio", { name: "0 points", exact: true });
    assert.equal(await hasFocus(zero), true, "the first Tab after the skip link reaches the score group");

    // The focused point shows a focus ring: the radio is visually hidden, its label carries the outline.
    const ring = await zero.evaluate((input) => {
      const label = document.querySelector<HTMLElement>(`label[for="${input.id}"]`)!;
      const style = getComputedStyle(label);
      return {
        focusVisible: input.matches(":focus-visible"),
        style: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    assert.equal(ring.focusVisible, true);
    assert.notEqual(ring.style, "none");
    assert.notEqual(ring.width, "0px");

    for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
    const eight = scoreGroup(page).getByRole("radio", { name: "8 points" });
    assert.equal(await hasFocus(eight), true);
    assert.equal(await eight.isChecked(), true);

    // Onward: the satisfaction scale (left unanswered), the comment, the required question.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await hasFocus(page.getByLabel(st("en", "comment.prompt"))), true);
    await page.keyboard.type("Typed without a mouse.");
    await page.keyboard.press("Tab");
    const phone = page.getByRole("radio", { name: "By phone" });
    assert.equal(await hasFocus(phone), true);
    await page.keyboard.press("Space");
    assert.equal(await phone.isChecked(), true);
    const send = page.getByRole("button", { name: "Send answer" });
    await tabUntil(page, send, 3);
    assert.notEqual(await send.evaluate((el) => getComputedStyle(el).outlineStyle), "none");
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 1, name: "Thank you for your feedback!" }).waitFor();
    const rows = await responsesOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 8);
    assert.equal(rows[0].satisfaction, null);
    assert.equal(rows[0].comment, "Typed without a mouse.");
    assert.deepEqual(rows[0].answers, { contact: "phone" });
  });

  it("is a labelled radio group of 0–10 with visible end labels, also on a small phone", async () => {
    const inv = await invite();
    const page = await newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(inv.url);
    const group = scoreGroup(page);
    assert.equal(await group.count(), 1);
    const radios = group.getByRole("radio");
    assert.equal(await radios.count(), 11);
    for (let n = 0; n <= 10; n++) {
      // Each point is a radio with an accessible name; its visible number is part of that name.
      const radio = group.getByRole("radio", {
        name: st("en", "page.scoreLabel", { score: n }),
        exact: true,
      });
      assert.equal(await radio.count(), 1, `radio ${n}`);
      assert.equal(await radio.getAttribute("value"), String(n));
    }
    const low = group.getByText(`0 – ${st("en", "recommend.low")}`);
    const high = group.getByText(`10 – ${st("en", "recommend.high")}`);
    assert.equal(await low.isVisible(), true);
    assert.equal(await high.isVisible(), true);
    // The end points are described by their end labels.
    assert.equal(
      await group.getByRole("radio", { name: "0 points", exact: true }).getAttribute("aria-describedby"),
      await low.getAttribute("id"),
    );
    // No sideways scrolling on a 360 px screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  });

  it("keeps each 0–10 scale on one row at 320 and 390 px, every point at least 24 × 24 px, also with errors shown", async () => {
    for (const width of [320, 390]) {
      const inv = await invite();
      const page = await newPage({ viewport: { width, height: 800 } });
      await page.goto(inv.url);
      const check = async (state: string) => {
        for (const name of [
          st("en", "recommend.organisation", { org: ORG }),
          st("en", "satisfaction.question"),
        ]) {
          const group = page.getByRole("group", { name });
          assert.equal(await group.count(), 1, name);
          const boxes = await group.locator(".scale label").evaluateAll((labels) =>
            labels.map((l) => {
              const r = l.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };
            }),
          );
          assert.equal(boxes.length, 11);
          const where = `${name} at ${width} px (${state})`;
          for (const [i, b] of boxes.entries()) {
            assert.ok(
              Math.abs(b.y - boxes[0].y) < 1,
              `${where}: point ${i} is on the first row (y ${b.y} vs ${boxes[0].y})`,
            );
            assert.ok(b.width >= 24 && b.height >= 24, `${where}: point ${i} is ${b.width} × ${b.height} px`);
            if (i > 0)
              assert.ok(b.x >= boxes[i - 1].x + boxes[i - 1].width, `${where}: point ${i} follows ${i - 1}`);
            assert.ok(b.x >= 0 && b.x + b.width <= width, `${where}: point ${i} is inside the screen`);
          }
        }
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth)
            .map((el) => `${el.tagName}.${el.className}#${el.id}`),
        );
        assert.deepEqual(wide, [], `nothing sticks out sideways at ${width} px (${state})`);
      };
      await check("empty");
      // WCAG 2.2 AA included: its target-size rule checks the 24 × 24 px minimum.
      await expectNoAxeViolations(page, `the answer page at ${width} px`, ["wcag22aa"]);
      // Sent without a score: the page comes back with the error marks beside the scales.
      await page.getByRole("button", { name: "Send answer" }).click();
      await page.locator("fieldset.invalid").first().waitFor({ timeout: 60_000 });
      await check("with errors");
    }
  });

  it("stores the score of a ?score=7 link at once and shows it preselected; completing updates that answer", async () => {
    const inv = await invite();
    const page = await newPage();
    const res = await page.goto(`${inv.url}?score=7`);
    assert.equal(res?.status(), 200);
    let rows = await responsesOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 7);
    await page
      .getByRole("status")
      .filter({ hasText: st("en", "page.scoreSaved", { score: 7 }) })
      .waitFor();
    assert.equal(await scoreGroup(page).getByRole("radio", { name: "7 points" }).isChecked(), true);
    assert.equal(await scoreGroup(page).getByRole("radio", { checked: true }).count(), 1);
    await expectNoAxeViolations(page, "the answer page after a ?score= click");

    await page.getByLabel(st("en", "comment.prompt")).fill("Added later.");
    await page.getByText("By phone").click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { level: 1, name: "Thank you for your feedback!" }).waitFor();
    rows = await responsesOf(inv.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].score, 7);
    assert.equal(rows[0].comment, "Added later.");
    assert.deepEqual(rows[0].answers, { contact: "phone" });
  });

  it("has no axe violations in any of the 12 languages", async () => {
    const inv = await invite({ locale: "et" });
    const page = await newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    for (const locale of SURVEY_LOCALES) {
      const res = await page.goto(`${inv.url}?lang=${locale}`);
      assert.equal(res?.status(), 200, locale);
      // HTML and its inline CSS stay small: the page must load fast on a poor mobile connection.
      assert.ok((await res!.body()).length <= 30 * 1024, `${locale}: ${(await res!.body()).length} bytes`);
      assert.equal(await page.getAttribute("html", "lang"), locale);
      await page.getByRole("heading", { level: 1, name: st(locale, "page.title", { org: ORG }) }).waitFor();
      assert.equal(await scoreGroup(page, locale).getByRole("radio").count(), 11, locale);
      await page.getByRole("button", { name: st(locale, "page.submit") }).waitFor();
      await page.getByRole("navigation", { name: st(locale, "page.language") }).waitFor();
      await expectNoAxeViolations(page, `the answer page in "${locale}"`);
    }
    assert.equal((await responsesOf(inv.id)).length, 0);
    // One request per page, to Kaja itself: no scripts, fonts, images or anything from another site.
    assert.equal(requested.length, SURVEY_LOCALES.length);
    assert.ok(
      requested.every((url) => url.startsWith(`${t.baseUrl}/s/`)),
      requested.join("\n"),
    );
  });

  it("has no axe violations on the thank-you, closed and not-found pages", async () => {
    const page = await newPage();

    const inv = await invite({ locale: "et" });
    await page.goto(`${inv.url}?score=10`);
    await page.getByText("Telefonitsi").click();
    await page.getByRole("button", { name: st("et", "page.update") }).click();
    await page.getByRole("heading", { level: 1, name: st("et", "thanks.title") }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "et");
    await page.getByRole("link", { name: st("et", "thanks.edit") }).waitFor();
    await expectNoAxeViolations(page, "the thank-you page");

    const old = await invite({ sentAt: new Date(Date.now() - 8 * 86_400_000) });
    const closed = await page.goto(old.url);
    assert.equal(closed?.status(), 410);
    await page.getByRole("heading", { level: 1, name: st("en", "closed.title") }).waitFor();
    assert.equal(await page.getByRole("radio").count(), 0);
    await expectNoAxeViolations(page, "the closed page");
    assert.equal((await responsesOf(old.id)).length, 0);

    const missing = await page.goto(`${t.baseUrl}/s/unknown-${unique()}`);
    assert.equal(missing?.status(), 404);
    const title = await page.getByRole("heading", { level: 1 }).textContent();
    assert.ok(title && SURVEY_LOCALES.some((l) => st(l, "notFound.title") === title), title ?? "");
    assert.equal(await page.getByText(ORG).count(), 0, "the not-found page names no organisation");
    await expectNoAxeViolations(page, "the not-found page");
  });
});
