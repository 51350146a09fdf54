import { BULK_COLUMNS } from "../../src/modules/distribution/read-bulk-file.ts";
import { CONTACT_FILE_COLUMNS } from "../../src/modules/kpi/read-contact-file.ts";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { ROLES } from "../../src/auth/permissions.ts";
import { organization, user } from "../../src/db/schema.ts";
import en from "../../src/i18n/messages/en.json" with { type: "json" };
import et from "../../src/i18n/messages/et.json" with { type: "json" };
import lt from "../../src/i18n/messages/lt.json" with { type: "json" };
import lv from "../../src/i18n/messages/lv.json" with { type: "json" };
import ru from "../../src/i18n/messages/ru.json" with { type: "json" };
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { t } from "../../src/i18n/account-mail.ts";
import { AUDIENCES, SERVICE_TYPES } from "../../src/modules/catalog/routes.ts";
import { IMPORT_COLUMNS } from "../../src/modules/responses/import-responses.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";
import { monthLabel } from "../../src/modules/insights/exports/format.ts";
import {
  asUser,
  createTestOrg,
  lastMail,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

const catalogues: Record<string, Record<string, string>> = { et, en, ru, lv, lt };
const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
const catalogueWords = (lang: string) => words(Object.values(catalogues[lang]).join(" "));

/**
 * The English words a text in `lang` must not hold: every word of the English catalogue (and every role id)
 * that the catalogue of `lang` does not use itself. Links and the values filled in (names) are removed first.
 */
function englishLeaks(text: string, lang: string, values: string[]): string[] {
  let rest = text.replace(/https?:\/\/\S+/g, " ");
  for (const v of values) rest = rest.replaceAll(v, " ");
  const own = catalogueWords(lang);
  const english = new Set([...catalogueWords("en"), ...ROLES.flatMap((r) => r.split("_"))]);
  return [...words(rest)].filter((w) => english.has(w) && !own.has(w));
}

describe("server messages reach the user in the chosen language only", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let bulkSurvey: string;
  let importSurvey: string;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Amet");
    bulkSurvey = await seedSurvey(ctx.deps.db, a.orgId, "relationship");
    importSurvey = (
      await createSurvey(ctx.deps.db, a.orgId, {
        name: "Ajalugu",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et"] }),
      })
    ).id;
  });
  after(() => ctx.close());

  for (const lang of ["et", "ru", "lv", "lt", "en"]) {
    it(`the member invitation in ${lang}: the role by its translated name, no English, no sentence twice`, async () => {
      await ctx.deps.db.update(organization).set({ defaultLocale: lang }).where(eq(organization.id, a.orgId));
      const email = `m-${unique()}@example.test`;
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/invitations",
        headers: asUser(a.owner),
        payload: { email, role: "agent" },
      });
      assert.equal(res.statusCode, 201, res.body);
      const mail = await lastMail(ctx.deps, email, "invitation");
      const text = `${mail.subject}\n${mail.text}`;
      assert.ok(
        mail.text.includes(t(lang, "role.agent")),
        `${lang}: the role's name ${t(lang, "role.agent")}`,
      );
      if (lang !== "en") {
        const [inviter] = await ctx.deps.db
          .select({ name: user.name })
          .from(user)
          .where(eq(user.id, a.owner.userId));
        assert.deepEqual(
          englishLeaks(text, lang, ["Amet", "Kaja", email, inviter.name]),
          [],
          `${lang}: English in\n${text}`,
        );
        assert.doesNotMatch(mail.text, /\bagent\b/, `${lang}: the role id is not shown`);
      }
      // Every sentence and line of the mail, the subject included, links aside, compared without case.
      const sentences = `${mail.subject}\n${mail.text}`
        .replace(/https?:\/\/\S+/g, " ")
        .split(/(?<=[.!?:])\s+|\n+/)
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s.length > 10);
      assert.equal(
        new Set(sentences).size,
        sentences.length,
        `${lang}: a sentence is repeated in\n${mail.text}`,
      );
    });
  }

  for (const lang of ["et", "ru", "lv", "lt"]) {
    it(`bulk and import row details and problem bodies in ${lang}: no English`, async () => {
      const headers = { ...asUser(a.owner), "accept-language": lang };
      for (const code of ["DUP1", "DUP2"]) {
        const made = await ctx.app.inject({
          method: "POST",
          url: "/api/v1/services",
          headers,
          payload: { names: { et: `Kaksik ${lang}` }, type: "e_service", code: `${code}${lang}` },
        });
        assert.equal(made.statusCode, 201, made.body);
      }
      // The codes a column takes are shown as they are typed.
      const values = [
        ...SERVICE_TYPES,
        ...AUDIENCES,
        `Kaksik ${lang}`,
        "Puudub",
        "mari@",
        "mari.example.ee",
        "ma ri@example.ee",
        "xx",
        "eile",
      ];
      const bulk = [
        "email,locale,occurred_at,service_id,audience",
        "mari@,,,,", // no e-mail
        "mari.example.ee,,,,",
        "ma ri@example.ee,,,,",
        "a1@example.test,xx,,,", // unknown language code
        "a2@example.test,,eile,,", // not a date
        "a3@example.test,,2099-01-01,,", // in the future
        "a4@example.test,,,Puudub,", // no such service
        `a5@example.test,,,Kaksik ${lang},`, // two services of that name
        "a6@example.test,,,,aliens", // not an audience
        "a7@example.test,,2026-01-01 10:00,,",
        "a7@example.test,,2026-01-01 10:00,,", // the same person and time
      ].join("\n");
      const res = await ctx.app.inject({
        method: "POST",
        url: `/api/v1/surveys/${bulkSurvey}/bulk-sends?dryRun=true`,
        headers: { ...headers, "content-type": "text/csv" },
        payload: bulk,
      });
      assert.equal(res.statusCode, 200, res.body);
      const skippedRows = res.json().skippedRows as { line: number; reason: string; detail: string | null }[];
      const xx = skippedRows.find((l) => l.line === 5);
      assert.deepEqual([xx?.line, xx?.reason], [5, "invalid_row"], "an unknown language code is a row error");
      assert.match(xx?.detail ?? "", /^locale: .xx./);
      const details = skippedRows.map((l) => l.detail).filter(Boolean);
      assert.ok(details.length >= 9, res.body);
      assert.deepEqual(englishLeaks(details.join("\n"), lang, values), [], `${lang}: ${details.join("\n")}`);

      const csv = [
        "external_id,received_at,score,satisfaction,comment,locale,service_id,audience",
        "r1,yesterday,5,,,et,,", // not a date
        "r2,2025-03-02,11,,,et,,", // score out of range
        ",2025-03-02,5,,,et,,", // no external id
        `r3,2025-03-02,5,,${"x".repeat(5001)},et,,`, // too long a comment
        "r4,2025-03-02,5,,,fi,,", // not a language of the survey
        "r5,2025-03-02,5,,,et,Puudub,", // no such service
        `r6,2025-03-02,5,,,et,Kaksik ${lang},`, // ambiguous
        "r7,2025-03-02,5,,,et,,aliens", // not an audience
        "r8,2025-03-02,5,,,et,,",
        "r8,2025-03-02,5,,,et,,", // repeated external id
      ].join("\n");
      const imp = await ctx.app.inject({
        method: "POST",
        url: `/api/v1/surveys/${importSurvey}/responses/import?dryRun=true`,
        headers: { ...headers, "content-type": "text/csv" },
        payload: csv,
      });
      assert.equal(imp.statusCode, 200, imp.body);
      const reasons = (imp.json().errors as { reason: string }[]).map((e) => e.reason);
      assert.equal(reasons.length, 9, imp.body);
      const x = "x".repeat(5001);
      assert.deepEqual(
        englishLeaks(reasons.join("\n"), lang, [...values, x, "yesterday"]),
        [],
        reasons.join("\n"),
      );

      const badHeader = await ctx.app.inject({
        method: "POST",
        url: `/api/v1/surveys/${importSurvey}/responses/import?dryRun=true`,
        headers: { ...headers, "content-type": "text/csv" },
        payload: "external_id,score,colour\nr1,5,red",
      });
      assert.equal(badHeader.statusCode, 400);
      const fileProblem = badHeader.json();
      assert.deepEqual(
        englishLeaks(`${fileProblem.title} ${fileProblem.detail}`, lang, [...IMPORT_COLUMNS, "colour"]),
        [],
        fileProblem.detail,
      );

      const invalid = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/services",
        headers,
        payload: { names: { et: "" }, type: "nonsense", audience: 5, colour: "red" },
      });
      assert.equal(invalid.statusCode, 400);
      const problem = invalid.json() as {
        title: string;
        detail: string;
        errors: { path: string; message: string }[];
      };
      assert.ok(
        problem.errors.some((e) => e.path === "body.type"),
        invalid.body,
      );
      const text = [problem.title, problem.detail, ...problem.errors.map((e) => e.message)].join("\n");
      assert.deepEqual(
        englishLeaks(text, lang, [
          ...SERVICE_TYPES,
          ...AUDIENCES,
          ...problem.errors.map((e) => e.path),
          "colour",
        ]),
        [],
        text,
      );
      const clash = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/services",
        headers,
        payload: { names: { et: "Kolmas" }, type: "e_service", code: `dup1${lang}` },
      });
      assert.equal(clash.statusCode, 409);
      assert.deepEqual(
        englishLeaks(`${clash.json().title} ${clash.json().detail}`, lang, [`DUP1${lang}`]),
        [],
      );
      // The bulk file's own problems: a header without an address column, and a file that is no workbook.
      for (const [type, payload, status] of [
        ["text/csv", "nimi,telefon\nMari,5123", 400],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "not a workbook", 400],
      ] as const) {
        const file = await ctx.app.inject({
          method: "POST",
          url: `/api/v1/surveys/${bulkSurvey}/bulk-sends?dryRun=true`,
          headers: { ...headers, "content-type": type },
          payload,
        });
        assert.equal(file.statusCode, status, file.body);
        const text = `${file.json().title} ${file.json().detail}`;
        const columns = BULK_COLUMNS.flatMap((c) => [c, ...c.split("_")]);
        assert.deepEqual(englishLeaks(text, lang, ["nimi", "telefon", ...columns]), [], text);
      }
      // The contact-record file's own problems: a header row missing required columns and naming an unknown one,
      // then a refused real run (a row naming an unknown queue) with its row reason.
      const contacts = [
        "sourceId,kind,telefon\nr1,call,5123",
        "sourceId,kind,queueId,arrivedAt,abandonedAt\nr1,call,nope,2026-03-02T08:00:00Z,2026-03-02T08:00:20Z",
      ];
      for (const payload of contacts) {
        const file = await ctx.app.inject({
          method: "POST",
          url: "/api/v1/contact-records/upload?dryRun=false",
          headers: { ...headers, "content-type": "text/csv" },
          payload,
        });
        assert.equal(file.statusCode, 400, file.body);
        const problem = file.json() as {
          title: string;
          detail: string;
          errors: { path: string; message: string }[];
        };
        assert.ok(problem.errors.length > 0, file.body);
        const text = [problem.title, problem.detail, ...problem.errors.map((e) => e.message)].join("\n");
        const values = [...CONTACT_FILE_COLUMNS, "telefon", "nope"];
        assert.deepEqual(englishLeaks(text, lang, values), [], text);
      }
    });
  }

  it("a date that ends in a full stop does not double the sentence's stop (Russian 'г.')", () => {
    const month = monthLabel("ru", "2026-05");
    assert.match(month, /г\.$/, "the Russian month label ends in 'г.'");
    const text = t("ru", "monthlyReport.text", { org: "Amet", month, url: "http://x" });
    assert.ok(text.includes(`${month}\n`) || text.includes(`${month} `), text);
    assert.doesNotMatch(text, /г\.\./);
    assert.doesNotMatch(text, /(?<!\.)\.\.(?!\.)/);
  });
});

