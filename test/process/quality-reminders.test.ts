import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { and, eq, isNotNull } from "drizzle-orm";
import { department, employee } from "../../src/db/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { createAgreement } from "../../src/modules/quality/agreements.ts";
import { saveScores, submitEvaluation } from "../../src/modules/quality/evaluation-flow.ts";
import { createEvaluation } from "../../src/modules/quality/evaluations.ts";
import { activateVersion, createModel } from "../../src/modules/quality/models.ts";
import { qualityAgreement, qualityModelVersion } from "../../src/modules/quality/schema.ts";
import { unique } from "../helpers/app.ts";
import { runTwoWorkers, startJobHarness } from "./two-workers.ts";

const AGREEMENTS = 24;

describe("agreement reminders with two app processes", {
  skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)",
}, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`each of ${AGREEMENTS} agreements due soon is reminded by e-mail exactly once`, {
    timeout: 180_000,
  }, async () => {
    const { smtp, env, deps } = await startJobHarness(cleanups);
    const slug = `agreements-${unique()}`;
    const ownerEmail = `owner-${slug}@example.test`;
    const { org, owner } = await createOrganization(deps, { name: "Reminder test", slug, ownerEmail });
    const actor = {
      kind: "user" as const,
      userId: owner.id,
      orgId: org.id,
      role: "owner" as const,
      sessionId: "t",
    };
    const deptId = `d-${unique()}`;
    const employeeId = `e-${unique()}`;
    await deps.db.insert(department).values({ orgId: org.id, id: deptId, name: "D" });
    await deps.db
      .insert(employee)
      .values({ orgId: org.id, id: employeeId, name: "Agent", departmentId: deptId });
    const modelId = await createModel(deps.db, org.id, { name: "Kõne", templateKey: "ska_phone" });
    await activateVersion(deps.db, org.id, modelId, 1);
    const [version] = await deps.db
      .select()
      .from(qualityModelVersion)
      .where(and(eq(qualityModelVersion.orgId, org.id), eq(qualityModelVersion.modelId, modelId)));
    const today = new Date().toISOString().slice(0, 10);
    const evaluationId = await createEvaluation(deps.db, actor, {
      employeeId,
      modelVersionId: version.id,
      contact: { kind: "reference", reference: "K-1", date: today },
    });
    const scores = version.definition.sections.flatMap((s) =>
      s.criteria.map((c) => ({ criterionKey: c.key, value: c.max, notApplicable: false })),
    );
    await saveScores(deps.db, actor, evaluationId, { scores });
    await submitEvaluation(deps.db, actor, evaluationId);
    // Deadlines tomorrow: within the default three-day lead time in any time zone.
    const tomorrow = new Date(Date.now() + 36 * 3_600_000).toISOString().slice(0, 10);
    for (let i = 0; i < AGREEMENTS; i++)
      await createAgreement(deps.db, actor, evaluationId, {
        text: `Kokkulepe ${i + 1}`,
        responsibleUserId: owner.id,
        deadline: tomorrow,
      });
    await deps.mailer.close();

    await runTwoWorkers("quality-reminders-worker.ts", env, org.id, cleanups);

    const mine = smtp.received.filter((m) => m.to.includes(ownerEmail));
    const ids = mine.map((m) => m.messageId);
    console.log(`agreement reminders: ${mine.length} messages, ${new Set(ids).size} distinct Message-IDs`);
    assert.equal(mine.length, AGREEMENTS, "one message per agreement, none repeated");
    assert.equal(new Set(ids).size, AGREEMENTS);
    const sent = await deps.db
      .select({ id: qualityAgreement.id })
      .from(qualityAgreement)
      .where(and(eq(qualityAgreement.orgId, org.id), isNotNull(qualityAgreement.reminderSentAt)));
    assert.equal(sent.length, AGREEMENTS);
    await deps.database.close();
  });
});
