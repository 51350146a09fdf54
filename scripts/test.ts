// The test runner behind `npm test`: runs the suite in lanes, several at a time, and prints each lane's
// output whole (never interleaved), its duration, and one closing line with the totals.
//
//   npm test                          all lanes on the embedded database (+ browser lane if Chromium is there)
//   TEST_DATABASE_URL=postgres://… npm test
//                                     also the PostgreSQL lanes (the database is emptied first; a second
//                                     database "<name>_process" is created for the process lane)
//   npm test -- test/http/x.test.ts   only these files, in one process, on the embedded database
//   TEST_LANES=embedded,postgres npm test   only the named lanes
//   TEST_JOBS=2 npm test              lanes at a time (default 3)
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const IN_PROCESS = [
  "test/*.test.ts",
  "test/unit/**/*.test.ts",
  "test/http/**/*.test.ts",
  "test/delivery/**/*.test.ts",
  "src/**/*.test.ts",
];
const PROCESS = ["test/process/**/*.test.ts"];
const BROWSER_DIR = "test/browser";

/**
 * What each browser file costs: its own tests' seconds in a browser lane (the shared server and browser not
 * counted), measured with both browser lanes running at a load average of about 17. Only the proportions matter:
 * they balance the two browser lanes. A file missing here counts as an average one; add it once measured (the
 * spec reporter prints each file's time).
 */
const BROWSER_WEIGHTS: Record<string, number> = {
  "answer-page": 186,
  dashboard: 98,
  "follow-up-rule": 32,
  followup: 109,
  foundation: 89,
  group: 73,
  kpi: 38,
  "kpi-queues": 33,
  "manager-comments": 140,
  "manager-month": 94,
  "manager-month-b": 100,
  privacy: 37,
  "quality-calibration": 90,
  quality: 122,
  sso: 31,
  themes: 36,
  "two-factor": 29,
};

/** The browser test files in two halves of about equal weight (heaviest first, each to the lighter half). */
function browserHalves(): string[][] {
  const files = readdirSync(path.join(root, BROWSER_DIR))
    .filter((f) => f.endsWith(".browser.ts"))
    .sort();
  const known = Object.values(BROWSER_WEIGHTS);
  const average = known.reduce((a, b) => a + b, 0) / Math.max(known.length, 1) || 1;
  const weight = (f: string) => BROWSER_WEIGHTS[f.replace(/\.browser\.ts$/, "")] ?? average;
  const halves: { files: string[]; weight: number }[] = [
    { files: [], weight: 0 },
    { files: [], weight: 0 },
  ];
  for (const f of [...files].sort((a, b) => weight(b) - weight(a))) {
    const lighter = halves[0].weight <= halves[1].weight ? halves[0] : halves[1];
    lighter.files.push(`${BROWSER_DIR}/${f}`);
    lighter.weight += weight(f);
  }
  return halves.map((h) => h.files);
}
const TIMEOUT = ["--test-timeout=300000", "--test-reporter=spec"];

interface Lane {
  name: string;
  /** Arguments of `node --test`. */
  args: string[];
  env: Record<string, string | undefined>;
  /** Expected seconds (a quiet CI run's), longest started first. */
  weight: number;
}

interface LaneResult {
  lane: Lane;
  code: number | null;
  seconds: number;
  pass: number;
  fail: number;
  skipped: number;
  output: string;
}

