import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { loadConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { startSmtpSink } from "../delivery/smtp-sink.ts";
import { ROOT } from "../helpers/process.ts";

/** Closers an `after()` hook runs in reverse order. */
export type TCleanups = (() => Promise<unknown>)[];

/**
 * What a "job with two app processes" test needs: a real SMTP server, the settings its worker processes start
 * with, and the test's own dependencies on the same PostgreSQL database (for setting up and checking).
 */
export async function startJobHarness(cleanups: TCleanups) {
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.close());
  const env = {
    NODE_ENV: "test",
    PUBLIC_URL: "http://localhost:3000",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Kaja <kaja@kaja.example>",
    AUTH_SECRET: "job-harness-test-secret-job-harness-test-secret",
    LOG_LEVEL: "silent",
    DATABASE_URL: process.env.DATABASE_URL,
  };
  const deps = await createDeps(loadConfig(env));
  return { smtp, env, deps };
}

/**
 * Starts two processes of `test/process/<worker>` at once with `env` and KAJA_TEST_ORG, waits for both to end and
 * asserts that each exited cleanly (its output is the assertion's message).
 */
export async function runTwoWorkers(
  worker: string,
  env: Record<string, string | undefined>,
  orgId: string,
  cleanups: TCleanups,
): Promise<void> {
  const run = () => {
    const child = spawn(process.execPath, [path.join(ROOT, "test/process", worker)], {
      env: { ...process.env, ...env, KAJA_TEST_ORG: orgId },
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
}
