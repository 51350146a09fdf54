import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, inArray } from "drizzle-orm";
import { outbox, response, webhookDelivery, webhookEndpoint } from "../../src/db/schema.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { alertOverdueCases } from "../../src/modules/followup/alert-overdue-cases.ts";
import { notifyCaseOwners } from "../../src/modules/followup/notify-case-owners.ts";
import { followUpCase, followUpEvent } from "../../src/modules/followup/schema.ts";
import { asUser, startTestApp, type TestContext } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

describe("follow-up jobs and events", () => {
  let ctx: TestContext;
  let a: FollowUpOrg;

  before(async () => {
    ctx = await startTestApp();
    a = await followUpOrg(ctx);
  });
  after(() => ctx.close());

  const caseOf = async (invitationId: string) => {
    const [row] = await ctx.deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .innerJoin(
        response,
        and(eq(response.orgId, followUpCase.orgId), eq(response.id, followUpCase.responseId)),
      )
      .where(and(eq(followUpCase.orgId, a.orgId), eq(response.invitationId, invitationId)));
    return row.id;
  };
  const mailsTo = async (email: string, kind: string) =>
    ctx.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.orgId, a.orgId), eq(outbox.to, email), eq(outbox.kind, kind)));

  it("registers both jobs with a schedule", () => {
    const jobs = jobDefinitions().filter((j) =>
      ["alert-overdue-cases", "notify-case-owners"].includes(j.name),
    );
    assert.equal(jobs.length, 2);
    assert.ok(jobs.every((j) => j.cron));
  });

  it("queues case.created, case.updated and case.overdue for subscribed endpoints", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: asUser(a.owner),
      payload: {
        url: "https://hooks.example.test/cases",
        events: ["case.created", "case.updated", "case.overdue"],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const endpointId = res.json().id;
    const { token, invitationId } = await a.answer(2, { email: "isik@example.test" });
    await ctx.app.inject({ method: "GET", url: `/s/${token}?score=4` });
    const id = await caseOf(invitationId);
    await ctx.deps.db
      .update(followUpCase)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.id, id)));
    await alertOverdueCases(ctx.deps, { orgId: a.orgId });
    const rows = await ctx.deps.db
      .select({ event: webhookDelivery.event, payload: webhookDelivery.payload })
      .from(webhookDelivery)
      .where(and(eq(webhookDelivery.orgId, a.orgId), eq(webhookDelivery.endpointId, endpointId)));
    const mine = rows.filter((r) => (r.payload as { data: { caseId: string } }).data.caseId === id);
    assert.deepEqual(mine.map((r) => r.event).sort(), ["case.created", "case.overdue", "case.updated"]);
    assert.ok(!JSON.stringify(mine).includes("isik@example.test"), "no contact details in webhooks");
    await ctx.deps.db.delete(webhookEndpoint).where(eq(webhookEndpoint.orgId, a.orgId));
  });

  it("mails the owner once per assignment, in their organisation's language", async () => {
    const { invitationId } = await a.answer(1);
    const id = await caseOf(invitationId);
    await Promise.all([
      notifyCaseOwners(ctx.deps, { orgId: a.orgId }),
      notifyCaseOwners(ctx.deps, { orgId: a.orgId }),
    ]);
    await notifyCaseOwners(ctx.deps, { orgId: a.orgId });
    const mails = (await mailsTo(a.manager.email, "case.assigned")).filter((m) => m.text.includes(id));
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject, /tagasiside juhtum/);
    const res = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/cases/${id}`,
      headers: asUser(a.owner),
      payload: { ownerId: a.agent.userId },
    });
    assert.equal(res.statusCode, 200);
    await notifyCaseOwners(ctx.deps, { orgId: a.orgId });
    assert.equal(
      (await mailsTo(a.agent.email, "case.assigned")).filter((m) => m.text.includes(id)).length,
      1,
    );
  });

  it("alerts the owner's manager exactly once when a case passes its deadline, even when runs overlap", async () => {
    // Owned by the agent (department B has no manager): the alert goes to the organisation's owner.
    const { invitationId } = await a.answer(0, { departmentId: a.deptB });
    const id = await caseOf(invitationId);
    await ctx.deps.db
      .update(followUpCase)
      .set({ ownerId: a.agent.userId, dueAt: new Date(Date.now() - 1000) })
      .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.id, id)));
    await Promise.all([1, 2, 3].map(() => alertOverdueCases(ctx.deps, { orgId: a.orgId })));
    await alertOverdueCases(ctx.deps, { orgId: a.orgId });
    const mails = (await mailsTo(a.owner.email, "case.overdue")).filter((m) => m.text.includes(id));
    assert.equal(mails.length, 1);
    assert.ok(mails[0].text.includes(a.agent.email), "names the owner");
    const events = await ctx.deps.db
      .select()
      .from(followUpEvent)
      .where(
        and(
          eq(followUpEvent.orgId, a.orgId),
          eq(followUpEvent.caseId, id),
          inArray(followUpEvent.kind, ["overdue"]),
        ),
      );
    assert.equal(events.length, 1);
    const [c] = await ctx.deps.db
      .select()
      .from(followUpCase)
      .where(and(eq(followUpCase.orgId, a.orgId), eq(followUpCase.id, id)));
    assert.ok(c.overdueAlertedAt);
  });
});
