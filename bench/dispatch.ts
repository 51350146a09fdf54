/**
 * Prints how fast invitation e-mails are rendered and delivered to a local SMTP server: on the embedded
 * database (in memory), and on PostgreSQL too when DATABASE_URL is set, each beside three baselines sent to the
 * same SMTP server in the same run, with no database and the same number of messages in flight:
 * - bare nodemailer: the product's pooled transport options (pool, connections, messages per connection,
 *   TCP_NODELAY) given the same number of pre-rendered e-mails (each with its own link) as fields, so
 *   nodemailer builds each MIME message as a plain nodemailer user's would;
 * - bare transport: the same pool given the same messages already built (raw), nodemailer's ceiling;
 * - bare raw pool: the product's pool for built messages (`RawSmtpPool`: nodemailer's SMTP connection without
 *   its transport's per-message wrapping, pipelined) given the same built messages: the ceiling of the
 *   dispatcher, since it prepares each template's MIME message once, fills it in and sends it through that pool.
 * Prints the load average before and after each part, and the statements per message on PostgreSQL (counted on
 * node-postgres' Client.query). The SMTP server runs in a process of its own (`smtp-sink-process.ts`), so the
 * CPU time per message is printed for each side apart — the sending process (`process.cpuUsage`), the SMTP
 * server and the PostgreSQL backends (from /proc) — for the dispatch and for each baseline: on a shared
 * machine the CPU per message is the steadier comparison, the rates vary with the load. Not a test.
 * `--profile-dir=<folder>` writes a CPU profile of each dispatch. The invitations are scheduled, then the
 * database's statistics gathered (`analyze`, as autovacuum does in a running database; decision 066), then
 * dispatched; `--fresh-plans` skips the statistics and measures a fresh database's first minute.
 *
 *   npx node bench/dispatch.ts [invitations=2000] [--profile-dir=<folder>] [--postgres-only] [--fresh-plans]
 */
import { settle } from "./http-load.ts";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import nodemailer from "nodemailer";
import { renderInvitation, renderInvitationMessage } from "../src/emails/render-invitation.ts";
import { smtpTransportOptions } from "../src/mail/mailer.ts";
import { RawSmtpPool } from "../src/mail/raw-pool.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { dispatchDue } from "../src/modules/delivery/dispatch-due.ts";
import { surveyTokenFor } from "../src/modules/delivery/survey-link.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { nextWorkingMorning, PUBLIC_URL, scheduleTestInvitations } from "../test/delivery/helpers.ts";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchArgs, profiled } from "./phase-profile.ts";
import { backendPids, loadAverage, processCpu } from "./process-cpu.ts";

const N = Number(benchArgs[0] ?? 2000);
/** Messages handed to the mail server at the same time, by the dispatcher and by the baselines alike. */
const IN_FLIGHT = 16;
/** Statements sent through node-postgres (Client.query) so far. */
let statements = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
};
const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);

/** The SMTP sink in a child process (see smtp-sink-process.ts). */
async function startSinkProcess() {
  const child = fork(fileURLToPath(new URL("./smtp-sink-process.ts", import.meta.url)));
  const ask = <T>(message: string | null, field: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, T>) => {
        if (field in m) {
          child.off("message", on);
          resolve(m[field]);
        }
      };
      child.on("message", on);
      if (message) child.send(message);
    });
  const url = await ask<string>(null, "url");
  return {
    url,
    pid: child.pid!,
    received: () => ask<number>("count", "received"),
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("close");
      }),
  };
}
type TSink = Awaited<ReturnType<typeof startSinkProcess>>;

/** CPU time (ms) so far of this process, the SMTP sink and the given PostgreSQL backends. */
function cpuNow(sink: TSink, backends: number[]) {
  const own = process.cpuUsage();
  const db = new Map(backends.map((pid) => [pid, processCpu([pid])]));
  return { node: (own.user + own.system) / 1000, sink: processCpu([sink.pid]), db };
}
/** CPU per message (ms) between `before` and now; backends that started meanwhile count from 0. */
function cpuPerMessage(before: ReturnType<typeof cpuNow>, sink: TSink, backends: number[], n: number) {
  const after = cpuNow(sink, backends);
  let db = 0;
  for (const [pid, ms] of after.db) db += ms - (before.db.get(pid) ?? 0);
  const per = (ms: number) => (ms / Math.max(1, n)).toFixed(3);
  return `CPU per message: sender ${per(after.node - before.node)} ms, SMTP server ${per(after.sink - before.sink)} ms${backends.length ? `, PostgreSQL ${per(db)} ms` : ""}`;
}

async function benchRender() {
  const definition = standardDefinition({ locales: ["et", "ru", "en"] });
  // mjml runs once per organisation, survey version and language; later e-mails only get their link token.
  const cold = performance.now();
  await renderInvitation({
    orgName: "Maksu- ja Tolliamet",
    definition,
    locale: "et",
    publicUrl: PUBLIC_URL,
    token: "x",
  });
  console.log(
    `rendered:  the first e-mail of a template (mjml) in ${Math.round(performance.now() - cold)} ms`,
  );
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    const { token } = surveyTokenFor("bench-secret", "org", `invitation-${i}`);
    await renderInvitation({
      orgName: "Sotsiaalkindlustusamet",
      definition,
      locale: ["et", "ru", "en"][i % 3],
      publicUrl: PUBLIC_URL,
      token,
    });
  }
  const ms = performance.now() - started;
  console.log(`rendered:  ${N} invitation e-mails in ${(ms / 1000).toFixed(2)} s = ${perSecond(N, ms)}/s`);
}

