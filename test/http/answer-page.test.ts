import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fastifyHelmet from "@fastify/helmet";
import { and, eq } from "drizzle-orm";
import Fastify from "fastify";
import { response, surveyInvitation } from "../../src/db/schema.ts";
import {
  standardDefinition,
  type TSurveyDefinition,
  type TSurveyQuestion,
} from "../../src/domain/survey-definition.ts";
import { helmetOptions } from "../../src/http/security-headers.ts";
import { SURVEY_LOCALES } from "../../src/i18n/locales.ts";
import { st } from "../../src/i18n/survey/index.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { generateSurveyToken } from "../../src/modules/responses/tokens.ts";
import { createSurvey, updateSurvey } from "../../src/modules/surveys/surveys.ts";
import { escapeHtml } from "../../src/views/html.ts";
import { formatDate } from "../../src/views/status-pages.ts";
import { createTestOrg, startTestApp, type TestContext } from "../helpers/app.ts";

const ORG_NAME = 'Amet "<b>Kaja</b>" & Co';

const questions: TSurveyQuestion[] = [
  {
    id: "contact",
    type: "single",
    required: true,
    text: { et: "Kuidas te meiega ühendust võtsite?", en: "How did you contact us?" },
    options: [
      { id: "phone", text: { et: "Telefonitsi", en: "By phone" } },
      { id: "office", text: { et: "Büroos", en: "At an office" } },
    ],
  },
  {
    id: "topics",
    type: "multi",
    required: false,
    text: { et: "Mis teemal?", en: "What about?" },
    options: [
      { id: "pension", text: { et: "Pension", en: "Pension" } },
      { id: "benefit", text: { et: "Toetus", en: "Benefit" } },
      { id: "other", text: { et: "Muu", en: "Other" } },
    ],
  },
];

const form = (fields: [string, string][]) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

const complete: [string, string][] = [
  ["lang", "et"],
  ["website", ""],
  ["score", "8"],
  ["satisfaction", "9"],
  ["comment", "Kiire ja viisakas.\r\nAitäh!"],
  ["answers.contact", "phone"],
  ["answers.topics", "pension"],
  ["answers.topics", "benefit"],
];

