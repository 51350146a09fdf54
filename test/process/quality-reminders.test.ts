import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { and, eq, isNotNull } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { department, employee } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { createAgreement } from "../../src/modules/quality/agreements.ts";
import { saveScores, submitEvaluation } from "../../src/modules/quality/evaluation-flow.ts";
import { createEvaluation } from "../../src/modules/quality/evaluations.ts";
import { activateVersion, createModel } from "../../src/modules/quality/models.ts";
import { qualityAgreement, qualityModelVersion } from "../../src/modules/quality/schema.ts";
import { startSmtpSink } from "../delivery/smtp-sink.ts";
import { unique } from "../helpers/app.ts";
import { ROOT } from "../helpers/process.ts";

const AGREEMENTS = 24;
const worker = path.join(ROOT, "test/process/quality-reminders-worker.ts");

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
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.close());
    const env = {
      NODE_ENV: "test",
      PUBLIC_URL: "http://localhost:3000",
      SMTP_URL: smtp.url,
      MAIL_FROM: "Kaja <kaja@kaja.example>",
      AUTH_SECRET: "reminder-test-secret-reminder-test-secret",
      LOG_LEVEL: "silent",
      DATABASE_URL: process.env.DATABASE_URL,
    };
    const deps = await createDeps(loadConfig(env));
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

    const run = () => {
      const child = spawn(process.execPath, [worker], {
        env: { ...process.env, ...env, KAJA_TEST_ORG: org.id },
        stdio: ["ignore", "pipe", "inherit"],
      });
      cleanups.push(async () => child.exitCode === null && child.kill("SIGKILL"));
      let out = "";
      child.stdout?.on("data", (d) => {
        out += d;
      });
      return new Promise<{ code: number | null; out: string }>((resolve) =>
        child.once("close", (code) => resolve({ code, out })),
      );
    };
    const [one, two] = await Promise.all([run(), run()]);
    assert.equal(one.code, 0, one.out);
    assert.equal(two.code, 0, two.out);

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
