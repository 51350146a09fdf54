import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/connect.ts";
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
