import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Children, childEnv, collect, type RunResult, stop, waitForOutput } from "../helpers/process.ts";

// The embedded database admits one process per data folder (PostgreSQL is not involved here).
// Only the embedded database has a data folder to lock; the PostgreSQL lane skips it.
describe("one process per embedded data folder", {
  skip: !!process.env.DATABASE_URL && "embedded database only",
}, () => {
  const children = new Children();
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let first: ChildProcess;
  let firstDone: Promise<RunResult>;
  let address: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kaja-lock-"));
    env = childEnv({ DATA_DIR: dir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" });
  });
  after(async () => {
    await children.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it("starts the first server and it answers /healthz", async () => {
    first = children.launch("src/main.ts", [], env);
    const running = waitForOutput(first, /Kaja is running at .* \(listening on (http:\/\/\S+?),/);
    firstDone = collect(first);
    address = (await running)[1];
    const res = await fetch(`${address}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
    assert.ok(existsSync(path.join(dir, "kaja.lock")), "the lock is taken");
  });

  it("refuses a second server on the same folder: non-zero exit, saying the folder is in use", async () => {
    assert.ok(address, "the first server runs");
    const second = await children.run("src/main.ts", [], env);
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /data folder .* is in use by another Kaja process/);
    assert.doesNotMatch(second.stdout, /Kaja is running/);
  });

  it("leaves the first server running", async () => {
    assert.ok(address, "the first server runs");
    const res = await fetch(`${address}/healthz`);
    assert.equal(res.status, 200);
    const ready = await fetch(`${address}/readyz`);
    assert.equal((await ready.json()).database, "pglite");
  });

  it("stops the first server cleanly on SIGTERM and releases the folder", async () => {
    assert.ok(address, "the first server runs");
    assert.equal(await stop(first, "SIGTERM"), 0);
    await firstDone;
    assert.ok(!existsSync(path.join(dir, "kaja.lock")), "the lock is released");
    const cli = await children.run("src/cli.ts", ["migrate"], env);
    assert.equal(cli.code, 0, `the folder can be opened again: ${cli.stderr}`);
  });
});
