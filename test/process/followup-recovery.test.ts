import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { contact } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { followUpCase, followUpRule } from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { startSmtpSink } from "../delivery/smtp-sink.ts";
import { unique } from "../helpers/app.ts";
import { ROOT } from "../helpers/process.ts";

const CASES = 20;
const worker = path.join(ROOT, "test/process/followup-recovery-worker.ts");

describe("recovery questions with two app processes", {
  skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)",
}, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`each of ${CASES} respondents gets the question exactly once`, { timeout: 180_000 }, async () => {
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.close());
    const env = {
      NODE_ENV: "test",
      PUBLIC_URL: "http://localhost:3000",
      SMTP_URL: smtp.url,
      MAIL_FROM: "Kaja <kaja@kaja.example>",
      AUTH_SECRET: "recovery-test-secret-recovery-test-secret",
      LOG_LEVEL: "silent",
      DATABASE_URL: process.env.DATABASE_URL,
    };
    const deps = await createDeps(loadConfig(env));
    const slug = `recovery-${unique()}`;
    const { org } = await createOrganization(deps, {
      name: "Recovery test",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    await deps.db.insert(followUpRule).values({ orgId: org.id, recoveryQuestion: true });
    const { id: surveyId } = await createSurvey(deps.db, org.id, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    for (let i = 0; i < CASES; i++) {
      const contactId = randomUUID();
      await deps.db
        .insert(contact)
        .values({ orgId: org.id, id: contactId, email: `r${i}-${slug}@example.test` });
      const { token } = await issueSentInvitation(deps.db, {
        orgId: org.id,
        surveyId,
        locale: "et",
        contactId,
      });
      const inv = await findInvitationByToken(deps.db, token);
      assert.ok(inv);
      await answerInvitation(
        deps.db,
        inv,
        { score: i % 7, answers: {} },
        { locale: "et", consent: { contact: "email" } },
      );
    }
    const resolvedAt = new Date(Date.now() - 4 * 86_400_000);
    await deps.db
      .update(followUpCase)
      .set({ state: "resolved", resolution: "explained", resolvedAt })
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

    const mine = smtp.received.filter((m) => m.to.some((to) => to.endsWith(`-${slug}@example.test`)));
    assert.equal(mine.length, CASES, "one message per case, none repeated");
    assert.equal(new Set(mine.map((m) => m.to[0])).size, CASES);
    assert.ok(mine.every((m) => m.parsed?.subject?.includes("kas meie kõne aitas")));
    await deps.database.close();
  });
});
