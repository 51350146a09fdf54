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
  /** The server secret (AUTH_SECRET or the one kept in DATA_DIR); derive purpose-specific keys from it. */
  secret: string;
}