describe("module problems (not found, conflicts, field errors) follow Accept-Language", () => {
  let ctx: TestContext;
  let a: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Amet");
  });
  after(() => ctx.close());

  interface Case {
    name: string;
    request: (
      lang: string,
    ) => Promise<{ method: "GET" | "POST" | "PATCH" | "DELETE"; url: string; payload?: object }>;
    status: number;
    /** The message the detail is made of, and the field it names (with its own message) when there is one. */
    detail?: { key: string; values?: Record<string, string> };
    field?: { path: string; key: string; values?: Record<string, string> };
  }
  const none = randomUUID();
  const cases: Case[] = [
    {
      name: "follow-up: a field that does not fit the action's state",
      request: async () => {
        const made = await ctx.app.inject({
          method: "POST",
          url: "/api/v1/improvement-actions",
          headers: asUser(a.owner),
          payload: { title: "Ootejärjekord" },
        });
        assert.equal(made.statusCode, 201, made.body);
        return {
          method: "PATCH",
          url: `/api/v1/improvement-actions/${made.json().id}`,
          payload: { completedOn: "2020-01-01" },
        };
      },
      status: 400,
      field: { path: "body.completedOn", key: "problem.field.onlyForDone" },
    },
    {
      name: "follow-up: no such improvement action",
      request: async () => ({ method: "GET", url: `/api/v1/improvement-actions/${none}` }),
      status: 404,
      detail: { key: "problem.action.notFound" },
    },
    {
      name: "quality: no such model",
      request: async () => ({ method: "GET", url: `/api/v1/quality/models/${none}` }),
      status: 404,
      detail: { key: "problem.quality.notFound", values: { what: "model" } },
    },
    {
      name: "privacy: nothing to erase",
      request: async () => ({
        method: "POST",
        url: "/api/v1/privacy/person-erase",
        payload: { email: `keegi-${unique()}@example.test` },
      }),
      status: 404,
      detail: { key: "problem.privacy.nothingToErase" },
    },
    {
      name: "themes: no such theme",
      request: async () => ({ method: "GET", url: `/api/v1/themes/${none}` }),
      status: 404,
      detail: { key: "problem.theme.notFound" },
    },
    {
      name: "themes: a key another theme has (409)",
      request: async (lang) => {
        const theme = {
          key: `ootamine-${lang}`,
          names: { et: "Ootamine", ru: "Ожидание", en: "Waiting" },
          keywords: { et: ["ootama"], ru: [], en: [] },
        };
        if (lang === "et") {
          const made = await ctx.app.inject({
            method: "POST",
            url: "/api/v1/themes",
            headers: asUser(a.owner),
            payload: { ...theme, key: "ootamine" },
          });
          assert.equal(made.statusCode, 201, made.body);
        }
        return { method: "POST", url: "/api/v1/themes", payload: { ...theme, key: "ootamine" } };
      },
      status: 409,
      detail: { key: "problem.theme.keyTaken", values: { key: "ootamine" } },
      field: { path: "body.key", key: "problem.field.themeKeyTaken" },
    },
    {
      name: "an address no route answers",
      request: async () => ({ method: "GET", url: "/api/v1/no-such-thing" }),
      status: 404,
      detail: { key: "problem.notFound" },
    },
    {
      name: "webhooks: no such endpoint",
      request: async () => ({ method: "DELETE", url: `/api/v1/webhooks/${none}` }),
      status: 404,
      detail: { key: "problem.webhook.notFound" },
    },
    {
      name: "surveys: no such survey",
      request: async () => ({ method: "GET", url: `/api/v1/surveys/${none}` }),
      status: 404,
      detail: { key: "problem.survey.notFound" },
    },
    {
      name: "catalogue: no such service",
      request: async () => ({ method: "GET", url: `/api/v1/services/${none}` }),
      status: 404,
      detail: { key: "problem.catalog.notFound", values: { noun: "service" } },
    },
    {
      name: "catalogue: a department under a department that is not the organisation's",
      request: async () => ({
        method: "POST",
        url: "/api/v1/departments",
        payload: { name: `Osakond ${unique()}`, parentId: none },
      }),
      status: 400,
      field: { path: "body.parentId", key: "problem.field.noSuchRecord" },
    },
    {
      name: "written requests: an employee that is not the organisation's",
      request: async () => ({
        method: "POST",
        url: "/api/v1/written-requests",
        payload: {
          reference: `1-1/${unique()}`,
          kind: "letter",
          receivedAt: "2026-03-02T09:00:00+02:00",
          employeeId: none,
        },
      }),
      status: 400,
      field: { path: "body.employeeId", key: "problem.field.unknownEmployee" },
    },
    {
      name: "themes report: a filter id that is not the organisation's",
      request: async () => ({
        method: "GET",
        url: `/api/v1/themes/report?from=2026-01-01&to=2026-01-31&serviceId=${none}`,
      }),
      status: 404,
      detail: { key: "problem.filter.notFound", values: { field: "serviceId", noun: "service" } },
      field: {
        path: "querystring.serviceId",
        key: "problem.field.noSuchFilterItem",
        values: { noun: "service" },
      },
    },
  ];

  for (const c of cases) {
    it(`${c.name}: the detail in each language, the field still named`, async () => {
      for (const lang of ["et", "ru", "lv", "lt", "en"]) {
        const req = await c.request(lang);
        const res = await ctx.app.inject({
          ...req,
          headers: { ...asUser(a.owner), "accept-language": lang },
          ...(req.payload ? { payload: req.payload as Record<string, unknown> } : {}),
        });
        assert.equal(res.statusCode, c.status, `${lang}: ${res.body}`);
        const problem = res.json() as {
          title: string;
          detail: string;
          errors?: { path: string; message: string }[];
        };
        if (c.field) {
          const fieldText = t(lang, c.field.key, c.field.values);
          assert.deepEqual(
            problem.errors?.map((e) => [e.path, e.message]),
            [[c.field.path, fieldText]],
            `${lang}: ${res.body}`,
          );
          if (!c.detail) assert.equal(problem.detail, `${c.field.path}: ${fieldText}`, lang);
          assert.ok(
            problem.detail.includes(c.field.path),
            `${lang}: the detail names the field: ${problem.detail}`,
          );
        }
        if (c.detail) assert.equal(problem.detail, t(lang, c.detail.key, c.detail.values), lang);
        if (lang !== "en") {
          assert.notEqual(
            problem.detail,
            t("en", (c.detail ?? c.field)?.key ?? "", (c.detail ?? c.field)?.values),
          );
          const text = [problem.title, problem.detail, ...(problem.errors ?? []).map((e) => e.message)].join(
            "\n",
          );
          const paths = (problem.errors ?? []).flatMap((e) => [e.path, ...e.path.split(".")]);
          assert.deepEqual(englishLeaks(text, lang, ["Kaja", ...paths]), [], `${lang}: English in\n${text}`);
        }
      }
    });
  }

  it("a role that may not do something is told so in its language, naming the capability", async () => {
    const viewer = await a.as("viewer");
    for (const lang of ["et", "ru", "lv", "lt"]) {
      const res = await ctx.app.inject({
        method: "GET",
        url: "/api/v1/webhooks",
        headers: { ...asUser(viewer), "accept-language": lang },
      });
      assert.equal(res.statusCode, 403, res.body);
      const detail = res.json().detail as string;
      assert.match(detail, /\(webhooks:manage\)/, detail);
      assert.equal(detail, t(lang, "problem.forbiddenCapability", { capability: "webhooks:manage" }));
    }
  });
});
