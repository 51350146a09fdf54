/**
 * Prints how long `npm start` (the embedded database, the default) takes until `/healthz` answers: on a fresh
 * data folder and on a restart of an existing one, several runs each. Beside each, a bare-stack baseline from
 * the same run: a bare `node` process that starts Fastify with one `/healthz` route after opening PGlite on a
 * folder of the same kind (fresh or existing), and Fastify alone. Prints p50 and min, the ratios and the load
 * average, and beside the seconds the CPU seconds the child had used when /healthz first answered (Linux,
 * from /proc): on a busy machine the child waits for a core most of the time, so its CPU time shows its own
 * cost better than the seconds do. Not a test.
 *
 *   npx node bench/start.ts [runs=5]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.argv[2] ?? 5);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** A port nobody listens on right now (the child is told it, so /healthz can be polled from the start). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["DATABASE_URL", "DATA_DIR", "PORT", "PUBLIC_URL", "SMTP_URL", "NODE_OPTIONS"])
    delete env[k];
  return { ...env, ...extra };
}

interface Start {
  ms: number;
  /** CPU time (user + system, all threads) of the child when /healthz answered; NaN where /proc is missing. */
  cpuMs: number;
}

/** CPU milliseconds a process has used so far (fields 14 and 15 of /proc/<pid>/stat, in 1/100 s). */
async function cpuMsOf(pid: number | undefined): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Starts `node ...args`, polls /healthz until it answers 200, stops the child cleanly; returns the times. */
async function timeToHealthy(args: string[], extra: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ ...extra, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  try {
    for (;;) {
      if (exited) throw new Error(`the process ended before /healthz answered:\n${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) {
        const ms = performance.now() - started;
        return { ms, cpuMs: await cpuMsOf(child.pid) };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stop(child, exit);
  }
}

async function stop(child: ChildProcess, exit: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killed = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exit;
  clearTimeout(killed);
}

/** Fastify with one route, after opening PGlite on DATA_DIR/pg when DATA_DIR is set: the bare stack. */
const BARE = `
const t = [];
if (process.env.DATA_DIR) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(process.env.DATA_DIR + "/pg");
  await db.waitReady;
  t.push(db);
}
const { default: Fastify } = await import("fastify");
const app = Fastify();
app.get("/healthz", async () => ({ status: "ok" }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST });
process.once("SIGTERM", async () => { await app.close(); for (const d of t) await d.close(); process.exit(0); });
`;
const bareArgs = ["--input-type=module", "-e", BARE];

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "kaja-bench-start-"));
}

interface Case {
  name: string;
  kaja: Start[];
  bare: Start[];
}

async function fresh(): Promise<Case> {
  const c: Case = { name: "fresh data folder", kaja: [], bare: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [list, args] of [
      [c.kaja, ["src/main.ts"]],
      [c.bare, bareArgs],
    ] as const) {
      const dir = await tempDir();
      try {
        list.push(await timeToHealthy([...args], { DATA_DIR: dir }));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  return c;
}

async function restart(): Promise<Case> {
  const c: Case = { name: "restart (existing folder)", kaja: [], bare: [] };
  const kajaDir = await tempDir();
  const bareDir = await tempDir();
  try {
    await timeToHealthy(["src/main.ts"], { DATA_DIR: kajaDir });
    await timeToHealthy(bareArgs, { DATA_DIR: bareDir });
    for (let i = 0; i < RUNS; i++) {
      c.kaja.push(await timeToHealthy(["src/main.ts"], { DATA_DIR: kajaDir }));
      c.bare.push(await timeToHealthy(bareArgs, { DATA_DIR: bareDir }));
    }
  } finally {
    await rm(kajaDir, { recursive: true, force: true });
    await rm(bareDir, { recursive: true, force: true });
  }
  return c;
}

const p50 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const min = (xs: number[]) => Math.min(...xs);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const wall = (xs: Start[]) => xs.map((x) => x.ms);
const cpu = (xs: Start[]) => xs.map((x) => x.cpuMs);
const line = (xs: Start[]) =>
  `p50 ${sec(p50(wall(xs)))}, min ${sec(min(wall(xs)))}; CPU p50 ${sec(p50(cpu(xs)))}, min ${sec(min(cpu(xs)))}`;

const loadBefore = loadAverage();
const fastifyOnly: Start[] = [];
for (let i = 0; i < RUNS; i++) fastifyOnly.push(await timeToHealthy(bareArgs, {}));
const cases = [await fresh(), await restart()];
console.log(
  `npm start → /healthz, embedded database, ${RUNS} runs each (load average ${loadBefore} → ${loadAverage()})`,
);
console.log(`  bare Fastify alone: ${line(fastifyOnly)}`);
for (const c of cases) {
  console.log(`  ${c.name}:`);
  console.log(`    Kaja:                  ${line(c.kaja)}  (goal ≤ 3 s)`);
  console.log(`    bare Fastify + PGlite: ${line(c.bare)}`);
  console.log(
    `    ratio Kaja / bare (p50): ${(p50(wall(c.kaja)) / p50(wall(c.bare))).toFixed(2)}, CPU ${(p50(cpu(c.kaja)) / p50(cpu(c.bare))).toFixed(2)}`,
  );
}
