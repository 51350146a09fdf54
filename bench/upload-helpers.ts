/**
 * What the upload benchmarks share: the file written to disk a line at a time (never held whole), posted over
 * real HTTP as a stream, the server's peak memory and CPU during that one request, and a plain PostgreSQL COPY of
 * the same file as the bare-stack baseline; and the server itself with the dry-run-then-real-run loop. On
 * PostgreSQL the server is `npm start`'s process (`node` with the Node flags of package.json's start script, jobs included), a
 * child of the bench, so that its memory and CPU are the server's alone, not the bench's HTTP client's too;
 * BENCH_SERVER=inline runs the app in the bench's own process (as PGlite always does: one process owns its folder).
 * BENCH_NODE_FLAGS replaces the child's Node flags (default: those of `npm start`);
 * BENCH_SERVER_LOG names a file that receives the child's standard output (e.g. with `--trace-gc`).
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { loadAverage } from "./process-cpu.ts";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";

/** Writes `rows` lines (after the header) to `file`, waiting for the disk when its buffer is full. */
export async function writeCsv(file: string, header: string, rows: number, line: (i: number) => string) {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${line(i)}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  out.end();
  await finished(out);
  return (await stat(file)).size;
}

/** A field of /proc/<pid>/status in MB (VmHWM: peak resident memory since the last reset; VmRSS: now). */
function statusMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Math.round(Number(m[1]) / 1024);
}

/** Resets the server's peak (Linux: writing 5 to clear_refs); also samples VmRSS, in case the reset is not allowed. */
function startPeak(pid: number): () => number {
  let sampled = statusMb(pid, "VmRSS");
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    reset = false;
  }
  const timer = reset
    ? undefined
    : setInterval(() => {
        sampled = Math.max(sampled, statusMb(pid, "VmRSS"));
      }, 50);
  return () => {
    clearInterval(timer);
    return reset ? statusMb(pid, "VmHWM") : sampled;
  };
}

/** CPU time (user + system, in seconds) of a process from /proc/<pid>/stat (fields 14 and 15, USER_HZ 100). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface TPosted {
  status: number;
  body: string;
  seconds: number;
  /** CPU time of the server process (user + system) during the request, in seconds. */
  cpuSeconds: number;
  peakMb: number;
  /** RSS of the server process just before the request (in the bench's process: after a collection when --expose-gc), in MB. */
  beforeMb: number;
  /** In the bench's process only: highest JavaScript heap in use and highest memory outside it, sampled every 50 ms. */
  heapMb?: number;
  externalMb?: number;
}

/**
 * The file as a request body read a chunk at a time, only when the request asks for more. (Readable.toWeb of a
 * file stream read the whole file ahead into the body's queue, where it stayed until the response came: the
 * file's size was counted in the peak RSS of every upload measured before.)
 */
async function fileBody(file: string): Promise<ReadableStream<Uint8Array>> {
  const handle = await open(file, "r");
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = Buffer.allocUnsafe(256 * 1024);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) {
          controller.close();
          await handle.close();
        } else controller.enqueue(chunk.subarray(0, bytesRead));
      },
      async cancel() {
        await handle.close();
      },
    },
    { highWaterMark: 1 },
  );
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

/** Samples process.memoryUsage() until stopped: the highest heapUsed and external seen. */
function sampleMemory(): () => { heapMb: number; externalMb: number } {
  let heap = 0;
  let external = 0;
  const take = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    external = Math.max(external, m.external);
  };
  take();
  const timer = setInterval(take, 50);
  return () => {
    clearInterval(timer);
    take();
    return { heapMb: mb(heap), externalMb: mb(external) };
  };
}

/**
 * POSTs a file as a streamed request body and measures the time and the server process's peak RSS meanwhile, with
 * its RSS just before (what the process holds anyway: code, the database driver, what earlier work left committed).
 */
