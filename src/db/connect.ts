import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import lockfile from "proper-lockfile";
import { prepareHotStatements } from "./pglite-named-statements.ts";
import * as schema from "./schema.ts";
import { defaultTemplateDir, extractTemplate, migrationsFolder, readTemplate } from "./template.ts";

interface RowsHKT extends PgQueryResultHKT {
  // biome-ignore lint/suspicious/noExplicitAny: rows of raw SQL are parsed with zod where they are read
  type: { rows: any[] };
}

/** One Drizzle type for both drivers (PGlite and node-postgres). */
export type Db = PgDatabase<RowsHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; without it the embedded PGlite database is used. */
  url?: string;
  /** Folder of the embedded database; omitted means in memory (tests). */
  dataDir?: string;
  /** Where the ready-made embedded database is looked for (src/db/template.ts); false: always run initdb. */
  templateDir?: string | false;
}

/** Raised when another process already holds the embedded database folder. */
export class DatabaseLockedError extends Error {}

/** Opens PostgreSQL or the embedded PGlite database (taking a lock on its folder). */
export async function openDatabase({
  url,
  dataDir,
  templateDir = defaultTemplateDir,
}: OpenDatabaseOptions = {}): Promise<Database> {
  if (url) return openPostgres(url);
  return openPglite(dataDir, templateDir);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that breaks (PostgreSQL restarted, a proxy closed it) is dropped by the pool and
  // replaced on the next query; without a listener, node-postgres' "error" event would end the process.
  pool.on("error", (err) => console.warn(`PostgreSQL closed an idle connection: ${err.message}`));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    migrate: async () => {
      if (await migrationsCurrent(db)) return;
      // Serialise concurrent starts of several app processes on one database.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(727274)");
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock(727274)").catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
}

/**
 * Whether the database already has the newest migration of the journal: one query, where Drizzle's migrator
 * reads and hashes every migration file and creates its schema and table if missing. Drizzle applies the
 * migrations newer than the newest it recorded, so when that is the journal's newest there is nothing to do.
 */
async function migrationsCurrent(db: Db): Promise<boolean> {
  const journal = JSON.parse(
    await fs.readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
  ) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const { rows } = await db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
    return rows[0]?.last != null && Number(rows[0].last) >= newest;
  } catch {
    // No migrations table yet (a new database): the migrator creates it.
    return false;
  }
}

let emptyCluster: Promise<Blob> | undefined;

/**
 * An in-memory PGlite (tests, one-off tools). Creating a cluster (initdb) takes seconds: the first instance
 * starts from the ready-made template when there is one (migrations then find nothing to do), otherwise from
 * initdb; later instances in the same process start from a copy of the first one's cluster in under one.
 */
async function newInMemoryPglite(templateDir: string | false): Promise<PGlite> {
  if (!emptyCluster && templateDir) {
    const template = await readTemplate(templateDir);
    if (template) emptyCluster = Promise.resolve(new Blob([new Uint8Array(template)]));
  }
  if (emptyCluster) {
    const loadDataDir = await emptyCluster;
    return new PGlite({ loadDataDir, extensions: { pg_trgm } });
  }
  const client = new PGlite({ extensions: { pg_trgm } });
  emptyCluster = client.waitReady.then(() => client.dumpDataDir("none"));
  // A failed dump must not break later opens: they fall back to a fresh cluster.
  emptyCluster.catch(() => {
    emptyCluster = undefined;
  });
  await emptyCluster.catch(() => undefined);
  return client;
}

/** PGlite on `dir`; a folder without a cluster is first filled from the template when there is one (no initdb). */
async function pgliteInFolder(dir: string, templateDir: string | false): Promise<PGlite> {
  if (templateDir && !existsSync(path.join(dir, "PG_VERSION"))) {
    // An empty folder (say, created by hand) is replaced; one with files in it is left to PGlite.
    if (existsSync(dir) && (await fs.readdir(dir)).length === 0) await fs.rmdir(dir);
    if (!existsSync(dir)) await extractTemplate(dir, templateDir);
  }
  return new PGlite(dir, { extensions: { pg_trgm } });
}

async function openPglite(dataDir: string | undefined, templateDir: string | false): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if (dataDir) {
    await fs.mkdir(dataDir, { recursive: true });
    try {
      release = await lockfile.lock(dataDir, {
        lockfilePath: path.join(dataDir, "kaja.lock"),
        stale: 15_000,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ELOCKED") {
        throw new DatabaseLockedError(
          `The data folder ${dataDir} is in use by another Kaja process. The embedded database allows one process at a time: stop the other one, or set DATA_DIR to another folder, or use PostgreSQL (DATABASE_URL).`,
        );
      }
      throw err;
    }
    client = await pgliteInFolder(path.join(dataDir, "pg"), templateDir);
  } else {
    client = await newInMemoryPglite(templateDir);
  }
  await client.waitReady;
  prepareHotStatements(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: async () => {
      if (await migrationsCurrent(db)) return;
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}
