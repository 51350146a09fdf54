import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { response, service } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

describe("CSV import of historical answers", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let surveyId: string;
  const serviceId = randomUUID();
  const foreignService = randomUUID();
  let csv: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    await ctx.deps.db.insert(service).values([
      { orgId: a.orgId, id: serviceId, names: { et: "Teenus" }, type: "e_service", audience: "external" },
      {
        orgId: b.orgId,
        id: foreignService,
        names: { et: "B teenus" },
        type: "e_service",
        audience: "external",
      },
    ]);
    surveyId = (
      await createSurvey(ctx.deps.db, a.orgId, {
        name: "Ajalugu",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et", "ru"] }),
      })
    ).id;
    csv = [
      "external_id,received_at,score,satisfaction,comment,locale,service_id",
      `r1,2025-03-01T10:00:00Z,9,8,Väga hea,et,${serviceId}`, // line 2: good
      "r2,2025-03-02,10,,,ru,", // line 3: good
      "r3,2025-03-03,11,,,et,", // line 4: score out of range
      "r4,yesterday,5,,,et,", // line 5: bad date
      "r5,2025-03-05,5,,,fi,", // line 6: language not in the survey
      `r6,2025-03-06,5,,,et,${foreignService}`, // line 7: another organisation's service
      "r1,2025-03-07,3,,,et,", // line 8: duplicate external id in the file
      `r7,2025-03-08,6,,"${"x".repeat(5001)}",et,`, // line 9: comment too long
      'r8,2025-03-09,0,,"Mitmerealine\nkommentaar",et,', // lines 10–11: good, quoted newline
      ",2025-03-10,4,,,et,", // line 12: missing external id
    ].join("\n");
  });
  after(() => ctx.close());

  const count = async () =>
    (await ctx.deps.db.select({ id: response.id }).from(response).where(eq(response.surveyId, surveyId)))
      .length;
  const post = (dryRun: boolean, body = csv, headers = asUser(a.owner)) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/responses/import?dryRun=${dryRun}`,
      headers: { ...headers, "content-type": "text/csv" },
      payload: body,
    });

  it("dry run lists every bad row with its line and reason and writes nothing", async () => {
    const res = await post(true);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.dryRun, true);
    assert.equal(r.valid, 3);
    assert.equal(r.imported, 0);
    assert.deepEqual(
      r.errors.map((e: { line: number }) => e.line),
      [4, 5, 6, 7, 8, 9, 12],
    );
    assert.match(r.errors[0].reason, /score/);
    assert.match(r.errors[1].reason, /received_at/);
    assert.match(r.errors[2].reason, /locale/);
    assert.match(r.errors[3].reason, /service_id/);
    assert.match(r.errors[4].reason, /earlier in the file/);
    assert.match(r.errors[5].reason, /comment/);
    assert.match(r.errors[6].reason, /external_id/);
    assert.equal(await count(), 0);
  });

  it("the real run imports the good rows once, even when repeated", async () => {
    const first = (await post(false)).json();
    assert.equal(first.imported, 3);
    assert.equal(await count(), 3);
    const second = (await post(false)).json();
    assert.equal(second.imported, 0);
    assert.equal(second.alreadyImported, 3);
    assert.equal(await count(), 3);
    const [row] = await ctx.deps.db.select().from(response).where(eq(response.externalId, "r8"));
    assert.equal(row.comment, "Mitmerealine\nkommentaar");
    assert.equal(row.source, "import");
  });

  it("rejects files with missing or unknown columns, and other roles and organisations", async () => {
    const bad = await post(true, "id,score\n1,5");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().detail, /missing columns: external_id, received_at/);
    assert.match(bad.json().detail, /unknown columns: id/);
    assert.equal((await post(false, csv, asUser(await a.as("analyst")))).statusCode, 403);
    assert.equal((await post(false, csv, asUser(b.owner))).statusCode, 404);
    assert.equal(
      (
        await ctx.app.inject({
          method: "POST",
          url: `/api/v1/surveys/${surveyId}/responses/import`,
          headers: { "content-type": "text/csv" },
          payload: csv,
        })
      ).statusCode,
      401,
    );
    assert.equal(await count(), 3);
  });
});
