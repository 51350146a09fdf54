import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { contact, invitationDelivery, surveyInvitation } from "../../src/db/schema.ts";
import { bulkSend, type TBulkReport } from "../../src/modules/distribution/bulk-send.ts";
import { csvRows } from "../../src/modules/distribution/read-bulk-file.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { bulkScenario, type TExpected, toCsv, toXlsx } from "../fixtures/distribution/bulk-scenario.ts";
import {
  contactByEmail,
  countRows,
  seedCatalog,
  seedSurvey,
  type TCatalog,
} from "../fixtures/distribution/setup.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type TSkipped = TBulkReport["skippedRows"][number];
const shape = (l: TSkipped) => ({ line: l.line, state: "skipped", reason: l.reason });
const skippedOf = (expected: TExpected[]) => expected.filter((e) => e.state === "skipped");

/** Each line's outcome as a report gives it: the skipped lines listed, every other line of the file scheduled. */
function linesOf(report: TBulkReport, firstLine = 2) {
  const skipped = new Map(report.skippedRows.map((l) => [l.line, l]));
  assert.equal(report.skipped, skipped.size, "every skipped row is listed");
  return Array.from({ length: report.rows }, (_, i) => {
    const l = skipped.get(firstLine + i);
    return { line: firstLine + i, state: l ? "skipped" : "scheduled", ...(l ? { reason: l.reason } : {}) };
  });
}

