import { ConfigError, loadConfig } from "./config.ts";
import { DatabaseLockedError } from "./db/connect.ts";
import { createDeps } from "./deps.ts";

/** Starts Kaja: database, app, first organisation, `listen`, then the background jobs (src/main.ts). */
export async function startServer(): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DatabaseLockedError) {
      console.error(`Kaja cannot start. ${err.message}`);
    } else {
      console.error("Kaja cannot start:", err);
    }
    process.exit(1);
  }
}

async function start() {
  const config = loadConfig();
  const opening = createDeps(config);
  // The routes and the jobs load while the database opens (see createDeps).
  const loading = Promise.all([
    import("./app.ts"),
    import("./http/log.ts"),
    import("./jobs/boss.ts"),
    import("./modules/accounts/first-start.ts"),
  ]);
  loading.catch(() => {});
  const deps = await opening;
  const [{ buildApp }, { loggerOptions }, { startJobs, stopJobs }, { bootstrapFirstOrganization }] =
    await loading;
  const app = await buildApp(deps, { logger: loggerOptions(config.LOG_LEVEL) });
  const first = await bootstrapFirstOrganization(deps);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  await startJobs(deps, { onError: (err, job) => app.log.error({ err, job }, "background job failed") });
  const db = deps.database.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL";
  console.log(`\nKaja is running at ${config.publicUrl} (listening on ${address}, ${db}).`);
  if (deps.mailer.mode === "outbox")
    console.log("No SMTP_URL set: e-mail is kept in the local outbox, nothing leaves this machine.");
  if (first) {
    console.log(`\nFirst start: created the organisation "Minu asutus" with the owner ${first.email}.`);
    console.log(
      `Open this one-time link (valid 24 hours) to set the owner's password, then sign in:\n\n  ${first.link}\n`,
    );
    console.log(`Later, a new link: npm run kaja -- sign-in-link --email ${first.email}\n`);
  } else {
    console.log(
      `Sign in at ${config.publicUrl}/app/ (forgot the password? npm run kaja -- sign-in-link --email <e-mail>)\n`,
    );
  }
  const stop = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await stopJobs();
    await deps.mailer.close();
    await deps.database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}
