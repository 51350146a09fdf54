import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { and, count, eq } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { invitationDelivery, surveyInvitation } from "../../src/db/schema.ts";
import { createDeps } from "../../src/deps.ts";
import { unique } from "../helpers/app.ts";
import { nextWorkingMorning, PUBLIC_URL, seedDispatchOrg } from "../delivery/helpers.ts";
import { startSmtpSink } from "../delivery/smtp-sink.ts";

const INVITATIONS = 3000;
const KILL_AFTER = 333;
/** Messages a worker has in flight at most (dispatch concurrency). */
const CONCURRENCY = 8;
/** Workers killed: the first run, once. */
const KILLED = 1;
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), "dispatch-worker.ts");

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

describe("a dispatcher killed mid-batch", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`sends each of ${INVITATIONS} invitations once by Message-ID after a SIGKILL and a restart`, {
    // 3,000 sends on the embedded database take about a minute on a quiet 2-core machine, several under load.
    timeout: 900_000,
  }, async () => {
    const smtp = await startSmtpSink({ parse: false });
    cleanups.push(() => smtp.close());
    const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(path.join(tmpdir(), "kaja-kill-"));
    if (dataDir) cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      NODE_ENV: "test",
      PUBLIC_URL,
      SMTP_URL: smtp.url,
      AUTH_SECRET: "kill-test-secret-kill-test-secret-0123",
      LOG_LEVEL: "silent",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: dataDir! }),
    };
    const config = loadConfig(env);

    // Seed (on the embedded database the test and the worker take turns with the data folder).
    let deps = await createDeps(config);
    const { org, ids } = await seedDispatchOrg(deps, "Kill test", `kill-${unique()}`, INVITATIONS);
    await deps.mailer.close();
    await deps.database.close();

    const childEnv = {
      ...process.env,
      ...env,
      KAJA_TEST_ORG: org.id,
      KAJA_TEST_CLOCK: nextWorkingMorning().toISOString(),
      KAJA_TEST_CONCURRENCY: String(CONCURRENCY),
    };
    const run = () => {
      const child = spawn(process.execPath, [worker], {
        env: childEnv,
        stdio: ["ignore", "pipe", "inherit"],
      });
      cleanups.push(async () => child.exitCode === null && child.kill("SIGKILL"));
      return child;
    };

    // The server stops answering after KILL_AFTER messages, so the kill finds a batch claimed and messages in flight.
    smtp.sink.holdAfter = KILL_AFTER;
    const first = run();
    await until(() => smtp.sink.held > 0, 600_000, `${KILL_AFTER} messages and one in flight`);
    first.kill("SIGKILL");
    await exited(first);
    const atKill = smtp.received.length;
    smtp.sink.holdAfter = null;

    const second = run();
    let output = "";
    second.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await exited(second);
    assert.equal(code, 0, "the restarted worker finished");
    const left = Number(/found (\d+) invitations left in sending/.exec(output)?.[1]);
    assert.ok(left > 0, `the killed run left claimed invitations (${left})`);

    deps = await createDeps(config);
    let attempts: { attempts: number; n: number }[] = [];
    try {
      const states = await deps.db
        .select({ state: surveyInvitation.state, n: count() })
        .from(surveyInvitation)
        .where(and(eq(surveyInvitation.orgId, org.id)))
        .groupBy(surveyInvitation.state);
      assert.deepEqual(states, [{ state: "sent", n: INVITATIONS }]);
      attempts = await deps.db
        .select({ attempts: invitationDelivery.attempts, n: count() })
        .from(invitationDelivery)
        .where(eq(invitationDelivery.orgId, org.id))
        .groupBy(invitationDelivery.attempts)
        .orderBy(invitationDelivery.attempts);
    } finally {
      await deps.mailer.close();
      await deps.database.close();
    }

    const received = smtp.received.map((m) => m.messageId);
    const distinct = new Set(received);
    const duplicates = received.length - distinct.size;
    console.log(
      `kill test (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}): ${INVITATIONS} invitations, ` +
        `killed after ${atKill} messages with ${left} claimed; received ${received.length} messages, ` +
        `${distinct.size} distinct Message-IDs, ${duplicates} duplicates (bound: ${KILLED} killed × ${CONCURRENCY} in flight)`,
    );
    if (duplicates > 0) {
      const seen = new Map<string, number[]>();
      for (const [i, id] of received.entries()) seen.set(id, [...(seen.get(id) ?? []), i]);
      const repeated = [...seen.values()].filter((at) => at.length > 1);
      console.log(
        `attempts per invitation: ${JSON.stringify(attempts)}; repeats received at (index, first run ended at ${atKill}): ${JSON.stringify(repeated.slice(0, 20))}`,
      );
    }
    assert.equal(distinct.size, INVITATIONS);
    assert.deepEqual(distinct, new Set(ids.map((id) => `<${id}@localhost>`)));
    // The killed run's claims are taken over once each; nothing else is claimed twice.
    assert.deepEqual(
      attempts,
      [
        { attempts: 1, n: INVITATIONS - left },
        { attempts: 2, n: left },
      ],
      "claims per invitation",
    );
    // Each send is recorded as soon as the server accepts it: only messages in flight at the kill can repeat.
    assert.ok(duplicates <= KILLED * CONCURRENCY, `${duplicates} duplicates`);
  });
});