describe("bulk sends (POST /api/v1/surveys/:id/bulk-sends)", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let cat: TCatalog;
  let foreign: TCatalog;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    cat = await seedCatalog(ctx.deps.db, a.orgId);
    foreign = await seedCatalog(ctx.deps.db, b.orgId);
    surveyId = await seedSurvey(ctx.deps.db, a.orgId, "relationship");
  });
  after(() => ctx.close());

  const upload = (
    body: string | Buffer,
    type: string,
    dryRun: boolean,
    headers = asUser(a.owner),
    id = surveyId,
  ) =>
    ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${id}/bulk-sends?dryRun=${dryRun}`,
      headers: { ...headers, "content-type": type },
      payload: body,
    });

  /** Invitations stored for one bulk run, per state/reason, and by line through the report's ids. */
  async function stored(bulkId: string) {
    const rows = await ctx.deps.db
      .select({
        id: surveyInvitation.id,
        state: surveyInvitation.state,
        reason: surveyInvitation.reason,
        scheduledAt: surveyInvitation.scheduledAt,
      })
      .from(surveyInvitation)
      .innerJoin(
        invitationDelivery,
        and(
          eq(invitationDelivery.orgId, surveyInvitation.orgId),
          eq(invitationDelivery.invitationId, surveyInvitation.id),
        ),
      )
      .where(and(eq(surveyInvitation.orgId, a.orgId), eq(invitationDelivery.bulkId, bulkId)));
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** What a real run stored, as counts: scheduled per send instant, skipped per reason. */
  async function storedCounts(bulkId: string) {
    const bySendAt: Record<string, number> = {};
    const byReason: Record<string, number> = {};
    for (const r of (await stored(bulkId)).values()) {
      if (r.state === "scheduled") {
        const at = r.scheduledAt?.toISOString() ?? "none";
        bySendAt[at] = (bySendAt[at] ?? 0) + 1;
      } else if (r.reason) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
    }
    return { bySendAt, byReason };
  }

  async function dryThenReal(file: string | Buffer, type: string, expected: TExpected[]) {
    const before = await countRows(ctx.deps.db, a.orgId);
    const dry = await upload(file, type, true);
    assert.equal(dry.statusCode, 200, dry.body);
    const report = dry.json() as TBulkReport;
    assert.equal(report.dryRun, true);
    assert.equal(report.bulkId, null);
    assert.deepEqual(
      report.skippedRows.map(shape),
      skippedOf(expected),
      "the dry run reports each skipped line with its reason",
    );
    assert.equal(report.rows, expected.length);
    assert.equal(report.scheduled, expected.length - skippedOf(expected).length);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before, "the dry run writes nothing");

    const real = await upload(file, type, false);
    assert.equal(real.statusCode, 200, real.body);
    const done = real.json() as TBulkReport;
    assert.equal(done.dryRun, false);
    assert.ok(done.bulkId);
    assert.deepEqual(
      done.skippedRows,
      report.skippedRows,
      "the real run skips exactly the lines the dry run said, with the same reasons and details",
    );
    for (const k of ["rows", "scheduled", "skipped", "byReason", "bySendDay"] as const) {
      assert.deepEqual(done[k], report[k], k);
    }
    const rows = await stored(done.bulkId as string);
    assert.equal(rows.size, expected.length, "one invitation per row");
    const counted: Record<string, number> = {};
    for (const r of rows.values()) if (r.reason) counted[r.reason] = (counted[r.reason] ?? 0) + 1;
    assert.equal(
      [...rows.values()].filter((r) => r.state === "scheduled").length,
      done.scheduled,
      "every row reported scheduled is stored scheduled",
    );
    assert.deepEqual(counted, report.byReason, "stored reasons match the dry run's totals");
    const after = await countRows(ctx.deps.db, a.orgId);
    assert.equal(after.invitations - before.invitations, expected.length);
    assert.equal(after.deliveries - before.deliveries, expected.length);
    return { report, done };
  }

  it("CSV: the dry run reports every line and writes nothing; the real run then does exactly that", async () => {
    const { rows, expected, person, externalId } = await bulkScenario(
      ctx.deps.db,
      a.orgId,
      cat,
      foreign.serviceId,
    );
    const { report } = await dryThenReal(toCsv(rows), "text/csv", expected);
    assert.equal(report.rows, 15);
    assert.equal(report.scheduled, 4);
    assert.deepEqual(report.byReason, {
      duplicate_event: 2,
      invalid_address: 2,
      opted_out: 1,
      quarantine: 2,
      no_address: 1,
      invalid_tag: 2,
      invalid_row: 1,
    });
    assert.equal(
      Object.values(report.bySendDay).reduce((s, n) => s + n, 0),
      4,
      "every scheduled row counted under its send day",
    );
    assert.match(
      report.skippedRows.find((l) => l.line === 4)?.detail ?? "",
      /line 2/,
      "a duplicate names the line it repeats",
    );
    const good2 = await contactByEmail(ctx.deps.db, a.orgId, person("good2"));
    assert.equal(good2?.locale, "ru");
    assert.equal(good2?.externalId, externalId);
    const noAddress = await ctx.deps.db
      .select()
      .from(contact)
      .where(and(eq(contact.orgId, a.orgId), eq(contact.externalId, `${externalId}-noaddress`)));
    assert.equal(noAddress.length, 1, "a person without an address is still kept, to be completed later");
    assert.equal(
      await contactByEmail(ctx.deps.db, a.orgId, "not-an-address"),
      undefined,
      "a malformed address is never stored",
    );
  });

  it("XLSX: the same checks on a workbook written with exceljs", async () => {
    const { rows, expected } = await bulkScenario(ctx.deps.db, a.orgId, cat, foreign.serviceId);
    await dryThenReal(await toXlsx(rows), XLSX, expected);
  });

  it("with a fixed clock the dry run and the real run agree exactly, send times included", async () => {
    const now = new Date("2026-06-19T13:00:00Z"); // Friday 16:00 in Tallinn
    const { rows, expected } = await bulkScenario(ctx.deps.db, a.orgId, cat, foreign.serviceId, now);
    const csv = toCsv(rows);
    const run = (dryRun: boolean) =>
      bulkSend(ctx.deps.db, { orgId: a.orgId, surveyId, rows: () => csvRows(csv), dryRun, now });
    const dry = await run(true);
    const real = await run(false);
    assert.deepEqual(linesOf(dry), expected);
    assert.deepEqual(linesOf(real), linesOf(dry), "line by line");
    assert.deepEqual(real.skippedRows, dry.skippedRows);
    for (const k of ["rows", "scheduled", "skipped", "byReason", "bySendDay"] as const) {
      assert.deepEqual(real[k], dry[k], k);
    }
    // Contacts on Friday at 13:00, 14:00 and 16:00 Tallinn time → Monday 22 June 09:00 EEST.
    assert.deepEqual(dry.bySendDay, { "2026-06-22": 4 });
    assert.deepEqual(
      await storedCounts(real.bulkId as string),
      { bySendAt: { "2026-06-22T06:00:00.000Z": 4 }, byReason: dry.byReason },
      "the invitations stored are those the dry run reported, send times included",
    );
  });

  it("across batches of a thousand rows, the dry run still sees what earlier rows would do", async () => {
    const now = new Date("2026-06-19T13:00:00Z");
    const tag = randomUUID().slice(0, 8);
    const at = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
    const lines = ["email,external_id,occurred_at"];
    for (let i = 0; i < 2600; i++) lines.push(`p${i}-${tag}@example.test,${tag}-${i},${at(2)}`);
    lines[1501] = `p5-${tag}@example.test,,${at(2)}`; // line 1502: the same event as line 7
    lines[2101] = `,${tag}-10,${at(3)}`; // line 2102: the person of line 12 again → quarantine
    lines[2501] = `p20-${tag}@example.test,${tag}-moved,${at(1)}`; // line 2502: line 22's address, another id
    const csv = lines.join("\n");
    const run = (dryRun: boolean) =>
      bulkSend(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        rows: () => csvRows(csv),
        dryRun,
        now,
        batchSize: 1000,
      });
    const before = await countRows(ctx.deps.db, a.orgId);
    const dry = await run(true);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
    const at1502 = dry.skippedRows.find((l) => l.line === 1502);
    assert.deepEqual(
      [at1502?.reason, at1502?.detail],
      ["duplicate_event", "the same person and contact time as line 7"],
    );
    assert.equal(dry.skippedRows.find((l) => l.line === 2102)?.reason, "quarantine");
    assert.equal(
      dry.skippedRows.find((l) => l.line === 2502)?.reason,
      "quarantine",
      "the address brings its last survey",
    );
    assert.deepEqual(dry.byReason, { duplicate_event: 1, quarantine: 2 });
    const real = await run(false);
    assert.deepEqual(linesOf(real), linesOf(dry));
    assert.deepEqual(real.skippedRows, dry.skippedRows);
    assert.deepEqual(real.bySendDay, dry.bySendDay);
    const kept = await storedCounts(real.bulkId as string);
    assert.deepEqual(kept.byReason, dry.byReason, "the stored reasons are the dry run's");
    assert.equal(
      Object.values(kept.bySendAt).reduce((s, n) => s + n, 0),
      dry.scheduled,
      "every row the dry run scheduled is stored scheduled",
    );
    const after = await countRows(ctx.deps.db, a.orgId);
    assert.equal(after.invitations - before.invitations, 2600);
    // 2,600 rows, three of them about people already in the file, one naming a new external id.
    assert.equal(after.contacts - before.contacts, 2598);
  });

  it("a contact written by an earlier batch is not read back over what later batches changed", async () => {
    // One row a batch: the run reads batch k + 2's contacts before it writes batch k + 1. Line 4 gives the person
    // of lines 2–3 another address (a bad language keeps it from prefetching, so it is decided before line 5's
    // contacts are read); line 5's address is then still that person's in the database, but no longer theirs.
    const tag = randomUUID().slice(0, 8);
    const [x, w, ext] = [`x-${tag}@example.test`, `w-${tag}@example.test`, `${tag}-q`];
    const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const csv = [
      "email,external_id,locale,occurred_at",
      `${x},,,${at(4)}`,
      `${x},${ext},,${at(3)}`,
      `${w},${ext},xx,${at(2)}`,
      `${x},,,${at(1)}`,
    ].join("\n");
    const report = await bulkSend(ctx.deps.db, {
      orgId: a.orgId,
      surveyId,
      rows: () => csvRows(csv),
      dryRun: false,
      now: new Date(),
      batchSize: 1,
    });
    assert.deepEqual(report.byReason, { quarantine: 1, invalid_row: 1 });
    const moved = await contactByEmail(ctx.deps.db, a.orgId, w);
    const fresh = await contactByEmail(ctx.deps.db, a.orgId, x);
    assert.equal(moved?.externalId, ext, "the person of lines 2–4 has line 4's address");
    assert.ok(fresh, "line 5's address belongs to a contact");
    assert.notEqual(fresh.id, moved.id, "a new contact, not the person who had the address before");
    const [line5] = await ctx.deps.db
      .select({ contactId: surveyInvitation.contactId, state: surveyInvitation.state })
      .from(surveyInvitation)
      .innerJoin(
        invitationDelivery,
        and(
          eq(invitationDelivery.orgId, surveyInvitation.orgId),
          eq(invitationDelivery.invitationId, surveyInvitation.id),
        ),
      )
      .where(
        and(
          eq(surveyInvitation.orgId, a.orgId),
          eq(invitationDelivery.bulkId, report.bulkId as string),
          eq(surveyInvitation.contactId, fresh.id),
        ),
      );
    assert.deepEqual(line5, { contactId: fresh.id, state: "scheduled" });
  });

  it("sends its statements to the connection one at a time, none queued in the driver (PostgreSQL)", async (t) => {
    if (ctx.deps.database.kind !== "postgres") return t.skip("node-postgres only");
    const tag = randomUUID().slice(0, 8);
    const lines = ["email,external_id,occurred_at"];
    const at = new Date(Date.now() - 3_600_000).toISOString();
    for (let i = 0; i < 1200; i++) lines.push(`q${i}-${tag}@example.test,${tag}-${i},${at}`);
    const csv = lines.join("\n");
    // node-postgres 8 warns when a query arrives while another waits in its queue (9 refuses it): the same check.
    const query = pg.Client.prototype.query;
    let calls = 0;
    let queued = 0;
    pg.Client.prototype.query = function (this: { _queryQueue: unknown[] }, ...args: unknown[]) {
      assert.ok(Array.isArray(this._queryQueue), "the driver's queue is where it was");
      calls += 1;
      if (this._queryQueue.length > 0) queued += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      for (const dryRun of [true, false]) {
        const report = await bulkSend(ctx.deps.db, {
          orgId: a.orgId,
          surveyId,
          rows: () => csvRows(csv),
          dryRun,
          now: new Date(),
          batchSize: 100,
        });
        assert.equal(report.scheduled, 1200);
      }
    } finally {
      pg.Client.prototype.query = query;
    }
    assert.ok(calls > 24, `the runs reached the database (${calls} statements)`);
    assert.equal(queued, 0, "statements queued behind another");
  });

  it("accepts semicolon-separated CSV (as Excel writes it in Estonia)", async () => {
    const csv = `email;name\n${randomUUID().slice(0, 8)}@example.test;Tiit\n`;
    const res = await upload(csv, "text/csv", true);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().scheduled, 1);
  });

  it("stores names with tabs, backslashes and line breaks as written (the rows go in with COPY)", async () => {
    const tag = randomUUID().slice(0, 8);
    const names = ["Tab\there", "Back\\slash \\N", "Two\nlines\r\nthree", "\\."];
    const csv = `email,name,external_id\n${names
      .map((n, i) => `copy${i}-${tag}@example.test,"${n}",x\\${i}\t${tag}`)
      .join("\n")}\n`;
    const res = await upload(csv, "text/csv", false);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().scheduled, names.length, res.body);
    for (const [i, name] of names.entries()) {
      const c = await contactByEmail(ctx.deps.db, a.orgId, `copy${i}-${tag}@example.test`);
      assert.equal(c?.name, name);
      assert.equal(c?.externalId, `x\\${i}\t${tag}`);
    }
  });

  it("rejects a file it cannot read, naming the problem, and writes nothing", async () => {
    const before = await countRows(ctx.deps.db, a.orgId);
    const unknown = await upload("email,shoe_size\nx@example.test,42\n", "text/csv", false);
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.match(unknown.json().detail, /shoe_size/);
    const noKey = await upload("name\nMari\n", "text/csv", false);
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.json().detail, /email or external_id/);
    const garbage = await upload(Buffer.from("not a workbook"), XLSX, false);
    assert.equal(garbage.statusCode, 400, garbage.body);
    const empty = await upload("", "text/csv", false);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().errors[0].path, /^body/);
    const json = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=false`,
      headers: asUser(a.owner),
      payload: { email: "x@example.test" },
    });
    assert.equal(json.statusCode, 400);
    const pdf = await upload("email\nx@example.test\n", "application/pdf", false);
    assert.equal(pdf.statusCode, 415, pdf.body);
    const badQuery = await upload("email\nx@example.test\n", "text/csv", "maybe" as unknown as boolean);
    assert.equal(badQuery.statusCode, 400);
    assert.equal(badQuery.json().errors[0].path, "querystring.dryRun");
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
  });

  it("401 without credentials, 403 for an analyst, 404 for another organisation's survey; nothing written", async () => {
    const csv = `email\n${randomUUID().slice(0, 8)}@example.test\n`;
    const before = await countRows(ctx.deps.db, a.orgId);
    assert.equal((await upload(csv, "text/csv", false, {} as ReturnType<typeof asUser>)).statusCode, 401);
    assert.equal((await upload(csv, "text/csv", false, asUser(await a.as("analyst")))).statusCode, 403);
    const cross = await upload(csv, "text/csv", false, asUser(b.owner));
    assert.equal(cross.statusCode, 404, cross.body);
    const unknownSurvey = await upload(csv, "text/csv", false, asUser(a.owner), randomUUID());
    assert.equal(unknownSurvey.statusCode, 404);
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
    const [n] = await ctx.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyInvitation)
      .where(eq(surveyInvitation.orgId, b.orgId));
    assert.equal(Number(n.n), 0);
  });
});
