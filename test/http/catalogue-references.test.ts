import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";

type TMatch = { kind: string; given: string; by: string; id: string; code: string | null; name: string };
type TLine = { line: number; reason: string; detail: string | null };

/** Files may name catalogue items by id, code or exact name; the dry run says what each value matched. */
describe("catalogue references in files: id, code or name", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let bulkSurvey: string;
  let importSurvey: string;
  const ids: Record<string, string> = {};

  const post = (url: string, payload: unknown, org = a) =>
    ctx.app.inject({ method: "POST", url, headers: asUser(org.owner), payload: payload as object });

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    const make = async (path: string, body: object, name: string, org = a) => {
      const res = await post(`/api/v1/${path}`, body, org);
      assert.equal(res.statusCode, 201, res.body);
      ids[name] = res.json().id;
    };
    await make("departments", { name: "Klienditeenindus", code: "KT" }, "kt");
    await make("services", { names: { et: "Pass", en: "Passport" }, type: "e_service", code: "PAS" }, "pas");
    await make("services", { names: { et: "Toetus" }, type: "e_service", code: "TOE1" }, "toe1");
    await make("services", { names: { et: "Toetus" }, type: "e_service", code: "TOE2" }, "toe2");
    await make("employees", { name: "Mari Maasikas", code: "1001" }, "mari");
    await make("channels", { names: { et: "Kiosk" }, code: "KIO" }, "kiosk");
    await make("services", { names: { et: "Pass" }, type: "e_service", code: "BPAS" }, "bpas", b);
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

  it("a code is kept, shown and unique per organisation without case (409 naming body.code)", async () => {
    const got = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/services/${ids.pas}`,
      headers: asUser(a.owner),
    });
    assert.equal(got.json().code, "PAS");
    const clash = await post("/api/v1/services", { names: { et: "Muu" }, type: "e_service", code: "pas" });
    assert.equal(clash.statusCode, 409, clash.body);
    assert.equal(clash.json().errors[0].path, "body.code");
    assert.equal(clash.json().errors[0].code, "duplicate_code");
    const patch = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/services/${ids.toe2}`,
      headers: asUser(a.owner),
      payload: { code: "toe1" },
    });
    assert.equal(patch.statusCode, 409, "another item's code, in another case");
    const same = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/services/${ids.toe2}`,
      headers: asUser(a.owner),
      payload: { code: "TOE2" },
    });
    assert.equal(same.statusCode, 200, "an item keeps its own code");
    const otherOrg = await post("/api/v1/departments", { name: "KT", code: "KT" }, b);
    assert.equal(otherOrg.statusCode, 201, "codes are per organisation");
    const bad = await post("/api/v1/channels", { names: { et: "X" }, code: "a b" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "body.code");
  });

  it("the bulk dry run reads codes and names, says what matched, refuses ambiguous and unknown names", async () => {
    const csv = [
      "email,service_id,department_id,employee_id,channel_id",
      "a1@example.test,Passport,KT,1001,Kiosk", // line 2: name (en), code, code, name
      `a2@example.test,pas,${ids.kt},Mari Maasikas,KIO`, // line 3: code in another case, id, name, code
      "a3@example.test,Toetus,,,", // line 4: two services of that name
      "a4@example.test,BPAS,,,", // line 5: another organisation's code
      "a5@example.test,TOE2,,,", // line 6: code
    ].join("\n");
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${bulkSurvey}/bulk-sends?dryRun=true`,
      headers: { ...asUser(a.owner), "content-type": "text/csv" },
      payload: csv,
    });
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json() as {
      skipped: number;
      skippedRows: TLine[];
      matches: (TMatch & { lines: number[] })[];
    };
    const line = (n: number) => report.skippedRows.find((l) => l.line === n);
    for (const n of [2, 3, 6]) assert.equal(line(n), undefined, `line ${n}: ${line(n)?.detail}`);
    assert.equal(report.skipped, 2);
    assert.equal(line(4)?.reason, "invalid_tag");
    assert.match(line(4)?.detail ?? "", /TOE1/);
    assert.match(line(4)?.detail ?? "", /TOE2/);
    assert.equal(line(5)?.reason, "invalid_tag");
    assert.match(line(5)?.detail ?? "", /service_id.*BPAS/);
    const m = (kind: string, given: string) =>
      report.matches.find((x) => x.kind === kind && x.given === given);
    assert.deepEqual(
      { ...m("service", "Passport"), lines: undefined },
      {
        kind: "service",
        given: "Passport",
        by: "name",
        id: ids.pas,
        code: "PAS",
        name: "Pass",
        rows: 1,
        lines: undefined,
      },
    );
    assert.equal(m("service", "pas")?.by, "code");
    assert.equal(m("department", "KT")?.id, ids.kt);
    assert.equal(m("employee", "1001")?.id, ids.mari);
    assert.equal(m("employee", "Mari Maasikas")?.id, ids.mari);
    assert.equal(m("channel", "Kiosk")?.id, ids.kiosk);
    assert.deepEqual(m("channel", "KIO")?.lines, [3]);
    assert.equal(m("service", "Toetus"), undefined, "an ambiguous name matched nothing");
  });

  it("the answers import reads codes and names the same way", async () => {
    const csv = [
      "external_id,received_at,score,service_id,department_id,employee_id,channel_id",
      "r1,2025-03-01,9,PAS,Klienditeenindus,1001,KIO", // line 2
      "r2,2025-03-02,8,Toetus,,,", // line 3: ambiguous
      "r3,2025-03-03,7,Nothing,,,", // line 4: unknown
    ].join("\n");
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${importSurvey}/responses/import?dryRun=true`,
      headers: { ...asUser(a.owner), "content-type": "text/csv" },
      payload: csv,
    });
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json() as {
      valid: number;
      errors: { line: number; reason: string }[];
      matches: TMatch[];
    };
    assert.equal(report.valid, 1, res.body);
    assert.deepEqual(
      report.errors.map((e) => e.line),
      [3, 4],
    );
    assert.match(report.errors[0].reason, /TOE1.*TOE2/);
    assert.match(report.errors[1].reason, /service_id.*Nothing/);
    assert.equal(report.matches.find((x) => x.given === "Klienditeenindus")?.id, ids.kt);
    assert.equal(report.matches.find((x) => x.given === "PAS")?.id, ids.pas);
    const real = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${importSurvey}/responses/import?dryRun=false`,
      headers: { ...asUser(a.owner), "content-type": "text/csv" },
      payload: csv,
    });
    assert.equal(real.json().imported, 1);
    const answers = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/responses?surveyId=${importSurvey}`,
      headers: asUser(a.owner),
    });
    assert.equal(answers.statusCode, 200, answers.body);
    const first = answers.json().items[0];
    assert.equal(first.serviceId, ids.pas, "the import stored the item's id");
  });
});