/**
 * The baselines: the product's transport options without the product, sending N pre-rendered e-mails to
 * `smtpUrl` with IN_FLIGHT at a time, first as fields (nodemailer builds each message), then already built,
 * then built through RawSmtpPool. Rendering happens before the clock starts. Returns e-mails/s and CPU of each.
 */
async function baselines(sink: TSink): Promise<{ fields: string; raw: string; pool: string }> {
  const smtpUrl = sink.url;
  const definition = standardDefinition({ locales: ["et", "ru"] });
  const from = { name: "Bench", address: "bench@example.test" };
  const messages = await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const { token } = surveyTokenFor("bench-secret", "org", `baseline-${i}`);
      const to = `p-${i}@example.test`;
      const messageId = `<bench-${i}@example.test>`;
      const options = {
        orgName: "Bench",
        definition,
        locale: i % 2 ? "ru" : "et",
        publicUrl: PUBLIC_URL,
        token,
      };
      const mail = await renderInvitation(options);
      const { raw } = await renderInvitationMessage({ ...options, from, to, messageId });
      return { to, messageId, mail, raw: raw! };
    }),
  );
  const run = async (send: (i: number) => Promise<unknown>, close: () => void) => {
    try {
      let next = 0;
      const cpu = cpuNow(sink, []);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < N) await send(next++);
        }),
      );
      return `${perSecond(N, performance.now() - started)}/s; ${cpuPerMessage(cpu, sink, [], N)}`;
    } finally {
      close();
    }
  };
  const nodemailerRun = (send: (transport: nodemailer.Transporter, i: number) => Promise<unknown>) => {
    const transport = nodemailer.createTransport(smtpTransportOptions(smtpUrl));
    return run(
      (i) => send(transport, i),
      () => transport.close(),
    );
  };
  const fields = await nodemailerRun((transport, i) => {
    const { to, messageId, mail } = messages[i];
    return transport.sendMail({ from, to, messageId, ...mail });
  });
  const raw = await nodemailerRun((transport, i) =>
    transport.sendMail({ envelope: { from: from.address, to: [messages[i].to] }, raw: messages[i].raw }),
  );
  const rawPool = new RawSmtpPool(smtpTransportOptions(smtpUrl));
  const pool = await run(
    (i) => rawPool.send({ from: from.address, to: [messages[i].to] }, messages[i].raw),
    () => rawPool.close(),
  );
  return { fields, raw, pool };
}

async function benchDelivery(databaseUrl: string | undefined) {
  const smtp = await startSinkProcess();
  const config = loadConfig({
    NODE_ENV: "test",
    PUBLIC_URL,
    SMTP_URL: smtp.url,
    LOG_LEVEL: "silent",
    DATABASE_URL: databaseUrl,
  });
  const deps = await createDeps(config, { inMemory: true });
  try {
    const slug = `bench-${Date.now()}`;
    const { org } = await createOrganization(deps, {
      name: "Bench",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    const { id: surveyId } = await createSurvey(deps.db, org.id, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et", "ru"] }),
    });
    await scheduleTestInvitations(deps.db, {
      orgId: org.id,
      surveyId,
      recipients: Array.from({ length: N }, (_, i) => ({
        email: `p-${i}-${slug}@example.test`,
        locale: i % 2 ? "ru" : "et",
      })),
    });
    // The statistics autovacuum gathers in a running database (decision 066); --fresh-plans measures without.
    await settle(deps.db);
    const sendTime = nextWorkingMorning();
    const loadBefore = loadAverage();
    const started = performance.now();
    statements = 0;
    const backends = async () => (databaseUrl ? backendPids(deps.db) : []);
    const cpu = cpuNow(smtp, await backends());
    const counts = await profiled(databaseUrl ? "dispatch-postgres" : "dispatch-pglite", () =>
      dispatchDue(deps, {
        clock: () => sendTime,
        orgId: org.id,
        budgetMs: 3_600_000,
        concurrency: IN_FLIGHT,
      }),
    );
    const ms = performance.now() - started;
    const perMessage = statements / Math.max(1, counts.sent);
    const cpuLine = cpuPerMessage(cpu, smtp, await backends(), counts.sent);
    const received = await smtp.received();
    const loadAfter = loadAverage();
    const where = databaseUrl ? "PostgreSQL" : "PGlite (in memory)";
    const rate = perSecond(counts.sent, ms);
    const bare = await baselines(smtp);
    console.log(
      `${where} (load average ${loadBefore} → ${loadAfter} → ${loadAverage()} after the baselines)`,
    );
    console.log(
      `  delivered: ${counts.sent} of ${N} in ${(ms / 1000).toFixed(2)} s = ${rate}/s (server received ${received}; goal ≥ 1,000/s)${databaseUrl ? `; ${perMessage.toFixed(2)} statements per message` : ""}`,
    );
    console.log(`  ${cpuLine}`);
    const ratio = (bare: string) => (rate / Number.parseInt(bare, 10)).toFixed(2);
    console.log(`  bare nodemailer (builds each message): ${bare.fields}; ratio ${ratio(bare.fields)}`);
    console.log(`  bare transport (messages built): ${bare.raw}; ratio ${ratio(bare.raw)}`);
    console.log(`  bare raw pool (messages built, RawSmtpPool): ${bare.pool}; ratio ${ratio(bare.pool)}`);
  } finally {
    await deps.mailer.close();
    await deps.database.close();
    await smtp.close();
  }
}

await benchRender();
if (!process.argv.includes("--postgres-only")) await benchDelivery(undefined);
if (process.env.DATABASE_URL) await benchDelivery(process.env.DATABASE_URL);
