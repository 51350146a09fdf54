import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { department, service, surveyInvitation } from "../../src/db/schema.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { bearer, contactByEmail, email, seedSurvey } from "../fixtures/distribution/setup.ts";

describe("a send tagged only with a service inherits the service's department", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let surveyId: string;
  let serviceId: string;
  let serviceDept: string;
  let otherDept: string;
  let minutes = 0;
  const past = () => new Date(Date.now() - 3_600_000 - ++minutes * 60_000).toISOString();

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    const db = ctx.deps.db;
    serviceDept = randomUUID();
    otherDept = randomUUID();
    serviceId = randomUUID();
    await db.insert(department).values([
      { orgId: a.orgId, id: serviceDept, name: "Pensionid" },
      { orgId: a.orgId, id: otherDept, name: "Klienditeenindus" },
    ]);
    await db.insert(service).values({
      orgId: a.orgId,
      id: serviceId,
      names: { et: "Pension" },
      type: "e_service",
      audience: "external",
      departmentId: serviceDept,
    });
    surveyId = await seedSurvey(db, a.orgId);
  });
  after(() => ctx.close());

  const departmentOf = async (id: string) => {
    const [row] = await ctx.deps.db
      .select({ departmentId: surveyInvitation.departmentId })
      .from(surveyInvitation)
      .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.id, id)));
    return row?.departmentId;
  };

  it("a service event: inherited when no department is given, kept when one is, and a retry is not a conflict", async () => {
    const key = await bearer(ctx.deps.db, a.orgId, ["events:write"]);
    const body = { surveyId, contact: { email: email() }, occurredAt: past(), tags: { serviceId } };
    const headers = { ...key, "idempotency-key": randomUUID() };
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/service-events",
      headers,
      payload: body,
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(await departmentOf(res.json().invitationId), serviceDept);
    const again = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/service-events",
      headers,
      payload: body,
    });
    assert.equal(again.statusCode, 202, again.body);
    assert.equal(again.json().invitationId, res.json().invitationId);
    const given = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/service-events",
      headers: key,
      payload: { ...body, occurredAt: past(), tags: { serviceId, departmentId: otherDept } },
    });
    assert.equal(given.statusCode, 202, given.body);
    assert.equal(await departmentOf(given.json().invitationId), otherDept);
  });

  it("one person sent from the admin app", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/sends`,
      headers: asUser(a.owner),
      payload: { email: email(), tags: { serviceId } },
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(await departmentOf(res.json().invitationId), serviceDept);
  });

  it("a bulk upload: each row with only a service gets its department; a row's own department wins", async () => {
    const [one, two] = [email(), email()];
    const csv = `email,service_id,department_id\n${one},${serviceId},\n${two},${serviceId},${otherDept}\n`;
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=false`,
      headers: { ...asUser(a.owner), "content-type": "text/csv" },
      payload: csv,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().scheduled, res.json().skippedRows], [2, []], res.body);
    const departmentByEmail = async (address: string) => {
      const person = await contactByEmail(ctx.deps.db, a.orgId, address);
      const [row] = await ctx.deps.db
        .select({ departmentId: surveyInvitation.departmentId })
        .from(surveyInvitation)
        .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.contactId, person?.id ?? "")));
      return row?.departmentId;
    };
    assert.equal(await departmentByEmail(one), serviceDept);
    assert.equal(await departmentByEmail(two), otherDept);
  });
});
