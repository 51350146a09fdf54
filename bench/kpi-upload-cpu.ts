/**
 * The server process's own work on a contact-record file, without the database: reading the CSV, checking each
 * row, building its stored columns and hashes (`contactRow`) and its COPY line, as an upload does before the
 * staging table. Prints the CPU time of each part over the same file, so that a change to the process's side can
 * be measured on a busy machine (CPU time is far steadier than wall time there). With --profile-dir=<dir> the
 * whole pass is also written as a CPU profile.
 *   npx node --expose-gc --max-semi-space-size=16 bench/kpi-upload-cpu.ts [rows]
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { tableRowBatches } from "../src/http/tabular-file.ts";
import { checkContactRecordItself } from "../src/modules/kpi/check-contact-record.ts";
import { contactFileRows } from "../src/modules/kpi/read-contact-file.ts";
import { copyLine } from "../src/modules/kpi/stage-contact-records.ts";
import { contactRow } from "../src/modules/kpi/take-in-contact-records.ts";
import { benchArgs, profiled } from "./phase-profile.ts";
import { CONTACT_RECORD_HEADER, contactRecordLine, load, writeCsv } from "./upload-helpers.ts";

const ROWS = Number(benchArgs[0] ?? 1_000_000);
const SECRET = "ab".repeat(32);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const work = await mkdtemp(path.join(tmpdir(), "kaja-bench-files-"));
try {
  const queues = Array.from({ length: 12 }, (_, i) => `q${i}`);
  const services = Array.from({ length: 30 }, () => randomUUID());
  const employees = Array.from({ length: 150 }, () => randomUUID());
  const start = Date.now() - 30 * 86_400_000;
  const file = path.join(work, "kpi.csv");
  // The same rows as bench/kpi-upload.ts.
  const bytes = await writeCsv(file, CONTACT_RECORD_HEADER, ROWS, (i) =>
    contactRecordLine(i, { idPrefix: "t", start, queues, employees, services }),
  );
  const upload = { kind: "csv" as const, file, bytes, encoding: "utf-8" };
  console.log(
    `${ROWS.toLocaleString("en")} rows, ${(bytes / 1_048_576).toFixed(0)} MB CSV; load average ${load()}`,
  );

  const phase = async (name: string, pass: () => Promise<number>) => {
    global.gc?.();
    let heap = 0;
    const sample = setInterval(() => {
      heap = Math.max(heap, process.memoryUsage().heapUsed);
    }, 50);
    const before = cpu();
    const t0 = performance.now();
    const n = await profiled(name, pass);
    clearInterval(sample);
    console.log(
      `  ${name.padEnd(34)} CPU ${(cpu() - before).toFixed(2)} s  wall ${((performance.now() - t0) / 1000).toFixed(2)} s  heap ≤ ${Math.round(heap / 1_048_576)} MB  (${n} rows; load ${load()})`,
    );
  };
  await phase("read the CSV", async () => {
    let n = 0;
    for await (const batch of tableRowBatches(upload, { maxRows: ROWS })) n += batch.length;
    return n - 1;
  });
  await phase("read and check", async () => {
    let n = 0;
    for await (const batch of contactFileRows(upload))
      for (const row of batch) if ("record" in row && !checkContactRecordItself(row.record, "").length) n++;
    return n;
  });
  await phase("read, check, stored row, COPY line", async () => {
    let n = 0;
    let length = 0;
    for await (const batch of contactFileRows(upload))
      for (const row of batch)
        if ("record" in row && !checkContactRecordItself(row.record, "").length) {
          length += copyLine(row.line, contactRow(row.record, SECRET)).length;
          n++;
        }
    return length > 0 ? n : 0;
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