/** In-process files share one app per process (test/helpers/app.ts); process tests spawn their own servers. */
function lanesFor(testDbUrl: string | undefined, processDbUrl: string | undefined, files: string[]): Lane[] {
  const embedded: Lane["env"] = { DATABASE_URL: undefined };
  if (files.length > 0) {
    const lanes = [{ name: "files", args: ["--test-isolation=none", ...files], env: embedded, weight: 1 }];
    if (testDbUrl)
      lanes.push({
        name: "files-postgres",
        args: ["--test-isolation=none", ...files],
        env: { DATABASE_URL: testDbUrl },
        weight: 1,
      });
    return lanes;
  }
  // Weights are a quiet CI run's seconds, so the longest lanes go first (with two at a time, the PostgreSQL lane
  // takes the slot of the first browser lane to end, and the shortest, the embedded process lane, comes last).
  const lanes: Lane[] = [
    { name: "embedded", args: ["--test-isolation=none", ...IN_PROCESS], env: embedded, weight: 205 },
    { name: "process", args: ["--test-concurrency=2", ...PROCESS], env: embedded, weight: 120 },
  ];
  if (testDbUrl && processDbUrl) {
    lanes.push({
      name: "postgres",
      args: ["--test-isolation=none", ...IN_PROCESS],
      env: { DATABASE_URL: testDbUrl },
      weight: 145,
    });
    lanes.push({
      name: "process-postgres",
      args: ["--test-concurrency=2", ...PROCESS],
      env: { DATABASE_URL: processDbUrl },
      weight: 130,
    });
  }
  // The browser files run in two lanes side by side, started first: together they are the longest part of the
  // suite. Each lane runs its files one at a time in one process, so they share one server and one Chromium
  // (test/browser/helpers.ts) instead of starting their own.
  if (existsSync("/usr/bin/chromium")) {
    const [a, b] = browserHalves();
    for (const [name, half] of [
      ["browser-a", a],
      ["browser-b", b],
    ] as const)
      lanes.push({ name, args: ["--test-isolation=none", ...half], env: embedded, weight: 280 });
  } else if (process.env.CI) throw new Error("CI: /usr/bin/chromium is missing, the browser lane cannot run");
  else console.log("browser lane skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
  const only = process.env.TEST_LANES?.split(",").map((s) => s.trim());
  const named = (l: Lane) =>
    only?.includes(l.name) || (l.name.startsWith("browser-") && only?.includes("browser"));
  return only ? lanes.filter(named) : lanes;
}

/** Empties a PostgreSQL database (creating it first when missing) so migrations run from scratch. */
async function resetDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const server = new pg.Client({ connectionString: admin.toString() });
  await server.connect();
  try {
    const { rows } = await server.query("select 1 from pg_database where datname = $1", [name]);
    if (rows.length === 0) await server.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await server.end();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      "drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; drop schema public cascade; create schema public;",
    );
  } finally {
    await client.end();
  }
}

/** The closing counts of node's spec reporter (`ℹ pass 12`). */
function count(output: string, label: string): number {
  const m = new RegExp(`^ℹ ${label} (\\d+)$`, "m").exec(output);
  return m ? Number(m[1]) : 0;
}

async function runLane(lane: Lane): Promise<LaneResult> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(lane.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, ["--test", ...TIMEOUT, ...lane.args], { cwd: root, env });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  return {
    lane,
    code,
    seconds,
    pass: count(output, "pass"),
    fail: count(output, "fail") + count(output, "cancelled"),
    skipped: count(output, "skipped"),
    output,
  };
}

/** Runs lanes `jobs` at a time, heaviest first; prints each lane's output as it finishes. */
async function runAll(lanes: Lane[], jobs: number): Promise<LaneResult[]> {
  const queue = [...lanes].sort((a, b) => b.weight - a.weight);
  const results: LaneResult[] = [];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      console.log(`lane ${lane.name}: started`);
      const r = await runLane(lane);
      console.log(
        `\n===== lane ${lane.name} (${r.seconds.toFixed(1)} s, exit ${r.code}) =====\n${r.output.trimEnd()}\n`,
      );
      results.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, lanes.length) }, worker));
  return results;
}

const started = performance.now();
const files = process.argv.slice(2);
const testDbUrl = process.env.TEST_DATABASE_URL;
let processDbUrl: string | undefined;
if (testDbUrl) {
  const u = new URL(testDbUrl);
  u.pathname = `${u.pathname}_process`;
  processDbUrl = u.toString();
  await resetDatabase(testDbUrl);
  if (files.length === 0) await resetDatabase(processDbUrl);
}
const lanes = lanesFor(testDbUrl, processDbUrl, files);
const results = await runAll(lanes, Number(process.env.TEST_JOBS ?? 3));

console.log("lane               seconds   pass   fail  skipped  exit");
for (const r of results)
  console.log(
    `${r.lane.name.padEnd(18)} ${r.seconds.toFixed(1).padStart(7)} ${String(r.pass).padStart(6)} ${String(r.fail).padStart(6)} ${String(r.skipped).padStart(8)}  ${r.code}`,
  );
const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
const broken = results.filter((r) => r.code !== 0 || r.pass === 0);
for (const r of broken) console.log(`lane ${r.lane.name} failed (exit ${r.code}, ${r.pass} passed)`);
console.log(`all lanes: ${((performance.now() - started) / 1000).toFixed(1)} s`);
// A lane that crashed or ran nothing counts as a failure even when no single test failed.
const failed = fail + broken.filter((r) => r.fail === 0).length;
console.log(`tests: ${pass} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken.length > 0 ? 1 : 0);
