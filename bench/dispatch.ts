/**
 * Prints how fast invitation e-mails are rendered and delivered to a local SMTP server: on the embedded
 * database (in memory), and on PostgreSQL too when DATABASE_URL is set, each beside two baselines sent to the
 * same SMTP server in the same run, with no database and the same number of messages in flight:
 * - bare nodemailer: the product's pooled transport options (pool, connections, messages per connection,
 *   TCP_NODELAY) given the same number of pre-rendered e-mails (each with its own link) as fields, so
 *   nodemailer builds each MIME message as a plain nodemailer user's would;
 * - bare transport: the same pool given the same messages already built (raw), the transport's ceiling (the
 *   dispatcher prepares each template's MIME message once and fills it in, so it is held to this one).
 * Prints the load average before and after each part, and the statements per message on PostgreSQL (counted on
 * node-postgres' Client.query). Not a test. `--profile-dir=<folder>` writes a CPU profile of each dispatch.
 *
 *   npx node bench/dispatch.ts [invitations=2000] [--profile-dir=<folder>] [--postgres-only]
 */
import { loadavg } from "node:os";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import nodemailer from "nodemailer";
import { renderInvitation, renderInvitationMessage } from "../src/emails/render-invitation.ts";
import { smtpTransportOptions } from "../src/mail/mailer.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { dispatchDue } from "../src/modules/delivery/dispatch-due.ts";
import { surveyTokenFor } from "../src/modules/delivery/survey-link.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { nextWorkingMorning, PUBLIC_URL, scheduleTestInvitations } from "../test/delivery/helpers.ts";
import { startSmtpSink } from "../test/delivery/smtp-sink.ts";
import { benchArgs, profiled } from "./phase-profile.ts";

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

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/**
 * The baselines: the product's transport options without the product, sending N pre-rendered e-mails to
 * `smtpUrl` with IN_FLIGHT at a time, first as fields (nodemailer builds each message), then already built.
 * Rendering happens before the clock starts. Returns e-mails/s of each.
 */
async function baselines(smtpUrl: string): Promise<{ fields: number; raw: number }> {
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
  const run = async (send: (transport: nodemailer.Transporter, i: number) => Promise<unknown>) => {
    const transport = nodemailer.createTransport(smtpTransportOptions(smtpUrl));
    try {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < N) await send(transport, next++);
        }),
      );
      return perSecond(N, performance.now() - started);
    } finally {
      transport.close();
    }
  };
  const fields = await run((transport, i) => {
    const { to, messageId, mail } = messages[i];
    return transport.sendMail({ from, to, messageId, ...mail });
  });
  const raw = await run((transport, i) =>
    transport.sendMail({ envelope: { from: from.address, to: [messages[i].to] }, raw: messages[i].raw }),
  );
  return { fields, raw };
}

async function benchDelivery(databaseUrl: string | undefined) {
  const smtp = await startSmtpSink({ parse: false });
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
    const sendTime = nextWorkingMorning();
    const loadBefore = loadAverage();
    const started = performance.now();
    statements = 0;
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
    const received = smtp.received.length;
    const loadAfter = loadAverage();
    const where = databaseUrl ? "PostgreSQL" : "PGlite (in memory)";
    const rate = perSecond(counts.sent, ms);
    const bare = await baselines(smtp.url);
    console.log(
      `${where} (load average ${loadBefore} → ${loadAfter} → ${loadAverage()} after the baselines)`,
    );
    console.log(
      `  delivered: ${counts.sent} of ${N} in ${(ms / 1000).toFixed(2)} s = ${rate}/s (server received ${received}; goal ≥ 1,000/s)${databaseUrl ? `; ${perMessage.toFixed(2)} statements per message` : ""}`,
    );
    console.log(
      `  bare nodemailer (builds each message): ${bare.fields}/s; ratio ${(rate / bare.fields).toFixed(2)}`,
    );
    console.log(`  bare transport (messages built): ${bare.raw}/s; ratio ${(rate / bare.raw).toFixed(2)}`);
  } finally {
    await deps.mailer.close();
    await deps.database.close();
    await smtp.close();
  }
}

await benchRender();
if (!process.argv.includes("--postgres-only")) await benchDelivery(undefined);
if (process.env.DATABASE_URL) await benchDelivery(process.env.DATABASE_URL);
