import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/connect.ts";
import { migrationsFolder, templateKey, templatePath, writeTemplate } from "../src/db/template.ts";
import { unique } from "./helpers/app.ts";

const url = process.env.DATABASE_URL;

describe("PostgreSQL connection pool", { skip: !url && "DATABASE_URL is not set" }, () => {
  const name = `kaja-test-${unique()}`;
  let database: Database;
  before(async () => {
    const withName = new URL(url ?? "");
    withName.searchParams.set("application_name", name);
    database = await openDatabase({ url: withName.toString() });
  });
  after(() => database.close());

  it("survives PostgreSQL dropping its idle connections (a restart) and reconnects", async () => {
    await database.ping();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
        [name],
      );
      assert.ok(killed.rowCount && killed.rowCount > 0, "an idle pool connection was terminated");
    } finally {
      await admin.end();
    }
    // Without an error listener on the pool, the dropped connection crashed the process here.
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      ok = await database.ping().then(
        () => true,
        () => false,
      );
      if (!ok) await delay(100);
    }
    assert.ok(ok, "queries work again on a new connection");
  });
});

describe("ready-made embedded database (template)", { skip: !!url && "embedded database only" }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kaja-template-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("a fresh data folder starts from the template: every migration applied, pg_trgm there", async () => {
    const templateDir = path.join(dir, "templates");
    const file = await writeTemplate(templateDir);
    assert.equal(file, await templatePath(templateDir));
    const dataDir = path.join(dir, "data");
    const database = await openDatabase({ dataDir, templateDir });
    try {
      assert.ok(existsSync(path.join(dataDir, "pg", "PG_VERSION")), "the cluster was unpacked");
      assert.ok(!existsSync(path.join(dataDir, "pg.partial")), "no half-made folder is left");
      await database.migrate();
      const journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
      const applied = await database.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      assert.equal(applied.rows[0].n, journal.entries.length);
      const trgm = await database.db.execute(sql`select similarity('kaja', 'kaja') as s`);
      assert.equal(Number(trgm.rows[0].s), 1);
    } finally {
      await database.close();
    }
  });

  it("the template's name changes with the migrations, so an old one is never loaded", async () => {
    const copy = path.join(dir, "migrations");
    await cp(migrationsFolder, copy, { recursive: true });
    const before = await templateKey(copy);
    assert.equal(before, await templateKey(migrationsFolder));
    const [first] = (await readdir(copy)).filter((f) => f.endsWith(".sql"));
    await appendFile(path.join(copy, first), "\n-- changed\n");
    assert.notEqual(await templateKey(copy), before);
  });
});
