import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { contact, department, employee, survey } from "../../src/db/schema.ts";
import {
  asUser,
  createTestOrg,
  type Session,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";
import {
  bearer,
  countRows,
  email,
  invitationRow,
  seedCatalog,
  seedSurvey,
  type TCatalog,
} from "../fixtures/distribution/setup.ts";

describe("sending to one person and seeing what became of invitations", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let cat: TCatalog;
  let surveyId: string;
  let owner: ReturnType<typeof asUser>;
  const sent: { id: string; state: string; reason?: string; email: string }[] = [];

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    owner = asUser(a.owner);
    cat = await seedCatalog(ctx.deps.db, a.orgId);
    surveyId = await seedSurvey(ctx.deps.db, a.orgId, "relationship");
  });
  after(() => ctx.close());

  const send = (payload: object, headers: object = owner, id = surveyId) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${id}/sends`,
      headers: headers as Record<string, string>,
      payload,
    });
  const get = (url: string, headers: object = owner) =>
    ctx.app.inject({ url: `/api/v1${url}`, headers: headers as Record<string, string> });

  it("sends to one person from the admin app: 202 with the plan, recorded as a manual send", async () => {
    const address = email("ulle");
    const res = await send({
      email: address,
      name: "Ülle",
      locale: "en",
      tags: { serviceId: cat.serviceId },
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().state, "scheduled");
    assert.ok(res.json().sendAt);
    const row = await invitationRow(ctx.deps.db, a.orgId, res.json().invitationId);
    assert.equal(row.delivery?.source, "manual");
    assert.equal(row.invitation.locale, "en");
    assert.equal(row.invitation.serviceId, cat.serviceId);
    sent.push({ id: res.json().invitationId, state: "scheduled", email: address });
    const again = await send({ email: address });
    assert.deepEqual([again.json().state, again.json().reason], ["skipped", "quarantine"]);
    sent.push({ id: again.json().invitationId, state: "skipped", reason: "quarantine", email: address });
    const optedOut = email();
    await ctx.deps.db
      .insert(contact)
      .values({ orgId: a.orgId, id: randomUUID(), email: optedOut, optedOutAt: new Date() });
    const no = await send({ email: optedOut });
    assert.equal(no.json().reason, "opted_out");
    sent.push({ id: no.json().invitationId, state: "skipped", reason: "opted_out", email: optedOut });
  });

  it("rejects bad input and other organisations' surveys, creating nothing", async () => {
    const before = await countRows(ctx.deps.db, a.orgId);
    const bad = await send({ email: "ülle@" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "body.email");
    const tag = await send({ email: email(), tags: { channelId: randomUUID() } });
    assert.equal(tag.statusCode, 400);
    assert.equal(tag.json().errors[0].path, "body.tags.channelId");
    const future = await send({
      email: email(),
      occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().errors[0].path, "body.occurredAt");
    const foreignSurvey = await seedSurvey(ctx.deps.db, b.orgId);
    const cross = await send({ email: email() }, owner, foreignSurvey);
    assert.equal(cross.statusCode, 404, cross.body);
    const archived = await seedSurvey(ctx.deps.db, a.orgId);
    await ctx.deps.db
      .update(survey)
      .set({ archivedAt: new Date() })
      .where(and(eq(survey.orgId, a.orgId), eq(survey.id, archived)));
    const arch = await send({ email: email() }, owner, archived);
    assert.equal(arch.statusCode, 400);
    assert.equal(arch.json().errors[0].path, "params.id");
    assert.equal((await send({ email: email() }, {})).statusCode, 401);
    assert.equal((await send({ email: email() }, asUser(await a.as("analyst")))).statusCode, 403);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
    assert.equal((await send({ email: email() }, asUser(await a.as("admin")))).statusCode, 202);
  });

  it("summarises per state and reason, for a survey and a period", async () => {
    const res = await get(`/survey-invitations/summary?surveyId=${surveyId}`);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.total, 4);
    assert.equal(s.byState.scheduled, 2);
    assert.equal(s.byState.skipped, 2);
    assert.equal(s.byState.sent, 0);
    assert.deepEqual(s.reasons.map((r: { reason: string }) => r.reason).sort(), ["opted_out", "quarantine"]);
    const future = await get(
      `/survey-invitations/summary?surveyId=${surveyId}&from=${new Date(Date.now() + 86_400_000).toISOString()}`,
    );
    assert.equal(future.json().total, 0);
    const viewer = await get(
      `/survey-invitations/summary?surveyId=${surveyId}`,
      asUser(await a.as("viewer")),
    );
    assert.equal(viewer.json().total, 4);
    const other = await get(`/survey-invitations/summary?surveyId=${surveyId}`, asUser(b.owner));
    assert.equal(other.json().total, 0, "another organisation counts only its own");
  });

  it("lists who could not be reached and why, with contact details for roles that may see them", async () => {
    const res = await get(`/survey-invitations?surveyId=${surveyId}&state=skipped`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as {
      id: string;
      reason: string;
      contactEmail: string | null;
      source: string;
    }[];
    assert.deepEqual(
      items.map((i) => [i.reason, i.contactEmail]).sort(),
      sent
        .filter((s) => s.state === "skipped")
        .map((s) => [s.reason, s.email])
        .sort(),
    );
    assert.ok(items.every((i) => i.source === "manual"));
    const analyst = await get(
      `/survey-invitations?surveyId=${surveyId}&reason=opted_out`,
      asUser(await a.as("analyst")),
    );
    assert.equal(analyst.json().items[0].contactEmail, sent[2].email);
    const viewer = await get(
      `/survey-invitations?surveyId=${surveyId}&reason=opted_out`,
      asUser(await a.as("viewer")),
    );
    assert.equal(viewer.statusCode, 200);
    assert.deepEqual(viewer.json().items, [], "a viewer counts invitations in the summary, sees none singly");
    const key = await bearer(ctx.deps.db, a.orgId, ["surveys:read"]);
    assert.equal(
      (await get(`/survey-invitations?surveyId=${surveyId}`, key)).json().items[0].contactEmail,
      null,
    );
  });

  it("pages with a cursor, every invitation once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/survey-invitations?surveyId=${surveyId}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...res.json().items.map((i: { id: string }) => i.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.equal(seen.length, 4);
    assert.equal(new Set(seen).size, 4);
  });

  it("gets one invitation; 404 across organisations; 400 for bad filters; 401 without credentials", async () => {
    const one = await get(`/survey-invitations/${sent[0].id}`);
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().state, "scheduled");
    assert.equal(one.json().contactEmail, sent[0].email);
    assert.equal((await get(`/survey-invitations/${sent[0].id}`, asUser(b.owner))).statusCode, 404);
    const keyB = await bearer(ctx.deps.db, b.orgId, ["surveys:read"]);
    assert.equal((await get(`/survey-invitations/${sent[0].id}`, keyB)).statusCode, 404);
    assert.equal((await get(`/survey-invitations/${randomUUID()}`)).statusCode, 404);
    const badState = await get("/survey-invitations?state=lost");
    assert.equal(badState.statusCode, 400);
    assert.equal(badState.json().errors[0].path, "querystring.state");
    const badDate = await get("/survey-invitations/summary?from=someday");
    assert.equal(badDate.statusCode, 400);
    assert.equal(badDate.json().errors[0].path, "querystring.from");
    assert.equal((await get("/survey-invitations", {})).statusCode, 401);
    assert.equal((await get("/survey-invitations/summary", {})).statusCode, 401);
    const noScope = await bearer(ctx.deps.db, a.orgId, ["events:write"]);
    assert.equal((await get("/survey-invitations", noScope)).statusCode, 403);
  });
});

describe("survey invitations are scoped like answers", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let other: TestOrg;
  let surveyId: string;
  const inv = { agents: "", managers: "", elsewhere: "" };

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "Scoped");
    other = await createTestOrg(ctx, "Elsewhere");
    surveyId = await seedSurvey(ctx.deps.db, org.orgId);
    // Departments: the manager's (with a team below it) and another one; the agent works in the team.
    const [dManager, dTeam, dOther] = [randomUUID(), randomUUID(), randomUUID()];
    await ctx.deps.db.insert(department).values([
      { orgId: org.orgId, id: dManager, name: "Teenindus" },
      { orgId: org.orgId, id: dTeam, parentId: dManager, name: "Tiim" },
      { orgId: org.orgId, id: dOther, name: "Muu" },
    ]);
    const [eAgent, eManager, eOther] = [randomUUID(), randomUUID(), randomUUID()];
    const agent = await org.as("agent");
    const manager = await org.as("manager");
    await ctx.deps.db.insert(employee).values([
      { orgId: org.orgId, id: eAgent, name: "Agent", departmentId: dTeam, userId: agent.userId },
      { orgId: org.orgId, id: eManager, name: "Juht", departmentId: dManager, userId: manager.userId },
      { orgId: org.orgId, id: eOther, name: "Keegi teine", departmentId: dOther },
    ]);
    const sendTo = async (departmentId: string, employeeId: string) => {
      const res = await ctx.app.inject({
        method: "POST",
        url: `/api/v1/surveys/${surveyId}/sends`,
        headers: asUser(org.owner),
        payload: { email: email(), tags: { departmentId, employeeId } },
      });
      assert.equal(res.statusCode, 202, res.body);
      return res.json().invitationId as string;
    };
    inv.agents = await sendTo(dTeam, eAgent);
    inv.managers = await sendTo(dManager, eManager);
    inv.elsewhere = await sendTo(dOther, eOther);
  });
  after(() => ctx.close());

  const get = (url: string, s: Session) => ctx.app.inject({ url: `/api/v1${url}`, headers: asUser(s) });
  const listed = async (s: Session) => {
    const res = await get(`/survey-invitations?surveyId=${surveyId}`, s);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().items as { id: string }[]).map((i) => i.id).sort();
  };
  const total = async (s: Session) => {
    const res = await get(`/survey-invitations/summary?surveyId=${surveyId}`, s);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().total as number;
  };
  const status = async (id: string, s: Session) => (await get(`/survey-invitations/${id}`, s)).statusCode;

  it("shows an agent only the invitations about their own service contacts", async () => {
    const agent = await org.as("agent");
    assert.deepEqual(await listed(agent), [inv.agents]);
    assert.equal(await total(agent), 1);
    assert.equal(await status(inv.agents, agent), 200);
    assert.equal(await status(inv.managers, agent), 404);
    assert.equal(await status(inv.elsewhere, agent), 404);
  });

  it("shows a manager their departments' invitations, the teams below included", async () => {
    const manager = await org.as("manager");
    assert.deepEqual(await listed(manager), [inv.agents, inv.managers].sort());
    assert.equal(await total(manager), 2);
    assert.equal(await status(inv.elsewhere, manager), 404);
  });

  it("gives a viewer the organisation's figures but no single invitation", async () => {
    const viewer = await org.as("viewer");
    assert.deepEqual(await listed(viewer), []);
    assert.equal(await total(viewer), 3);
    assert.equal(await status(inv.agents, viewer), 404);
  });

  it("shows owners and analysts everything, and nobody another organisation's", async () => {
    const all = [inv.agents, inv.managers, inv.elsewhere].sort();
    assert.deepEqual(await listed(org.owner), all);
    assert.deepEqual(await listed(await org.as("analyst")), all);
    assert.equal(await total(await org.as("analyst")), 3);
    assert.deepEqual(await listed(other.owner), []);
    assert.equal(await total(other.owner), 0);
    assert.equal(await status(inv.agents, other.owner), 404);
    assert.equal(await status(inv.agents, await other.as("agent")), 404);
  });
});
