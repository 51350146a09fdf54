/**
 * The answer's cost in the database, the code before a change against the code after, in one process and the same
 * minutes: each side opens its own PostgreSQL database (migrated by its own code), creates an organisation, a survey
 * and its invitations, reads every link, then the two sides take turns answering batches (20 in flight, the order
 * swapped every round) through `answerInvitation`, the first-answer path without HTTP. Prints, per side, the CPU of
 * its database's PostgreSQL backends per answer (from /proc), the Node CPU per answer and answers per second, with
 * the load average. `<before>` is a checkout of the earlier code with its node_modules. On a shared machine only
 * the ratio of the two sides means much. Run:
 * npx node bench/answer-db-ab.ts <before> <database before> <database after> [rounds] [batch] [--scores=high]
 * (`--scores=high`: scores 7–10 only, answers that open no follow-up case; default 0–10 as the HTTP benches)
 */
import { processCpu } from "./process-cpu.ts";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchArgs } from "./phase-profile.ts";

const [beforeRoot, beforeDb, afterDb] = benchArgs;
if (!beforeRoot || !beforeDb || !afterDb)
  throw new Error(
    "usage: bench/answer-db-ab.ts <before> <database before> <database after> [rounds] [batch]",
  );
const ROUNDS = Number(benchArgs[3] ?? 6);
const BATCH = Number(benchArgs[4] ?? 300);
const CONCURRENCY = 20;
const highOnly = process.argv.includes("--scores=high");
const scoreOf = (i: number) => (highOnly ? 7 + (i % 4) : i % 11);
const afterRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Totals {
  db: number;
  node: number;
  ms: number;
}

/** One side: its own code (imported from `root`) on its own database. */
async function side(root: string, database: string) {
  const load = (file: string) => import(path.join(path.resolve(root), file));
  const { loadConfig } = await load("src/config.ts");
  const { createDeps } = await load("src/deps.ts");
  const { standardDefinition } = await load("src/domain/survey-definition.ts");
  const { createOrganization } = await load("src/modules/accounts/create-organization.ts");
  const { issueSentInvitation } = await load("src/modules/responses/issue-invitation.ts");
  const { createSurvey } = await load("src/modules/surveys/surveys.ts");
  const { findInvitationByToken, answerInvitation } = await load("src/modules/responses/record-answer.ts");
  const url = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${database}`;
  const deps = await createDeps(
    loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: url.toString(),
      PUBLIC_URL: "http://127.0.0.1",
      LOG_LEVEL: "silent",
    }),
    { inMemory: true },
  );
  const slug = `answer-ab-${Date.now()}`;
  const { org } = await createOrganization(deps, { name: "Bench", slug, ownerEmail: `${slug}@example.test` });
  const survey = await createSurvey(deps.db, org.id, {
    name: "Bench",
    kind: "transactional",
    definition: standardDefinition({ locales: ["et"] }),
  });
  const links: unknown[] = [];
  for (let i = 0; i < (ROUNDS + 1) * BATCH; i++) {
    const { token } = await issueSentInvitation(deps.db, {
      orgId: org.id,
      surveyId: survey.id,
      locale: "et",
    });
    links.push(await findInvitationByToken(deps.db, token));
  }
  const backends = async (): Promise<number[]> =>
    (await deps.db.execute("select pid from pg_stat_activity where datname = current_database()")).rows.map(
      (r: { pid: number }) => Number(r.pid),
    );
  const totals: Totals = { db: 0, node: 0, ms: 0 };
  return {
    deps,
    totals,
    async batch(round: number) {
      const mine = links.slice(round * BATCH, (round + 1) * BATCH);
      const pids = await backends();
      const db0 = processCpu(pids);
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < mine.length) {
            const i = next++;
            const value = { score: scoreOf(i), comment: "Aitäh, väga hea teenindus!", answers: {} };
            await answerInvitation(deps.db, mine[i], value, { locale: "et" });
          }
        }),
      );
      if (round === 0) return; // warm-up
      const node = process.cpuUsage(node0);
      totals.ms += performance.now() - t0;
      totals.node += (node.user + node.system) / 1000;
      totals.db += processCpu(pids) - db0;
    },
  };
}

const before = await side(beforeRoot, beforeDb);
const after = await side(afterRoot, afterDb);
await before.batch(0);
await after.batch(0);
const loadBefore = loadavg()[0].toFixed(1);
for (let r = 1; r <= ROUNDS; r++) {
  const order = r % 2 ? [before, after] : [after, before];
  for (const s of order) await s.batch(r);
}
const n = ROUNDS * BATCH;
const line = (t: Totals) =>
  `PostgreSQL CPU ${(t.db / n).toFixed(3)} ms/answer, Node CPU ${(t.node / n).toFixed(3)} ms/answer, ${(n / (t.ms / 1000)).toFixed(0)} answers/s`;
console.log(
  `${ROUNDS} × ${BATCH} first answers a side, scores ${highOnly ? "7–10 (no case)" : "0–10"}, ${CONCURRENCY} in flight; load average ${loadBefore} → ${loadavg()[0].toFixed(1)}`,
);
console.log(`  before: ${line(before.totals)}`);
console.log(`  after:  ${line(after.totals)}`);
console.log(
  `  after / before: PostgreSQL CPU ${(after.totals.db / before.totals.db).toFixed(2)}, Node CPU ${(after.totals.node / before.totals.node).toFixed(2)}`,
);
await before.deps.database.close();
await after.deps.database.close();
