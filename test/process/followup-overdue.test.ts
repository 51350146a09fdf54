import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { department } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startSmtpSink } from "../delivery/smtp-sink.ts";
import { unique } from "../helpers/app.ts";
import { ROOT } from "../helpers/process.ts";
import { and, eq } from "drizzle-orm";

const CASES = 25;
const worker = path.join(ROOT, "test/process/followup-overdue-worker.ts");

describe("overdue alerts with two app processes", {
  skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)",
}, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`each of ${CASES} overdue cases reaches the SMTP server exactly once`, {
    timeout: 180_000,
  }, async () => {
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.close());
    const env = {
      NODE_ENV: "test",
      PUBLIC_URL: "http://localhost:3000",
      SMTP_URL: smtp.url,
      MAIL_FROM: "Kaja <kaja@kaja.example>",
      AUTH_SECRET: "overdue-test-secret-overdue-test-secret",
      LOG_LEVEL: "silent",
      DATABASE_URL: process.env.DATABASE_URL,
    };
    const deps = await createDeps(loadConfig(env));
    const slug = `overdue-${unique()}`;
    const ownerEmail = `owner-${slug}@example.test`;
    const { org } = await createOrganization(deps, { name: "Overdue test", slug, ownerEmail });
    const deptId = `d-${unique()}`;
    await deps.db.insert(department).values({ orgId: org.id, id: deptId, name: "D" });
    const { id: surveyId } = await createSurvey(deps.db, org.id, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    for (let i = 0; i < CASES; i++) {
      const { token } = await issueSentInvitation(deps.db, {
        orgId: org.id,
        surveyId,
        locale: "et",
        departmentId: deptId,
      });
      const inv = await findInvitationByToken(deps.db, token);
      assert.ok(inv);
      await answerInvitation(deps.db, inv, { score: i % 7, answers: {} }, { locale: "et" });
    }
    await deps.db
      .update(followUpCase)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(eq(followUpCase.orgId, org.id));
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
    console.log(
      `overdue alerts: ${mine.length} messages, ${new Set(ids).size} distinct Message-IDs, ${CASES} cases`,
    );
    assert.equal(mine.length, CASES, "one message per case, none repeated");
    assert.equal(new Set(ids).size, CASES);
    assert.ok(mine.every((m) => m.parsed?.subject?.includes("tähtaeg")));
    const alerted = await deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .where(and(eq(followUpCase.orgId, org.id)));
    assert.equal(alerted.length, CASES);
    await deps.database.close();
  });
});
