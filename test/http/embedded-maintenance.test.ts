import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { maintainEmbeddedDatabase } from "../../src/db/embedded-maintenance.ts";
import { startTestApp, type TestContext, unique } from "../helpers/app.ts";

/** What autovacuum does, done by Kaja for the embedded database, which has no autovacuum (decision 066). */
describe("maintenance of the embedded database", {
  // PostgreSQL has autovacuum, and a pool whose connections report their counters on their own schedule.
  skip: process.env.DATABASE_URL ? "the embedded database only" : false,
}, () => {
  let ctx: TestContext;
  const table = `kept_${unique().replace(/\W/g, "_")}`;
  const stats = async () => {
    // This connection's counters reach the statistics views at its next transaction's end.
    await ctx.deps.db.execute(sql`select pg_stat_force_next_flush()`);
    await ctx.deps.db.execute(sql`select 1`);
    return (
      await ctx.deps.db.execute(
        sql`select c.reltuples::float8 as known, s.n_dead_tup::float8 as dead
            from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.oid = to_regclass(${table})`,
      )
    ).rows[0] as { known: number; dead: number };
  };
  const run = () => maintainEmbeddedDatabase(ctx.deps.db, [table]);

  before(async () => {
    ctx = await startTestApp();
    await ctx.deps.db.execute(sql.raw(`create table "${table}" (id int primary key, note text)`));
  });
  after(async () => {
    await ctx.deps.db.execute(sql.raw(`drop table if exists "${table}"`));
    await ctx.close();
  });

  it("analyses a table once its changes pass autovacuum's threshold, and not before", async () => {
    await ctx.deps.db.execute(sql.raw(`insert into "${table}" select g, 'a' from generate_series(1, 40) g`));
    assert.deepEqual(await run(), { analyzed: [], vacuumed: [] }, "40 changes: under 50");
    await ctx.deps.db.execute(
      sql.raw(`insert into "${table}" select g, 'b' from generate_series(41, 400) g`),
    );
    assert.deepEqual(await run(), { analyzed: [table], vacuumed: [] });
    assert.equal((await stats()).known, 400, "the statistics count the rows");
    assert.deepEqual(await run(), { analyzed: [], vacuumed: [] }, "nothing changed since");
  });

  it("vacuums a table whose dead rows pass the threshold, analysing it too", async () => {
    await ctx.deps.db.execute(sql.raw(`delete from "${table}" where id <= 200`));
    assert.ok((await stats()).dead >= 200, "the deleted rows are dead rows");
    assert.deepEqual(await run(), { analyzed: [table], vacuumed: [table] });
    const after = await stats();
    assert.equal(after.dead, 0, "vacuumed");
    assert.equal(after.known, 200);
  });
});
