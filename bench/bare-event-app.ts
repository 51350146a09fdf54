/**
 * The service-event benches' bare baseline: Fastify that looks the bearer key up by its hash, then one INSERT.
 * Used by bench/service-events.ts (over HTTP) and bench/service-events-cpu.ts (in process).
 */
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import type { Db } from "../src/db/connect.ts";
import { registerHotStatement } from "../src/db/pglite-named-statements.ts";

/** Creates the baseline's two tables and its app; `drop` removes the tables again. */
export async function bareEventApp(db: Db): Promise<{ app: FastifyInstance; drop: () => Promise<void> }> {
  await db.execute(sql`create table if not exists bench_key (hash text primary key, org_id text not null)`);
  await db.execute(
    sql`create table if not exists bench_event (id bigserial primary key, org_id text not null, email text not null, occurred_at timestamptz not null)`,
  );
  await db.execute(sql`insert into bench_key values (md5('bench-key'), 'org') on conflict do nothing`);
  // The embedded database names only registered statements (src/db/pglite-named-statements.ts): the
  // baseline's two statements are registered as Kaja's hot ones are, so both sides run alike.
  registerHotStatement("select org_id from bench_key where hash = md5($1)");
  registerHotStatement("insert into bench_event (org_id, email, occurred_at) values ($1, $2, $3)");
  const app = Fastify();
  app.post("/events", async (request, reply) => {
    const key = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    const r = await db.execute(sql`select org_id from bench_key where hash = md5(${key})`);
    const org = (r.rows[0] as { org_id: string } | undefined)?.org_id;
    if (!org) return reply.status(401).send({});
    const b = request.body as { contact: { email: string }; occurredAt: string };
    await db.execute(
      sql`insert into bench_event (org_id, email, occurred_at) values (${org}, ${b.contact.email}, ${b.occurredAt})`,
    );
    return reply.status(202).send({ ok: true });
  });
  const drop = async () => {
    await db.execute(sql`drop table bench_event`);
    await db.execute(sql`drop table bench_key`);
  };
  return { app, drop };
}