describe("answer page /s/:token", () => {
  let ctx: TestContext;
  let orgId: string;
  let surveyId: string;
  let def: TSurveyDefinition;

  const issue = (o: { locale?: string; sentAt?: Date; surveyId?: string } = {}) =>
    issueSentInvitation(ctx.deps.db, { orgId, surveyId, locale: "et", ...o });
  const rowsOf = (invitationId: string) =>
    ctx.deps.db
      .select()
      .from(response)
      .where(and(eq(response.orgId, orgId), eq(response.invitationId, invitationId)));
  const orgRows = async () =>
    (await ctx.deps.db.select().from(response).where(eq(response.orgId, orgId))).length;
  const get = (url: string) => ctx.app.inject({ method: "GET", url });
  const post = (token: string, fields: [string, string][]) =>
    ctx.app.inject({ method: "POST", url: `/s/${token}`, ...form(fields) });

  before(async () => {
    ctx = await startTestApp();
    ({ orgId } = await createTestOrg(ctx, ORG_NAME));
    def = { ...standardDefinition({ locales: SURVEY_LOCALES }), questions };
    ({ id: surveyId } = await createSurvey(ctx.deps.db, orgId, {
      name: "Klienditagasiside",
      kind: "transactional",
      definition: def,
    }));
  });
  after(() => ctx.close());

  it("renders in the invitation's language: a radio group of 11 scores with end labels, escaped names", async () => {
    const { token } = await issue({ locale: "ru" });
    const res = await get(`/s/${token}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /^text\/html; charset=utf-8/);
    const page = res.body;
    assert.match(page, /^<!doctype html>\n<html lang="ru">/);
    assert.equal(page.match(/<input type="radio" id="score\.\d+" name="score" value="\d+"/g)?.length, 11);
    for (let n = 0; n <= 10; n++) assert.ok(page.includes(`<label for="score.${n}">`), `label of ${n}`);
    assert.ok(page.includes(escapeHtml(st("ru", "page.scoreLabel", { score: 5 }))));
    assert.ok(page.includes(`<span id="score:low">0 – ${escapeHtml(st("ru", "recommend.low"))}</span>`));
    assert.ok(page.includes(`<span id="score:high">10 – ${escapeHtml(st("ru", "recommend.high"))}</span>`));
    assert.match(page, /id="score\.0" name="score" value="0" aria-describedby="score:low"/);
    assert.match(page, /id="score\.10" name="score" value="10" aria-describedby="score:high"/);
    assert.match(page, /<fieldset id="score"[^>]*>\n<legend>/);
    assert.equal(page.match(/name="satisfaction"/g)?.length, 11);
    assert.match(
      page,
      /<textarea id="comment" name="comment" rows="5" maxlength="5000" aria-describedby="comment:hint">/,
    );
    assert.equal(page.match(/type="radio" id="q\.contact\.\w+" name="answers\.contact"/g)?.length, 2);
    assert.equal(page.match(/type="checkbox" id="q\.topics\.\w+" name="answers\.topics"/g)?.length, 3);
    // The organisation's name fills {org}, escaped; Russian texts fall back to Estonian for questions without Russian.
    const escapedOrg = escapeHtml(ORG_NAME);
    assert.ok(page.includes(escapeHtml(st("ru", "recommend.organisation", { org: ORG_NAME }))));
    assert.ok(!page.includes("<b>Kaja</b>") && page.includes(escapedOrg));
    assert.ok(page.includes("Kuidas te meiega ühendust võtsite?"));
    // A blank page posts back to its own address (/s/<token>): the page itself holds no token.
    assert.match(page, /<form method="post" accept-charset="utf-8">/);
    assert.doesNotMatch(page, /\/s\/[\w-]{43}/);
    assert.match(page, /<input type="hidden" name="lang" value="ru">/);
    assert.match(
      page,
      /<div class="hp" aria-hidden="true">.*name="website" tabindex="-1" autocomplete="off"/,
    );
    // The language switch: plain links to all 12 languages, each in its own language, the current one marked.
    assert.equal(page.match(/<a href="\?lang=\w\w" lang="(\w\w)" hreflang="\1"[^>]*>/g)?.length, 12);
    assert.ok(page.includes('<a href="?lang=de" lang="de" hreflang="de">Deutsch</a>'));
    assert.equal(page.match(/<a [^>]*aria-current/g)?.length, 1, "only the current language is marked");
    assert.match(page, /<a href="\?lang=ru" lang="ru" hreflang="ru" aria-current="page">русский<\/a>/);
    assert.equal(await orgRows(), 0, "showing the page stores nothing");
  });

  it("switches language with ?lang= (one of the survey's languages) and ignores others", async () => {
    const { token } = await issue();
    const de = await get(`/s/${token}?lang=de`);
    assert.equal(de.statusCode, 200);
    assert.match(de.body, /<html lang="de">/);
    assert.ok(de.body.includes(escapeHtml(st("de", "recommend.low"))));
    assert.ok(de.body.includes(escapeHtml(st("de", "page.submit"))));
    const xx = await get(`/s/${token}?lang=xx`);
    assert.match(xx.body, /<html lang="et">/);
  });

  it("a click on a score stores it at once; the full form then completes the same answer", async () => {
    const { id, token } = await issue();
    const clicked = await get(`/s/${token}?score=7`);
    assert.equal(clicked.statusCode, 200);
    assert.ok(clicked.body.includes(escapeHtml(st("et", "page.scoreSaved", { score: 7 }))));
    assert.match(clicked.body, /id="score\.7" name="score" value="7" checked>/);
    assert.ok(clicked.body.includes(escapeHtml(st("et", "page.update"))));
    const [first, ...more] = await rowsOf(id);
    assert.equal(more.length, 0);
    assert.equal(first.score, 7);
    assert.equal(first.source, "email");
    assert.equal(first.surveyVersion, 1);
    const [inv] = await ctx.deps.db.select().from(surveyInvitation).where(eq(surveyInvitation.id, id));
    assert.equal(inv.state, "answered");
    assert.ok(inv.answeredAt);

    const done = await post(token, complete);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/s/${token}/thanks?lang=et`);
    const rows = await rowsOf(id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, first.id);
    assert.equal(rows[0].score, 8);
    assert.equal(rows[0].satisfaction, 9);
    assert.equal(rows[0].comment, "Kiire ja viisakas.\nAitäh!");
    assert.deepEqual(rows[0].answers, { contact: "phone", topics: ["pension", "benefit"] });

    const thanks = await get(done.headers.location as string);
    assert.equal(thanks.statusCode, 200);
    assert.ok(thanks.body.includes(escapeHtml(st("et", "thanks.title"))));
    assert.ok(thanks.body.includes(escapeHtml(st("et", "thanks.body"))));
    assert.match(thanks.body, new RegExp(`<a href="/s/${token}\\?lang=et">${st("et", "thanks.edit")}</a>`));
    const date = formatDate(inv.expiresAt as Date, "et", "Europe/Tallinn");
    assert.ok(thanks.body.includes(escapeHtml(st("et", "thanks.change", { date }))));

    // Re-opening shows the stored answer, ready to change.
    const reopened = await get(`/s/${token}`);
    assert.match(reopened.body, /value="8" checked>/);
    assert.match(reopened.body, /id="q\.contact\.phone" name="answers\.contact" value="phone" checked>/);
    assert.match(reopened.body, /<textarea id="comment"[^>]*>\nKiire ja viisakas.\nAitäh!<\/textarea>/);

    const again = await get(`/s/${token}?score=3`);
    assert.equal(again.statusCode, 200);
    const [changed, ...none] = await rowsOf(id);
    assert.equal(none.length, 0);
    assert.equal(changed.id, first.id);
    assert.equal(changed.score, 3);
    assert.equal(changed.comment, "Kiire ja viisakas.\nAitäh!", "a click keeps the rest of the answer");
  });

  describe("bad input stores nothing and changes nothing", () => {
    let answered: { id: string; token: string };
    let fresh: { id: string; token: string };
    let stored: typeof response.$inferSelect;
    before(async () => {
      answered = await issue();
      fresh = await issue();
      assert.equal((await post(answered.token, complete)).statusCode, 303);
      [stored] = await rowsOf(answered.id);
    });
    const unchanged = async () => {
      const rows = await rowsOf(answered.id);
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0], stored);
      assert.equal((await rowsOf(fresh.id)).length, 0);
    };
    const replace = (name: string, value: string | null): [string, string][] => [
      ...complete.filter(([k]) => k !== name),
      ...(value === null ? [] : ([[name, value]] as [string, string][])),
    ];

    for (const score of ["11", "-1", "abc", "7.5", ""]) {
      it(`?score=${score} → 400 page with the error, nothing stored`, async () => {
        for (const t of [fresh, answered]) {
          const res = await get(`/s/${t.token}?score=${score}`);
          assert.equal(res.statusCode, 400);
          assert.match(res.body, /<div class="summary" role="alert"/);
          assert.ok(res.body.includes(`<a href="#score.0">${escapeHtml(st("et", "error.score"))}</a>`));
        }
        await unchanged();
      });
    }

    const cases: [string, [string, string][], string, string][] = [
      ["score 11", replace("score", "11"), "score.0", "error.score"],
      ["score -1", replace("score", "-1"), "score.0", "error.score"],
      ["score abc", replace("score", "abc"), "score.0", "error.score"],
      ["no score", replace("score", null), "score.0", "error.score"],
      ["satisfaction 12", replace("satisfaction", "12"), "satisfaction.0", "error.satisfaction"],
      ["a comment of 5,001 characters", replace("comment", "x".repeat(5001)), "comment", "error.tooLong"],
      ["an unknown question", [...complete, ["answers.nope", "x"]], "", "error.invalidOption"],
      [
        "a choice not among the options",
        replace("answers.contact", "fax"),
        "q.contact.phone",
        "error.invalidOption",
      ],
      [
        "the required question missing",
        replace("answers.contact", null),
        "q.contact.phone",
        "error.required",
      ],
      [
        "a multi value not among the options",
        [...complete, ["answers.topics", "fax"]],
        "q.topics.pension",
        "error.invalidOption",
      ],
    ];
    for (const [name, fields, target, key] of cases) {
      it(`${name} → 400 with the input kept`, async () => {
        for (const t of [fresh, answered]) {
          const res = await post(t.token, fields);
          assert.equal(res.statusCode, 400, res.body.slice(0, 200));
          const message = escapeHtml(st("et", key, { max: 5000 }));
          assert.ok(
            res.body.includes(target ? `<a href="#${target}">${message}</a>` : `<li>${message}</li>`),
            `summary entry for ${name}`,
          );
          assert.ok(
            res.body.includes(`<title>${escapeHtml(st("et", "error.summary"))} `),
            "the title says so",
          );
          if (!name.includes("score"))
            assert.ok(res.body.includes('id="score.8" name="score" value="8" checked>'));
          if (!name.includes("comment"))
            assert.ok(res.body.includes(">\nKiire ja viisakas.\nAitäh!</textarea>"));
        }
        await unchanged();
      });
    }

    it("keeps the per-field error tied to its field", async () => {
      const res = await post(fresh.token, replace("comment", "x".repeat(5001)));
      assert.match(
        res.body,
        /<textarea id="comment" name="comment" rows="5" maxlength="5000" aria-describedby="comment:hint comment:error" aria-invalid="true">/,
      );
      assert.match(res.body, /<p class="err" id="comment:error">/);
      assert.ok(res.body.includes(`>\n${"x".repeat(5001)}</textarea>`), "the respondent's text is kept");
      const missing = await post(fresh.token, replace("answers.contact", null));
      assert.match(
        missing.body,
        /<fieldset id="q\.contact" class="invalid" aria-describedby="q\.contact:hint q\.contact:error">/,
      );
      await unchanged();
    });

    it("a filled honeypot pretends success and stores nothing", async () => {
      for (const t of [fresh, answered]) {
        const res = await post(t.token, [...replace("website", "http://spam.example"), ["score", "0"]]);
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, `/s/${t.token}/thanks?lang=et`);
      }
      await unchanged();
    });

    it("JSON clients get problem bodies with the paths of the errors", async () => {
      const res = await ctx.app.inject({
        method: "POST",
        url: `/s/${fresh.token}`,
        payload: {
          score: 11,
          satisfaction: "x",
          comment: "y".repeat(5001),
          answers: { nope: "1", contact: "fax" },
        },
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.headers["content-type"] as string, /^application\/problem\+json/);
      const body = res.json();
      assert.equal(body.code, "VALIDATION");
      assert.deepEqual(body.errors.map((e: { path: string }) => e.path).sort(), [
        "answers.contact",
        "answers.nope",
        "comment",
        "satisfaction",
        "score",
      ]);
      const wrongType = await ctx.app.inject({
        method: "POST",
        url: `/s/${fresh.token}`,
        payload: { score: 5, answers: ["contact"] },
      });
      assert.equal(wrongType.statusCode, 400);
      assert.ok(wrongType.json().errors.some((e: { path: string }) => e.path === "answers"));
      const notObject = await ctx.app.inject({
        method: "POST",
        url: `/s/${fresh.token}`,
        payload: [5],
      });
      assert.equal(notObject.statusCode, 400);
      await unchanged();
    });

    it("unknown, malformed and tampered tokens get the same 404 page", async () => {
      const tampered = `${answered.token[0] === "A" ? "B" : "A"}${answered.token.slice(1)}`;
      const pages: string[] = [];
      for (const token of [generateSurveyToken().token, "abc", tampered, `${answered.token}x`]) {
        const res = await get(`/s/${token}?score=5`);
        assert.equal(res.statusCode, 404);
        assert.equal(res.headers["cache-control"], "no-store");
        pages.push(res.body);
        const posted = await post(token, complete);
        assert.equal(posted.statusCode, 404);
        assert.equal(posted.body, res.body);
        const json = await ctx.app.inject({ method: "POST", url: `/s/${token}`, payload: { score: 5 } });
        assert.equal(json.statusCode, 404);
        assert.equal(json.json().code, "NOT_FOUND");
      }
      assert.equal(new Set(pages).size, 1);
      assert.ok(pages[0].includes(escapeHtml(st("et", "notFound.title"))));
      assert.ok(!pages[0].includes("Kaja</b>") && !pages[0].includes("Amet"), "names no organisation");
      assert.equal((await get(`/s/${answered.token}/x/y`)).statusCode, 404);
      await unchanged();
    });
  });

  it("after the 7-day window the link shows the closed page and stores nothing", async () => {
    const old = await issue({ sentAt: new Date(Date.now() - 8 * 86_400_000) });
    for (const url of [`/s/${old.token}`, `/s/${old.token}?score=9`, `/s/${old.token}/thanks`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 410, url);
      assert.ok(res.body.includes(escapeHtml(st("et", "closed.title"))));
    }
    assert.equal((await post(old.token, complete)).statusCode, 410);
    const json = await ctx.app.inject({ method: "POST", url: `/s/${old.token}`, payload: { score: 9 } });
    assert.equal(json.statusCode, 409);
    assert.equal(json.json().detail, "The survey has closed.");
    assert.equal((await rowsOf(old.id)).length, 0);
  });

  it("JSON clients can answer", async () => {
    const { id, token } = await issue();
    const res = await ctx.app.inject({
      method: "POST",
      url: `/s/${token}`,
      payload: { score: 10, comment: "Super", answers: { contact: "office", topics: ["other"] } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const rows = await rowsOf(id);
    assert.equal(rows.length, 1);
    assert.deepEqual(res.json(), { responseId: rows[0].id });
    assert.deepEqual(rows[0].answers, { contact: "office", topics: ["other"] });
  });

  it("stays under 30 KB in each of the 12 languages, with no script and no other host", async () => {
    const { token } = await issue();
    const sizes: string[] = [];
    for (const lang of SURVEY_LOCALES) {
      const res = await get(`/s/${token}?lang=${lang}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(`<html lang="${lang}">`));
      const bytes = Buffer.byteLength(res.body);
      sizes.push(`${lang} ${bytes}`);
      assert.ok(bytes <= 30 * 1024, `${lang}: ${bytes} bytes`);
      assert.ok(!/<script/i.test(res.body));
      assert.ok(!/<link\b/i.test(res.body), "no external stylesheet");
      for (const url of res.body.match(/https?:\/\/[^\s"'<>)]+/g) ?? []) {
        assert.fail(`absolute URL in the page: ${url}`);
      }
    }
    process.stdout.write(`# page sizes (bytes): ${sizes.join(", ")}\n`);
  });

  it("sends no-store, no-referrer and forbids framing", async () => {
    const { token } = await issue();
    const res = await get(`/s/${token}`);
    assert.equal(res.headers["cache-control"], "no-store");
    assert.equal(res.headers["referrer-policy"], "no-referrer");
    assert.match(res.headers["content-security-policy"] as string, /frame-ancestors 'none'/);
    assert.match(res.headers["content-security-policy"] as string, /script-src 'self'/);
    assert.ok(res.headers["x-frame-options"]);
  });

  it("sends the security headers @fastify/helmet would send, on the API, pages, answers and errors", async () => {
    // The app sets helmet's headers worked out once; @fastify/helmet with the same options is the reference.
    const reference = Fastify();
    await reference.register(fastifyHelmet, helmetOptions);
    reference.get("/", async () => ({}));
    const ignored =
      /^(content-type|content-length|x-request-id|x-ratelimit-.*|date|connection|referrer-policy|cache-control)$/;
    const expected = Object.fromEntries(
      Object.entries((await reference.inject({ url: "/" })).headers).filter(([name]) => !ignored.test(name)),
    );
    await reference.close();
    assert.ok(Object.keys(expected).length >= 10);
    assert.match(String(expected["content-security-policy"]), /frame-ancestors 'none'/);
    const api = await get("/api/v1/me");
    const { token } = await issue();
    const responses = [
      await get(`/s/${token}`),
      await get(`/s/${generateSurveyToken()}`),
      await post(token, [["score", "11"]]),
      await ctx.app.inject({ method: "POST", url: `/s/${generateSurveyToken()}`, payload: { score: 5 } }),
      await post(token, complete),
      await get(`/s/${token}/thanks`),
    ];
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      [200, 404, 400, 404, 303, 200],
    );
    responses.push(api);
    for (const res of responses) {
      for (const [name, value] of Object.entries(expected)) {
        assert.equal(res.headers[name], value, `${res.statusCode} ${name}`);
      }
    }
  });

  it("an answer keeps its version; a new invitation answers the new version", async () => {
    const v1 = { ...standardDefinition({ locales: ["et", "en"] }), questions: [questions[0]] };
    const s = await createSurvey(ctx.deps.db, orgId, {
      name: "Versioonid",
      kind: "transactional",
      definition: v1,
    });
    const old = await issue({ surveyId: s.id });
    assert.equal((await get(`/s/${old.token}?score=6`)).statusCode, 200);
    const extra: TSurveyQuestion = {
      id: "wait",
      type: "rating",
      required: false,
      text: { et: "Kuidas hindate ooteaega?" },
    };
    const v2 = { ...v1, questions: [extra] };
    const updated = await updateSurvey(ctx.deps.db, orgId, s.id, { definition: v2 });
    assert.equal(updated.currentVersion, 2);
    const [oldRow] = await rowsOf(old.id);
    assert.equal(oldRow.surveyVersion, 1);

    const reopened = await get(`/s/${old.token}`);
    assert.ok(reopened.body.includes("Kuidas te meiega ühendust võtsite?"));
    assert.ok(!reopened.body.includes("Kuidas hindate ooteaega?"));
    assert.equal(
      (
        await post(old.token, [
          ["score", "7"],
          ["answers.contact", "office"],
        ])
      ).statusCode,
      303,
    );
    const [kept] = await rowsOf(old.id);
    assert.equal(kept.surveyVersion, 1);
    assert.equal(kept.score, 7);

    const next = await issue({ surveyId: s.id });
    const page = await get(`/s/${next.token}?score=9`);
    assert.ok(page.body.includes("Kuidas hindate ooteaega?"));
    assert.equal(page.body.match(/type="radio" id="q\.wait\.\d" name="answers\.wait"/g)?.length, 5);
    assert.ok(!page.body.includes("Kuidas te meiega ühendust võtsite?"));
    assert.equal(
      (
        await post(next.token, [
          ["score", "9"],
          ["answers.wait", "4"],
        ])
      ).statusCode,
      303,
    );
    const [fresh] = await rowsOf(next.id);
    assert.equal(fresh.surveyVersion, 2);
    assert.deepEqual(fresh.answers, { wait: 4 });
    const refused = await post(next.token, [
      ["score", "9"],
      ["answers.contact", "office"],
    ]);
    assert.equal(refused.statusCode, 400, "version 1's question is unknown on version 2");
  });
});
