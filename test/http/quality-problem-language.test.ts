import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { t } from "../../src/i18n/account-mail.ts";
import { asUser, type Session, startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

// The problems the scorecard rules find (weights, keys, maxima, bands, scores) reach the caller with a stable code
// and in the language asked for, as every other problem detail.

interface TProblem {
  detail: string;
  errors: { path: string; message: string; code?: string }[];
}

const phone = {
  title: "Kõne",
  sections: [
    { key: "a", title: "Suhtlus", weight: 60, criteria: [{ key: "a.1", text: "Tervitab", max: 1 }] },
    { key: "b", title: "Asjatundlikkus", weight: 40, criteria: [{ key: "b.1", text: "Vastab", max: 5 }] },
  ],
};

describe("scorecard rule problems in the caller's language, with their codes", () => {
  let ctx: TestContext;
  let a: QualityOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet");
  });
  after(() => ctx.close());

  const call = (lang: string | null, method: string, url: string, s: Session, payload?: object) =>
    ctx.app.inject({
      method: method as "POST",
      url,
      headers: { ...asUser(s), ...(lang ? { "accept-language": lang } : {}) },
      ...(payload ? { payload } : {}),
    });
  /** Each field error as [path, code, message], and the detail made of them ("path: message; …"). */
  const expectFields = (problem: TProblem, lang: string, fields: [string, string, string, object?][]) => {
    const said = fields.map(([path, code, key, values]) => [
      path,
      code,
      t(lang, key, values as Record<string, string>),
    ]);
    assert.deepEqual(
      problem.errors.map((e) => [e.path, e.code, e.message]),
      said,
    );
    assert.equal(problem.detail, said.map(([path, , message]) => `${path}: ${message}`).join("; "));
  };

  it("activating the e-mail template (95 %) names each section's weight and the sum, in Estonian", async () => {
    const made = await call("et", "POST", "/api/v1/quality/models", a.owner, {
      name: "E-kiri",
      templateKey: "ska_email",
    });
    assert.equal(made.statusCode, 201, made.body);
    const sections = made.json().versions[0].definition.sections as { title: string; weight: number }[];
    const list = sections.map((s) => `${s.title} ${s.weight} %`).join(" + ");
    const url = `/api/v1/quality/models/${made.json().id}/versions/1/activate`;
    for (const lang of ["et", "ru", "lv", "lt", null]) {
      const refused = await call(lang, "POST", url, a.owner);
      assert.equal(refused.statusCode, 400, refused.body);
      expectFields(
        refused.json(),
        lang ?? "en",
        sections.map((s, i) => [
          `definition.sections[${i}].weight`,
          "section_weights_sum",
          "problem.scorecard.sectionWeightsSum",
          { title: s.title, weight: String(s.weight), list, sum: "95" },
        ]),
      );
    }
    const et = (await call("et", "POST", url, a.owner)).json() as TProblem;
    assert.match(
      et.errors[0].message,
      /^E-kirja alustamine: 10 % \(kaalud .* = 95 %, summa peab olema 100 %\)$/,
    );
  });

  it("a model with a repeated section key and a bad maximum, in Estonian", async () => {
    const definition = {
      ...phone,
      sections: [
        { ...phone.sections[0], criteria: [{ key: "a.1", text: "t", max: 0.12345 }] },
        { ...phone.sections[1], key: "a" },
      ],
    };
    const res = await call("et", "POST", "/api/v1/quality/models", a.owner, {
      name: "Vigane",
      channel: "phone",
      definition,
    });
    assert.equal(res.statusCode, 400, res.body);
    expectFields(res.json(), "et", [
      [
        "body.definition.sections[0].criteria[0].max",
        "max_invalid",
        "problem.scorecard.maxInvalid",
        { max: "0.12345" },
      ],
      [
        "body.definition.sections[1].key",
        "duplicate_section_key",
        "problem.scorecard.duplicateSectionKey",
        { key: "a" },
      ],
    ]);
  });

  it("band settings out of order, in Estonian", async () => {
    const res = await call("et", "PUT", "/api/v1/quality/settings", a.owner, {
      bands: { veryGoodFrom: 60, goodFrom: 70 },
      defaultQuota: 3,
      quotas: {},
      reminderDaysBefore: 3,
    });
    assert.equal(res.statusCode, 400, res.body);
    expectFields(res.json(), "et", [["body.bands.goodFrom", "band_order", "problem.scorecard.bandOrder"]]);
  });

  it("a score over the criterion's maximum and a not-applicable mark where none is allowed, in Estonian", async () => {
    const made = await call(null, "POST", "/api/v1/quality/models", a.owner, {
      name: "Kõne",
      channel: "phone",
      definition: phone,
    });
    assert.equal(made.statusCode, 201, made.body);
    const act = await call(
      null,
      "POST",
      `/api/v1/quality/models/${made.json().id}/versions/1/activate`,
      a.owner,
    );
    assert.equal(act.statusCode, 200, act.body);
    const ev = await call(null, "POST", "/api/v1/quality/evaluations", a.manager, {
      employeeId: a.agentEmployee,
      modelVersionId: act.json().versions[0].id,
      contact: { kind: "reference", reference: "K-07", date: "2026-11-10" },
    });
    assert.equal(ev.statusCode, 201, ev.body);
    const res = await call("et", "PUT", `/api/v1/quality/evaluations/${ev.json().id}/scores`, a.manager, {
      scores: [
        { criterionKey: "a.1", value: 2 },
        { criterionKey: "b.1", value: null, notApplicable: true },
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    expectFields(res.json(), "et", [
      [
        "body.scores[0].value",
        "score_out_of_range",
        "problem.scorecard.scoreOutOfRange",
        { value: "2", max: "1" },
      ],
      ["body.scores[1].value", "not_applicable_not_allowed", "problem.scorecard.notApplicableNotAllowed"],
    ]);
    assert.equal(res.json().errors[0].message, "hinne 2 on väljaspool vahemikku 0–1");
  });
});
