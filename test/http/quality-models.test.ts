import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { qualityModel } from "../../src/modules/quality/schema.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

const phone = {
  title: "Kõne",
  sections: [
    { key: "a", title: "Suhtlus", weight: 60, criteria: [{ key: "a.1", text: "Tervitab", max: 1 }] },
    { key: "b", title: "Asjatundlikkus", weight: 40, criteria: [{ key: "b.1", text: "Vastab", max: 5 }] },
  ],
};

describe("quality models API", () => {
  let ctx: TestContext;
  let a: QualityOrg;
  let b: QualityOrg;

  const modelsOf = async (org: QualityOrg) =>
    (
      await ctx.deps.db
        .select({ n: count() })
        .from(qualityModel)
        .where(and(eq(qualityModel.orgId, org.orgId)))
    )[0].n;

  it("sets up two organisations", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    b = await qualityOrg(ctx, "Amet B");
  });

  it("lists the four SKA templates with Estonian texts and the e-mail model's 95 %", async () => {
    const res = await a.call("GET", "/api/v1/quality/templates", a.specialist);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { key: string; weightSum: number; sections: { title: string }[] }[];
    assert.deepEqual(
      items.map((t) => [t.key, t.weightSum]),
      [
        ["ska_face_to_face", 100],
        ["ska_phone", 100],
        ["ska_email", 95],
        ["ska_self_service", 100],
      ],
    );
    assert.equal(items[2].sections[0].title, "E-kirja alustamine");
    assert.equal((await a.call("GET", "/api/v1/quality/templates")).statusCode, 401);
    assert.equal((await a.call("GET", "/api/v1/quality/templates", await a.as("viewer"))).statusCode, 403);
  });

  it("copies the e-mail template, refuses to activate it naming every section and 95 %, activates once corrected", async () => {
    const res = await a.call("POST", "/api/v1/quality/models", a.owner, {
      name: "E-kiri",
      templateKey: "ska_email",
    });
    assert.equal(res.statusCode, 201, res.body);
    const model = res.json();
    assert.equal(model.channel, "email");
    assert.equal(model.versions[0].status, "draft");
    assert.equal(model.versions[0].weightSum, 95);
    const before = await modelsOf(a);
    const refused = await a.call("POST", `/api/v1/quality/models/${model.id}/versions/1/activate`, a.owner);
    assert.equal(refused.statusCode, 400, refused.body);
    const problem = refused.json();
    assert.deepEqual(
      problem.errors.map((e: { path: string }) => e.path),
      [0, 1, 2, 3].map((i) => `definition.sections[${i}].weight`),
    );
    assert.match(problem.detail, /E-kirja alustamine: 10 %/);
    assert.match(problem.detail, /= 95 %/);
    assert.equal(await modelsOf(a), before);
    const detail = await a.call("GET", `/api/v1/quality/models/${model.id}`, a.owner);
    assert.equal(detail.json().versions[0].status, "draft");
    // The owner decides: opening 10 → 15 %.
    const definition = detail.json().versions[0].definition;
    definition.sections[0].weight = 15;
    const put = await a.call("PUT", `/api/v1/quality/models/${model.id}/versions/1`, a.owner, { definition });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().versions[0].weightSum, 100);
    const act = await a.call("POST", `/api/v1/quality/models/${model.id}/versions/1/activate`, a.owner);
    assert.equal(act.statusCode, 200, act.body);
    assert.equal(act.json().versions[0].status, "active");
    assert.equal(act.json().activeVersion, 1);
    // An active version cannot be edited; a new version can, and activating it retires the old one.
    const again = await a.call("PUT", `/api/v1/quality/models/${model.id}/versions/1`, a.owner, {
      definition,
    });
    assert.equal(again.statusCode, 409);
    const v2 = await a.call("POST", `/api/v1/quality/models/${model.id}/versions`, a.owner, {});
    assert.equal(v2.statusCode, 201, v2.body);
    assert.deepEqual(
      v2.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]),
      [
        [2, "draft"],
        [1, "active"],
      ],
    );
    const act2 = await a.call("POST", `/api/v1/quality/models/${model.id}/versions/2/activate`, a.owner);
    assert.deepEqual(
      act2.json().versions.map((v: { status: string }) => v.status),
      ["active", "retired"],
    );
  });

  it("creates a model from a definition, renames and archives it; lists it", async () => {
    const res = await a.call("POST", "/api/v1/quality/models", await a.as("admin"), {
      name: "Oma kõnemudel",
      channel: "phone",
      definition: phone,
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    const patched = await a.call("PATCH", `/api/v1/quality/models/${id}`, a.owner, {
      name: "Kõned",
      archived: true,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual([patched.json().name, patched.json().archived], ["Kõned", true]);
    const list = await a.call("GET", "/api/v1/quality/models", a.manager);
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((m: { id: string; name: string }) => m.id === id && m.name === "Kõned"));
  });

  it("accepts any positive maximum (0.3, 2.7, 20) and scores over it; refuses a fifth decimal", async () => {
    const odd = {
      title: "Murdmaksimumid",
      sections: [
        {
          key: "a",
          title: "Suhtlus",
          weight: 60,
          criteria: [
            { key: "a.1", text: "Tervitab", max: 0.3 },
            { key: "a.2", text: "Kuulab", max: 2.7 },
          ],
        },
        { key: "b", title: "Sisu", weight: 40, criteria: [{ key: "b.1", text: "Vastab", max: 20 }] },
      ],
    };
    const res = await a.call("POST", "/api/v1/quality/models", a.owner, {
      name: "Murdmaksimumid",
      channel: "phone",
      definition: odd,
    });
    assert.equal(res.statusCode, 201, res.body);
    const act = await a.call("POST", `/api/v1/quality/models/${res.json().id}/versions/1/activate`, a.owner);
    assert.equal(act.statusCode, 200, act.body);
    const ev = await a.call("POST", "/api/v1/quality/evaluations", a.manager, {
      employeeId: a.agentEmployee,
      modelVersionId: act.json().versions[0].id,
      contact: { kind: "reference", reference: "K-03", date: "2026-11-10" },
    });
    assert.equal(ev.statusCode, 201, ev.body);
    const url = `/api/v1/quality/evaluations/${ev.json().id}/scores`;
    const over = await a.call("PUT", url, a.manager, { scores: [{ criterionKey: "a.1", value: 0.35 }] });
    assert.equal(over.statusCode, 400, over.body);
    assert.equal(over.json().errors[0].path, "body.scores[0].value");
    // a: (0.3 + 1.2) / 3 = 50 % of 60 = 30; b: 15 / 20 = 75 % of 40 = 30; total 60 % → modest.
    const saved = await a.call("PUT", url, a.manager, {
      scores: [
        { criterionKey: "a.1", value: 0.3 },
        { criterionKey: "a.2", value: 1.2 },
        { criterionKey: "b.1", value: 15 },
      ],
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(
      [saved.json().totalPct, saved.json().totalRounded, saved.json().band],
      [60, 60, "modest"],
    );
    const fine = {
      ...odd,
      sections: [
        { ...odd.sections[0], criteria: [{ key: "a.1", text: "t", max: 0.12345 }] },
        odd.sections[1],
      ],
    };
    const refused = await a.call("POST", "/api/v1/quality/models", a.owner, {
      name: "Liiga täpne",
      channel: "phone",
      definition: fine,
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().errors[0].path, "body.definition.sections[0].criteria[0].max");
  });

  it("answers 400 naming the field, nothing written", async () => {
    const before = await modelsOf(a);
    const cases: [unknown, string][] = [
      [{ name: "X", templateKey: "nope" }, "body.templateKey"],
      [{ name: "X", channel: "phone" }, "body.definition"],
      [{ name: "", templateKey: "ska_phone" }, "body.name"],
      [
        {
          name: "X",
          channel: "phone",
          definition: {
            ...phone,
            sections: [{ ...phone.sections[0], criteria: [{ key: "a.1", text: "t", max: -1 }] }],
          },
        },
        "body.definition.sections.0.criteria.0.max",
      ],
      [
        {
          name: "X",
          channel: "phone",
          definition: { ...phone, sections: [phone.sections[0], { ...phone.sections[1], key: "a" }] },
        },
        "body.definition.sections[1].key",
      ],
    ];
    for (const [body, path] of cases) {
      const res = await a.call("POST", "/api/v1/quality/models", a.owner, body);
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        `${path} in ${JSON.stringify(res.json().errors)}`,
      );
    }
    const bands = await a.call("PUT", "/api/v1/quality/settings", a.owner, {
      bands: { veryGoodFrom: 60, goodFrom: 70 },
      defaultQuota: 3,
      quotas: {},
      reminderDaysBefore: 3,
    });
    assert.equal(bands.statusCode, 400);
    assert.equal(bands.json().errors[0].path, "body.bands.goodFrom");
    assert.equal(await modelsOf(a), before);
  });

  it("refuses writes to roles without quality:manage and to anonymous callers", async () => {
    for (const role of ["manager", "quality_specialist", "analyst", "agent", "viewer"] as const) {
      const res = await a.call("POST", "/api/v1/quality/models", await a.as(role), {
        name: "X",
        templateKey: "ska_phone",
      });
      assert.equal(res.statusCode, 403, role);
    }
    assert.equal((await a.call("POST", "/api/v1/quality/models", undefined, { name: "X" })).statusCode, 401);
    assert.equal((await a.call("GET", "/api/v1/quality/models", await a.as("viewer"))).statusCode, 403);
    assert.equal((await a.call("GET", "/api/v1/quality/models")).statusCode, 401);
  });

  it("keeps models apart between organisations (404)", async () => {
    const { modelId } = await b.activeModel();
    assert.equal((await a.call("GET", `/api/v1/quality/models/${modelId}`, a.owner)).statusCode, 404);
    assert.equal(
      (await a.call("PATCH", `/api/v1/quality/models/${modelId}`, a.owner, { name: "x" })).statusCode,
      404,
    );
    assert.equal(
      (await a.call("POST", `/api/v1/quality/models/${modelId}/versions/1/activate`, a.owner)).statusCode,
      404,
    );
    assert.equal(
      (await a.call("POST", `/api/v1/quality/models/${modelId}/versions`, a.owner, {})).statusCode,
      404,
    );
    assert.equal(
      (await a.call("PUT", `/api/v1/quality/models/${modelId}/versions/1`, a.owner, { definition: phone }))
        .statusCode,
      404,
    );
    const list = await a.call("GET", "/api/v1/quality/models", a.owner);
    assert.ok(!list.json().items.some((m: { id: string }) => m.id === modelId));
  });

  it("reads and changes the settings (bands, quotas)", async () => {
    const initial = await a.call("GET", "/api/v1/quality/settings", a.specialist);
    assert.deepEqual(initial.json().bands, { veryGoodFrom: 81, goodFrom: 61 });
    const body = {
      bands: { veryGoodFrom: 90, goodFrom: 70 },
      defaultQuota: 4,
      quotas: {},
      reminderDaysBefore: 2,
    };
    const put = await a.call("PUT", "/api/v1/quality/settings", a.owner, body);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), body);
    assert.equal((await a.call("PUT", "/api/v1/quality/settings", a.manager, body)).statusCode, 403);
    assert.equal((await a.call("PUT", "/api/v1/quality/settings", undefined, body)).statusCode, 401);
    assert.deepEqual((await b.call("GET", "/api/v1/quality/settings", b.owner)).json().bands, {
      veryGoodFrom: 81,
      goodFrom: 61,
    });
  });
});
