import type { Auth } from "./auth/auth.ts";
import type { TConfig } from "./config.ts";
import type { Database, Db } from "./db/connect.ts";
import type { Mailer } from "./mail/mailer.ts";

/** What every module is built with. */
export interface AppDeps {
  config: TConfig;
  database: Database;
  db: Db;
  auth: Auth;
  mailer: Mailer;
}
