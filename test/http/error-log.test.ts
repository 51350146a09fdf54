import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { contact } from "../../src/db/schema.ts";
import { installErrorHandlers } from "../../src/http/error-handler.ts";
import { loggerOptions } from "../../src/http/log.ts";
import { createTestOrg, startTestApp, type TestContext, unique } from "../helpers/app.ts";

/** The parts of a pino line these tests read. */
interface TLoggedErr {
  message?: string;
  stack?: string;
  params?: unknown;
  detail?: unknown;
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  cause?: TLoggedErr;
}
interface TEntry {
  msg?: string;
  level?: number;
  code?: string;
  err?: TLoggedErr;
}

describe("logged database errors carry no personal data", () => {
  let ctx: TestContext;
  let orgId: string;
  let app: FastifyInstance;
  const lines: string[] = [];
  const email = `mari.maasikas-${unique()}@example.test`;
  const name = `Mari Maasikas ${unique()}`;
  const comment = `Ametnik Jüri oli ebaviisakas ${unique()}`;

  before(async () => {
    ctx = await startTestApp();
    orgId = (await createTestOrg(ctx, "Log Org")).orgId;
    await ctx.deps.db.insert(contact).values({ orgId, id: randomUUID(), email, name });
    // The production logger configuration, writing into `lines` instead of stdout.
    app = Fastify({ logger: { ...loggerOptions("info"), stream: { write: (l: string) => lines.push(l) } } });
    installErrorHandlers(app);
    // A unique violation (409): its detail would be "Key (org_id, email)=(…, <e-mail>) already exists."
    app.get("/duplicate", async () => {
      await ctx.deps.db.insert(contact).values({ orgId, id: randomUUID(), email, name });
    });
    // A not-null violation (500, logged as an error): its detail would be "Failing row contains (… <comment> …)".
    app.get("/not-null", async () => {
      await ctx.deps.db.execute(sql`INSERT INTO response (org_id, comment) VALUES (${orgId}, ${comment})`);
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  /** The log lines written while `fn` runs, parsed. */
  async function logged(fn: () => Promise<unknown>): Promise<{ text: string; entries: TEntry[] }> {
    const from = lines.length;
    await fn();
    const mine = lines.slice(from);
    return { text: mine.join(""), entries: mine.map((l) => JSON.parse(l)) };
  }

  it("logs a failed request's database error with message, code and column, but no values", async () => {
    const { text, entries } = await logged(async () => {
      const res = await app.inject({ method: "GET", url: "/not-null" });
      assert.equal(res.statusCode, 500);
      assert.doesNotMatch(res.body, /Ametnik/);
    });
    assert.ok(!text.includes(comment), `the comment leaked into the log: ${text}`);
    assert.ok(!text.includes("Ametnik"), text);
    assert.ok(!text.includes(orgId), "no parameter values at all");
    const failed = entries.find((e) => e.msg === "request failed");
    assert.ok(failed, text);
    assert.match(String(failed.err?.message), /^Failed query: INSERT INTO response/);
    assert.equal(failed.err?.cause?.code, "23502");
    assert.equal(failed.err?.cause?.table, "response");
    assert.equal(failed.err?.cause?.column, "id");
    assert.match(String(failed.err?.cause?.message), /violates not-null constraint/);
    assert.ok(failed.err?.stack, "the stack is kept");
    assert.equal(failed.err?.params, undefined);
    assert.equal(failed.err?.cause?.detail, undefined);
  });

  it("logs a background job's database error (as the job runner does) without the e-mail or name", async () => {
    const err = await ctx.deps.db
      .insert(contact)
      .values({ orgId, id: randomUUID(), email, name })
      .then(() => assert.fail("the insert should fail"))
      .catch((e: unknown) => e);
    const { text, entries } = await logged(async () => {
      app.log.error({ err, job: "dispatch-due" }, "background job failed");
    });
    assert.ok(!text.includes(email), `the e-mail leaked into the log: ${text}`);
    assert.ok(!text.includes(email.split("@")[0]), text);
    assert.ok(!text.includes(name), text);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].err?.cause?.code, "23505");
    assert.equal(entries[0].err?.cause?.constraint, "contact_org_email_uq");
  });

  it("redacts a value that PostgreSQL quotes in the message itself", async () => {
    const err = await ctx.deps.db
      .execute(sql`SELECT ${email}::int`)
      .then(() => assert.fail("the cast should fail"))
      .catch((e: unknown) => e);
    const { text, entries } = await logged(async () => {
      app.log.error({ err }, "background job failed");
    });
    assert.ok(!text.includes(email.split("@")[0]), `the value leaked into the log: ${text}`);
    assert.equal(entries[0].err?.cause?.code, "22P02");
    assert.match(String(entries[0].err?.cause?.message), /^invalid input syntax for type integer/);
  });

  it("expected errors stay at info with only their code", async () => {
    const { text, entries } = await logged(async () => {
      const res = await app.inject({ method: "GET", url: "/duplicate" });
      assert.equal(res.statusCode, 409);
    });
    const rejected = entries.find((e) => e.msg === "request rejected");
    assert.equal(rejected?.code, "CONFLICT");
    assert.equal(rejected?.level, 30);
    assert.ok(!text.includes(email), text);
  });
});
