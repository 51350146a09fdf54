/**
 * Where a mass mailing's memory goes: runs bulkSend on the bench file (the rows of bench/bulk-upload.ts) in this
 * process, without HTTP, under the inspector's sampling heap profiler, and prints the functions that allocated
 * the most, in two views: everything allocated ("all"), and what outlived the young generation ("promoted":
 * objects a scavenge would have freed are dropped from the samples; what is left was promoted to the old
 * generation, where only a full collection frees it, or is still alive). Also prints each run's old-generation
 * collections (size before → after) and the peak RSS. A third view, "live", is what the run holds when it has
 * read nine tenths of the file (after a full collection there). On PostgreSQL with DATABASE_URL, else PGlite in
 * memory.
 *   npx node --expose-gc --max-semi-space-size=16 --heap-growing-percent=100 bench/bulk-alloc.ts [rows] [all|promoted|live] [--write=<dir>]
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { bulkSend } from "../src/modules/distribution/bulk-send.ts";
import { bulkRows } from "../src/modules/distribution/read-bulk-file.ts";
import { seedCatalog, seedSurvey } from "../test/fixtures/distribution/setup.ts";
import { benchArgs } from "./phase-profile.ts";
import { load, writeCsv } from "./upload-helpers.ts";

const ROWS = Number(benchArgs[0] ?? 100_000);
const VIEW = (benchArgs[1] ?? "promoted") as "all" | "promoted" | "live";
const dir = process.argv.find((a) => a.startsWith("--write="))?.slice("--write=".length);
const HEADER = "email,name,locale,external_id,occurred_at,service_id,channel_id,audience";

interface TNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: TNode[];
}

/** Self size per function (name, file and line), largest first. */
function topFunctions(head: TNode, n: number): string[] {
  const by = new Map<string, number>();
  const walk = (node: TNode) => {
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(src|node_modules)\//, "$1/")}:${f.lineNumber + 1}`;
    by.set(key, (by.get(key) ?? 0) + node.selfSize);
    for (const c of node.children) walk(c);
  };
  walk(head);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return [
    `total sampled ${(total / 1_048_576).toFixed(1)} MB`,
    ...[...by.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${(v / 1_048_576).toFixed(1).padStart(7)} MB  ${k}`),
  ];
}

const rssMb = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
};

const work = await mkdtemp(path.join(tmpdir(), "kaja-bench-files-"));
const databaseUrl = process.env.DATABASE_URL;
const config = loadConfig({
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  PUBLIC_URL: "http://localhost:3000",
  LOG_LEVEL: "silent",
});
const deps = await createDeps(config, { inMemory: true });
try {
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const { org } = await createOrganization(deps, { name: "Bench", slug, ownerEmail: `${slug}@example.test` });
  const cat = await seedCatalog(deps.db, org.id);
  const surveyId = await seedSurvey(deps.db, org.id, "relationship");
  const file = path.join(work, "bulk.csv");
  const tag = randomUUID().slice(0, 8);
  const start = Date.now() - 6 * 3_600_000;
  const bytes = await writeCsv(file, HEADER, ROWS, (i) => {
    const at = i % 10 === 0 ? "" : new Date(start + (i % 3600) * 1000).toISOString();
    const locale = ["et", "ru", "en"][i % 3];
    return `klient${i}-${tag}@example.test,Klient ${i},${locale},${tag}-${i},${at},${i % 2 ? cat.serviceId : ""},${cat.channelId},external`;
  });
  const upload = { kind: "csv" as const, file, bytes, encoding: "utf-8" };
  console.log(`${ROWS} rows; ${databaseUrl ? "PostgreSQL" : "PGlite"}; view ${VIEW}; load ${load()}`);
  const majors: string[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      // 2: mark-sweep-compact (node:perf_hooks constants.NODE_PERFORMANCE_GC_MAJOR = 4 in older Nodes)
      if (kind === 4 || kind === 2) majors.push(`${e.startTime.toFixed(0)} ms (${e.duration.toFixed(0)} ms)`);
    }
  }).observe({ entryTypes: ["gc"] });
  const session = new Session();
  session.connect();
  for (const dryRun of [true, false]) {
    global.gc?.();
    writeFileSync("/proc/self/clear_refs", "5");
    const before = process.memoryUsage();
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: VIEW !== "live",
      includeObjectsCollectedByMinorGC: VIEW === "all",
    });
    majors.length = 0;
    const t0 = performance.now();
    let live: { head: TNode } | null = null;
    async function* rows() {
      let n = 0;
      for await (const row of bulkRows(upload)) {
        if (VIEW === "live" && ++n === Math.floor(ROWS * 0.9)) {
          global.gc?.();
          live = ((await session.post("HeapProfiler.stopSampling")) as { profile: { head: TNode } }).profile;
        }
        yield row;
      }
    }
    const report = await bulkSend(deps.db, {
      orgId: org.id,
      surveyId,
      rows,
      dryRun,
      now: new Date(),
      batchSize: process.env.BULK_BATCH ? Number(process.env.BULK_BATCH) : undefined,
    });
    const seconds = (performance.now() - t0) / 1000;
    const profile =
      live ?? ((await session.post("HeapProfiler.stopSampling")) as { profile: { head: TNode } }).profile;
    const peak = rssMb();
    global.gc?.();
    const after = process.memoryUsage();
    const run = dryRun ? "dry" : "real";
    console.log(
      `${run} run: ${seconds.toFixed(1)} s, ${report.scheduled} scheduled; RSS before ${Math.round(before.rss / 1_048_576)} MB, peak ${peak} MB; heap used before ${Math.round(before.heapUsed / 1_048_576)} MB, after a collection ${Math.round(after.heapUsed / 1_048_576)} MB; full collections during: ${majors.join(", ") || "none"}`,
    );
    for (const l of topFunctions(profile.head, 30)) console.log(`  ${l}`);
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `bulk-${run}-${VIEW}.heapprofile`), JSON.stringify(profile));
    }
  }
  session.disconnect();
} finally {
  await deps.database.close();
  await rm(work, { recursive: true, force: true });
}
