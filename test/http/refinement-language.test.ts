import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { t } from "../../src/i18n/account-mail.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

// A rule that spans fields (from before to, one of two fields given, a deadline only for one kind) is a zod
// refinement; its field message is said in the caller's language like a plain type or range error, not as a
// generic "invalid value".

describe("field messages of cross-field rules follow Accept-Language", () => {
  let ctx: TestContext;
  let a: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Amet");
  });
  after(() => ctx.close());

  const cases: {
    name: string;
    method: "GET" | "POST";
    url: string;
    payload?: object;
    path: string;
    key: string;
  }[] = [
    {
      name: "a themes report whose end is not after its start",
      method: "GET",
      url: "/api/v1/themes/report?from=2026-02-01&to=2026-01-01",
      path: "querystring.to",
      key: "problem.field.afterFrom",
    },
    {
      name: "a custom written request without its deadline",
      method: "POST",
      url: "/api/v1/written-requests",
      payload: { reference: "1-1/7", kind: "custom", receivedAt: "2026-03-02T09:00:00+02:00" },
      path: "body.deadlineDays",
      key: "problem.field.requiredForCustomDeadline",
    },
    {
      name: "a person erasure naming neither an e-mail address nor a phone number",
      method: "POST",
      url: "/api/v1/privacy/person-erase",
      payload: {},
      path: "body.email",
      key: "problem.field.emailOrPhone",
    },
  ];

  for (const c of cases) {
    it(`${c.name}: the field message in each language`, async () => {
      for (const lang of ["et", "ru", "lv", "lt", "en"]) {
        const res = await ctx.app.inject({
          method: c.method,
          url: c.url,
          headers: { ...asUser(a.owner), "accept-language": lang },
          ...(c.payload ? { payload: c.payload } : {}),
        });
        assert.equal(res.statusCode, 400, `${lang}: ${res.body}`);
        const errors = res.json().errors as { path: string; message: string }[];
        assert.deepEqual(
          errors.map((e) => [e.path, e.message]),
          [[c.path, t(lang, c.key)]],
          `${lang}: ${res.body}`,
        );
        if (lang !== "en") assert.notEqual(t(lang, c.key), t("en", c.key));
      }
    });
  }
});
