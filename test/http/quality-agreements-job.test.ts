import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { outbox } from "../../src/db/schema.ts";
import { jobDefinitions } from "../../src/jobs/definitions.ts";
import { remindAgreements } from "../../src/modules/quality/remind-agreements.ts";
import { qualityAgreement } from "../../src/modules/quality/schema.ts";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { type QualityOrg, qualityOrg } from "./quality-fixtures.ts";

describe("agreement reminders job", () => {
  let ctx: TestContext;
  let a: QualityOrg;

  it("is a scheduled job", async () => {
    const job = jobDefinitions().find((j) => j.name === "remind-quality-agreements");
    assert.ok(job?.cron);
  });

  it("reminds the responsible person exactly once within the lead time, and marks a passed deadline missed", async () => {
    ctx = await startTestApp();
    a = await qualityOrg(ctx, "Amet A");
    const { versionId } = await a.activeModel();
    const created = await a.call("POST", "/api/v1/quality/evaluations", a.manager, {
      employeeId: a.agentEmployee,
      modelVersionId: versionId,
      contact: { kind: "reference", reference: "K-9", date: "2026-11-02" },
    });
    const id = created.json().id;
    const scores = created
      .json()
      .definition.sections.flatMap((s: { criteria: { key: string; max: number }[] }) =>
        s.criteria.map((c) => ({ criterionKey: c.key, value: c.max })),
      );
    await a.call("PUT", `/api/v1/quality/evaluations/${id}/scores`, a.manager, { scores });
    await a.call("POST", `/api/v1/quality/evaluations/${id}/submit`, a.manager);
    const add = async (deadline: string, text: string) => {
      const res = await a.call("POST", `/api/v1/quality/evaluations/${id}/agreements`, a.manager, {
        text,
        responsibleUserId: a.agent.userId,
        deadline,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    // "Now" is 2026-12-10 12:00 in Tallinn; the default lead time is 3 days.
    const soon = await add("2026-12-12", "Tervita nimega");
    const later = await add("2026-12-31", "Kuula lõpuni");
    const passed = await add("2026-12-09", "Kokkuvõte lõpus");
    const now = new Date("2026-12-10T10:00:00Z");
    await Promise.all([1, 2, 3].map(() => remindAgreements(ctx.deps, { now, orgId: a.orgId })));
    await remindAgreements(ctx.deps, { now, orgId: a.orgId });
    const mails = await ctx.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.to, a.agent.email), eq(outbox.kind, "quality.agreementReminder")));
    assert.equal(mails.length, 1);
    assert.match(mails[0].text, /Tervita nimega/);
    assert.match(mails[0].subject, /2026-12-12/);
    const states = await ctx.deps.db
      .select({
        id: qualityAgreement.id,
        state: qualityAgreement.state,
        sent: qualityAgreement.reminderSentAt,
      })
      .from(qualityAgreement)
      .where(eq(qualityAgreement.orgId, a.orgId));
    const byId = new Map(states.map((s) => [s.id, s]));
    assert.equal(byId.get(soon)?.state, "open");
    assert.ok(byId.get(soon)?.sent);
    assert.equal(byId.get(later)?.sent, null);
    assert.equal(byId.get(passed)?.state, "missed");
    const list = await a.call("GET", "/api/v1/quality/agreements?state=missed", a.manager);
    assert.deepEqual(
      list.json().items.map((x: { id: string }) => x.id),
      [passed],
    );
  });
});
