import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createAuth, type TPasswordHasher } from "./auth/auth.ts";
import { secureCookies, type TConfig, trustedOrigins as localOrigins } from "./config.ts";
import type { AppDeps } from "./context.ts";
import { openDatabase } from "./db/connect.ts";
import { wakePasswordResets } from "./jobs/boss.ts";
import { createMailer } from "./mail/mailer.ts";

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
    onPasswordResetQueued: wakePasswordResets,
  });
  return { config, database, db, auth, mailer, secret };
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
