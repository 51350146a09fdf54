/**
 * Prints how fast invitation e-mails are rendered and delivered to a local SMTP server: on the embedded
 * database (in memory), and on PostgreSQL too when DATABASE_URL is set, each beside a baseline from the same
 * run: the bare pooled nodemailer transport (5 connections, 8 messages at a time) sending the same number of rendered
 * e-mails to the same kind of local server, with no database. Prints the load average. Not a test.
 *
 *   npx node bench/dispatch.ts [invitations=2000]
 */
import { loadavg } from "node:os";
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { renderInvitation } from "../src/emails/render-invitation.ts";
import { createOrganization } from "../src/modules/accounts/create-organization.ts";
import { dispatchDue } from "../src/modules/delivery/dispatch-due.ts";
import { surveyTokenFor } from "../src/modules/delivery/survey-link.ts";
import { standardDefinition } from "../src/domain/survey-definition.ts";
import { createSurvey } from "../src/modules/surveys/surveys.ts";
import { nextWorkingMorning, PUBLIC_URL, scheduleTestInvitations } from "../test/delivery/helpers.ts";
import { startSmtpSink } from "../test/delivery/smtp-sink.ts";

const N = Number(process.argv[2] ?? 2000);
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

/** Bare nodemailer to a local sink: the ceiling for this machine, process and SMTP server. Returns e-mails/s. */
async function bareNodemailer(): Promise<number> {
  const smtp = await startSmtpSink({ parse: false });
  // The product's pooled transport (TCP_NODELAY, 5 connections) with no database behind it.
  const mailer = createMailer({
    db: undefined as never,
    smtpUrl: smtp.url,
    from: "Bench <bench@example.test>",
  });
  const definition = standardDefinition({ locales: ["et"] });
  const mail = await renderInvitation({
    orgName: "Bench",
    definition,
    locale: "et",
    publicUrl: PUBLIC_URL,
    token: "x",
  });
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) {
          const i = next++;
          await mailer.send({
            kind: "bench",
            fromName: "Bench",
            to: `p-${i}@example.test`,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            headers: mail.headers,
            messageId: `<bench-${i}@example.test>`,
          });
        }
      }),
    );
    return perSecond(N, performance.now() - started);
  } finally {
    await mailer.close();
    await smtp.close();
  }
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
    const counts = await dispatchDue(deps, { clock: () => sendTime, orgId: org.id, budgetMs: 3_600_000 });
    const ms = performance.now() - started;
    const where = databaseUrl ? "PostgreSQL" : "PGlite (in memory)";
    const rate = perSecond(counts.sent, ms);
    const bare = await bareNodemailer();
    console.log(`${where} (load average ${loadBefore} → ${loadAverage()})`);
    console.log(
      `  delivered: ${counts.sent} of ${N} in ${(ms / 1000).toFixed(2)} s = ${rate}/s (server received ${smtp.received.length})`,
    );
    console.log(
      `  bare nodemailer to a local server: ${bare}/s; ratio ${(rate / bare).toFixed(2)} (goal ≥ 1,000/s)`,
    );
  } finally {
    await deps.mailer.close();
    await deps.database.close();
    await smtp.close();
  }
}

await benchRender();
await benchDelivery(undefined);
if (process.env.DATABASE_URL) await benchDelivery(process.env.DATABASE_URL);
