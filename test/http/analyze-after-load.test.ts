import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { analyzeAfterLoad } from "../../src/db/analyze-after-load.ts";
import { startTestApp, type TestContext, unique } from "../helpers/app.ts";

/** Statistics gathered right after a load that made up much of a table (decision 066). */
describe("statistics after a large load", () => {
  let ctx: TestContext;
  const table = `load_${unique().replace(/\W/g, "_")}`;
  const reltuples = async () =>
    Number(
      (
        await ctx.deps.db.execute(
          sql`select reltuples::float8 as n from pg_class where oid = to_regclass(${table})`,
        )
      ).rows[0].n,
    );
  const load = (n: number) =>
    ctx.deps.db.execute(sql.raw(`insert into "${table}" select g from generate_series(1, ${n}) g`));

  before(async () => {
    ctx = await startTestApp();
    await ctx.deps.db.execute(sql.raw(`create table "${table}" (id int)`));
  });
  after(async () => {
    await ctx.deps.db.execute(sql.raw(`drop table if exists "${table}"`));
    await ctx.close();
  });

  it("analyses a table a load made up most of, and not for a load under the threshold", async () => {
    await load(300);
    assert.equal(await analyzeAfterLoad(ctx.deps.db, [table], 300, 500), false, "under the threshold");
    assert.equal(await analyzeAfterLoad(ctx.deps.db, [table], 300, 100), true);
    assert.equal(await reltuples(), 300, "the statistics count the loaded rows");
  });

  it("leaves a table alone when the load is under a tenth of what its statistics know", async () => {
    await load(20);
    assert.equal(await analyzeAfterLoad(ctx.deps.db, [table], 20, 10), false);
    assert.equal(await reltuples(), 300, "not analysed again");
    await load(40);
    assert.equal(
      await analyzeAfterLoad(ctx.deps.db, [table], 40, 10),
      true,
      "300 known is less than ten times the 40 loaded",
    );
    assert.equal(await reltuples(), 360);
  });
});