export async function postFile(
  url: string,
  headers: Record<string, string>,
  file: string,
  pid = process.pid,
): Promise<TPosted> {
  const inline = pid === process.pid;
  if (inline) global.gc?.();
  const beforeMb = statusMb(pid, "VmRSS");
  const sampled = inline ? sampleMemory() : () => ({});
  const stop = startPeak(pid);
  const cpu = processCpuSeconds(pid);
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { ...headers, "content-length": String((await stat(file)).size) },
    body: await fileBody(file),
    duplex: "half",
  } as RequestInit);
  const body = await res.text();
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = processCpuSeconds(pid) - cpu;
  const peakMb = stop();
  return { status: res.status, body, seconds, cpuSeconds, peakMb, beforeMb, ...sampled() };
}

/** A plain COPY of the same CSV file into an unlogged table of the same width: the bare-stack floor. */
export async function copyBaseline(url: string, file: string, columns: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = `bench_copy_${process.pid}`;
    await client.query(`create unlogged table ${table} (${columns.map((c) => `"${c}" text`).join(", ")})`);
    try {
      const started = performance.now();
      const copy = client.query(copyFrom(`copy ${table} from stdin with (format csv, header true)`));
      createReadStream(file).pipe(copy);
      await finished(copy);
      return (performance.now() - started) / 1000;
    } finally {
      await client.query(`drop table ${table}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * CPU time (user + system, in seconds) of the database's server processes serving `url`'s database, read from
 * /proc: a function that reads it now and returns another that gives the time used since. Null when the database
 * is not on this machine (or /proc is not readable).
 */
export async function databaseCpu(url: string): Promise<(() => Promise<number | null>) | null> {
  const ticksOf = (pid: number): number | null => {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat (counted after the command in parentheses): utime and stime.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backends = async () => {
    const { rows } = await client.query<{ pid: number; own: boolean }>(
      "select pid, pid = pg_backend_pid() as own from pg_stat_activity where datname = current_database()",
    );
    if (!rows.some((r) => r.own && ticksOf(r.pid) !== null)) return null;
    const ticks = new Map<number, number>();
    for (const r of rows) if (!r.own) ticks.set(r.pid, ticksOf(r.pid) ?? 0);
    return ticks;
  };
  const before = await backends();
  if (!before) {
    await client.end();
    return null;
  }
  return async () => {
    const after = (await backends()) ?? new Map<number, number>();
    await client.end();
    let used = 0;
    // A process that started during the request counts whole; one that ended during it is not seen.
    for (const [pid, t] of after) used += t - (before.get(pid) ?? 0);
    // USER_HZ is 100 on Linux.
    return used / 100;
  };
}

/** The load average as the benches print it. */
export const load = loadAverage;

/**
 * The app listening on a free local port, on PostgreSQL (`databaseUrl`) or PGlite in a data folder on disk; `deps`
 * are the bench's own (for setting up), `pid` the process that serves the requests.
 */
export interface TBenchServer {
  deps: Awaited<ReturnType<typeof createDeps>>;
  base: string;
  pid: number;
  close(): Promise<void>;
}

export async function startBenchServer(databaseUrl: string | undefined): Promise<TBenchServer> {
  if (databaseUrl && process.env.BENCH_SERVER !== "inline") return startChildServer(databaseUrl);
  // PGlite as deployed: a data folder on disk (its in-memory mode slows down as the database grows).
  const dataDir = databaseUrl ? undefined : await mkdtemp(path.join(tmpdir(), "kaja-bench-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
  });
  const deps = await createDeps(config, { inMemory: Boolean(databaseUrl), signInPerMinute: 10_000 });
  const app = await buildApp(deps, { apiRateLimit: 1_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    deps,
    base,
    pid: process.pid,
    async close() {
      await app.close();
      await deps.database.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Node flags of `npm start` (package.json's start script), so that the bench's server runs as deployed. */
function startFlags(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  return scripts.start.split(" ").filter((a) => a.startsWith("--"));
}

/** `npm start`'s process on PostgreSQL, started from the repository root; resolves once it listens. */
async function startChildServer(databaseUrl: string): Promise<TBenchServer> {
  const root = path.resolve(import.meta.dirname, "..");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1" };
  for (const k of ["DATA_DIR", "PUBLIC_URL", "NODE_OPTIONS"]) delete env[k];
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_FLAGS?.split(" ") ?? startFlags(root)), "src/main.ts"],
    {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  const log = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG) : null;
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      log?.write(d);
      if (out.length > 100_000) return;
      out += d;
      const m = /listening on (http:\/\/[^\s,)]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });
  const deps = await createDeps(
    loadConfig({ NODE_ENV: "test", DATABASE_URL: databaseUrl, PUBLIC_URL: base, LOG_LEVEL: "silent" }),
    { inMemory: true },
  );
  return {
    deps,
    base,
    pid: child.pid as number,
    async close() {
      await deps.database.close();
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
    },
  };
}

/**
 * The dry run, then the real run: POSTs the file to `url(dryRun)` and prints, for each, the time, rows per second,
 * the RSS before and the peak RSS (with the highest heap and external memory sampled), the ratio to the COPY baseline (when there is one), `describe(report)` and the load average.
 */
export async function postDryThenReal<T extends { rows: number }>(
  url: (dryRun: boolean) => string,
  headers: Record<string, string>,
  file: string,
  copy: number | null,
  describe: (report: T, res: TPosted) => string,
  databaseUrl?: string,
  pid = process.pid,
): Promise<void> {
  for (const dryRun of [true, false]) {
    const dbCpu = databaseUrl ? await databaseCpu(databaseUrl) : null;
    const res = await postFile(url(dryRun), headers, file, pid);
    const dbSeconds = dbCpu ? await dbCpu() : null;
    if (res.status !== 200) throw new Error(`${res.status} ${res.body.slice(0, 500)}`);
    const report = JSON.parse(res.body) as T;
    const ratio = copy ? `; ${(res.seconds / copy).toFixed(1)}× the COPY` : "";
    console.log(
      `  ${dryRun ? "dry run " : "real run"}  ${res.seconds.toFixed(1)} s  ${Math.round(report.rows / res.seconds)} rows/s  ` +
        `CPU ${res.cpuSeconds.toFixed(1)} s server process${dbSeconds === null ? "" : ` + ${dbSeconds.toFixed(1)} s database`}  ` +
        `RSS ${res.beforeMb} MB before, peak ${res.peakMb} MB${res.heapMb === undefined ? " (npm start's process)" : ` (bench's process; heap ≤ ${res.heapMb} MB, external ≤ ${res.externalMb} MB)`}${ratio}  (${describe(report, res)}; load ${load()})`,
    );
  }
}

/** The contact-record file of the KPI upload benches: its header and a line per row. */
export const CONTACT_RECORD_HEADER =
  "sourceId,kind,queueId,arrivedAt,answeredAt,abandonedAt,endedAt,employeeId,serviceId,resolvedAtFirstContact,callerReference";

/**
 * Row `i` of that file: calls over the 30 days from `start`; 80 % answered, 20 % abandoned; a quarter of the
 * answered ones flagged for first-contact resolution; a caller on a tenth.
 */
export function contactRecordLine(
  i: number,
  o: { idPrefix: string; start: number; queues: string[]; employees: string[]; services: string[] },
): string {
  const arrived = o.start + ((i * 2_591) % (30 * 86_400_000));
  const wait = (i % 120) * 1000;
  const answered = i % 5 !== 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    `${o.idPrefix}-${i}`,
    "call",
    o.queues[i % o.queues.length],
    iso(arrived),
    answered ? iso(arrived + wait) : "",
    answered ? "" : iso(arrived + wait),
    answered ? iso(arrived + wait + 180_000) : "",
    answered ? o.employees[i % o.employees.length] : "",
    o.services[i % o.services.length],
    answered && i % 4 === 0 ? (i % 3 === 0 ? "false" : "true") : "",
    i % 10 === 0 ? `+372 5${String(i % 50_000).padStart(6, "0")}` : "",
  ].join(",");
}
