import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TPasswordHasher } from "./auth/auth.ts";
import { secureCookies, type TConfig, trustedOrigins as localOrigins } from "./config.ts";
import type { AppDeps } from "./context.ts";
import { openDatabase } from "./db/connect.ts";

export interface CreateDepsOptions {
  /** Use an in-memory embedded database instead of DATA_DIR (tests). */
  inMemory?: boolean;
  trustedOrigins?: string[];
  signInPerMinute?: number;
  /** A cheaper password hash; the test suite's only (see test/helpers/fast-password.ts). */
  passwordHasher?: TPasswordHasher;
}

/** Opens the database, runs migrations and wires auth and mail. */
export async function createDeps(
  config: TConfig,
  { inMemory = false, trustedOrigins, signInPerMinute, passwordHasher }: CreateDepsOptions = {},
): Promise<AppDeps> {
  const opening = openAndMigrate(config, inMemory);
  // better-auth and the mailer load while the database opens: PGlite reads and compiles its WebAssembly
  // off the main thread, so the two overlap (see docs/decisions/037-start-in-three-seconds.md).
  const loading = Promise.all([import("./auth/auth.ts"), import("./mail/mailer.ts")]);
  loading.catch(() => {});
  const database = await opening;
  let modules: Awaited<typeof loading>;
  try {
    modules = await loading;
  } catch (err) {
    await database.close();
    throw err;
  }
  const [{ createAuth }, { createMailer }] = modules;
  const db = database.db;
  const mailer = createMailer({ db, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const secret = config.AUTH_SECRET ?? (await localSecret(config, inMemory));
  const auth = createAuth({
    db,
    mailer,
    baseUrl: config.publicUrl,
    secret,
    trustedOrigins: [...localOrigins(config), ...(trustedOrigins ?? [])],
    secureCookies: secureCookies(config),
    signInPerMinute,
    passwordHasher,
    // Imported on use: the jobs (and their modules) load beside the database at start (src/server.ts).
    onPasswordResetQueued: () => void import("./jobs/boss.ts").then((jobs) => jobs.wakePasswordResets()),
  });
  return { config, database, db, auth, mailer, secret };
}

async function openAndMigrate(config: TConfig, inMemory: boolean) {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: inMemory ? undefined : config.dataDir,
  });
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

/** Without AUTH_SECRET, a random secret is made once and kept in DATA_DIR so sessions survive restarts. */
async function localSecret(config: TConfig, inMemory: boolean): Promise<string> {
  if (inMemory) return randomBytes(32).toString("hex");
  const file = path.join(config.dataDir, "auth-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString("hex");
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
