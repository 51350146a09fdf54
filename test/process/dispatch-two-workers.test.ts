import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { and, count, eq } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { surveyInvitation } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { unique } from "../helpers/app.ts";
import { nextWorkingMorning, PUBLIC_URL, seedDispatchOrg } from "../delivery/helpers.ts";
import { startSmtpSink } from "../delivery/smtp-sink.ts";

const INVITATIONS = 2000;
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), "dispatch-worker.ts");

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

// Two processes on one database: only PostgreSQL allows that (the embedded database is locked to one process).
describe("two dispatcher processes at once", { skip: !process.env.DATABASE_URL }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`send each of ${INVITATIONS} invitations exactly once, several batches in flight each`, {
    timeout: 600_000,
  }, async () => {
    const smtp = await startSmtpSink({ parse: false });
    cleanups.push(() => smtp.close());
    const env: Record<string, string> = {
      NODE_ENV: "test",
      PUBLIC_URL,
      SMTP_URL: smtp.url,
      AUTH_SECRET: "two-workers-secret-two-workers-secret-01",
      LOG_LEVEL: "silent",
      DATABASE_URL: process.env.DATABASE_URL!,
    };
    const config = loadConfig(env);
    const deps = await createDeps(config);
    cleanups.push(async () => {
      await deps.mailer.close();
      await deps.database.close();
    });
    const { org, ids } = await seedDispatchOrg(deps, "Two workers", `two-${unique()}`, INVITATIONS);

    const childEnv = {
      ...process.env,
      ...env,
      KAJA_TEST_ORG: org.id,
      KAJA_TEST_CLOCK: nextWorkingMorning().toISOString(),
      KAJA_TEST_CONCURRENCY: "10",
    };
    const outputs = ["", ""];
    const workers = outputs.map((_, n) => {
      const child = spawn(process.execPath, [worker], {
        env: childEnv,
        stdio: ["ignore", "pipe", "inherit"],
      });
      child.stdout?.on("data", (chunk: Buffer) => {
        outputs[n] += chunk.toString();
      });
      cleanups.push(async () => child.exitCode === null && child.kill("SIGKILL"));
      return child;
    });
    assert.deepEqual(await Promise.all(workers.map(exited)), [0, 0], "both workers finished");

    const states = await deps.db
      .select({ state: surveyInvitation.state, n: count() })
      .from(surveyInvitation)
      .where(and(eq(surveyInvitation.orgId, org.id)))
      .groupBy(surveyInvitation.state);
    assert.deepEqual(states, [{ state: "sent", n: INVITATIONS }]);
    const received = smtp.received.map((m) => m.messageId);
    console.log(
      `two workers: received ${received.length} messages, ${new Set(received).size} distinct Message-IDs`,
    );
    // Nobody crashed, so no claim lapsed: every invitation went exactly once.
    assert.equal(received.length, INVITATIONS);
    assert.deepEqual(new Set(received), new Set(ids.map((id) => `<${id}@localhost>`)));
  });
});
