/**
 * Prints how fast invitation e-mails are rendered and delivered to a local SMTP server: on the embedded
 * database (in memory), and on PostgreSQL too when DATABASE_URL is set. Not a test.
 *
 *   npx node bench/dispatch.ts [invitations=2000]
 */
import { loadConfig } from "../src/config.ts";
import { createDeps } from "../src/deps.ts";
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
    const started = performance.now();
    const counts = await dispatchDue(deps, { clock: () => sendTime, orgId: org.id, budgetMs: 3_600_000 });
    const ms = performance.now() - started;
    const where = databaseUrl ? "PostgreSQL" : "PGlite (in memory)";
    console.log(
      `delivered: ${counts.sent} of ${N} to a local SMTP server in ${(ms / 1000).toFixed(2)} s = ${perSecond(counts.sent, ms)}/s (${where}; server received ${smtp.received.length})`,
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
