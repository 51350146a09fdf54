/**
 * The PostgreSQL loader of bench/reports.ts. generateRows writes the sent invitations and answers inside the
 * database, one INSERT … SELECT per organisation (decision 059); copyRows (BENCH_LOADER=copy, decision 049)
 * generates them in this process and streams them with COPY FROM STDIN (two connections, one per table). Both load
 * with `session_replication_role = replica` (no rollup-delta triggers, no foreign-key checks, which the generator
 * satisfies), with the two tables' secondary indexes dropped for the load and built afterwards. The rollups are
 * then counted by the product's own rebuild (bench/reports.ts calls kaja_rollup_rebuild).
 * Only for a database of the bench's own.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One organisation's catalogue ids, as the generated rows reference them. */
export interface TLoadOrg {
  id: string;
  surveyId: string;
  services: string[];
  employees: string[];
  departments: string[];
  channels: string[];
}

export interface TLoadShape {
  employees: number;
  departments: number;
  services: number;
  responseRate: number;
  /** Sending times are spread over [start, end). */
  start: Date;
  end: Date;
}

/** Rows per chunk written to a COPY stream. */
const CHUNK_ROWS = 5_000;
const LOCALES = ["et", "et", "et", "ru", "en"];
const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

const INVITATION_COLUMNS =
  "org_id, id, survey_id, token_hash, locale, service_id, department_id, employee_id, channel_id, audience, state, sent_at";
const RESPONSE_COLUMNS =
  "org_id, id, survey_id, survey_version, invitation_id, score, satisfaction, locale, service_id, department_id, " +
  "employee_id, channel_id, audience, source, received_at, updated_at";

const TABLES = ["survey_invitation", "response"] as const;

export interface TCopyTarget {
  client: pg.Client;
  stream: Writable;
  failure?: Error;
}

async function openCopy(url: string, table: string, columns: string): Promise<TCopyTarget> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // No triggers (rollup deltas) and no foreign-key checks for this session's rows.
  await client.query("set session_replication_role = replica");
  const stream = client.query(copyFrom(`copy ${table} (${columns}) from stdin`)) as unknown as Writable;
  const target: TCopyTarget = { client, stream };
  stream.on("error", (err: Error) => {
    target.failure = err;
  });
  return target;
}

async function write(target: TCopyTarget, text: string): Promise<void> {
  if (target.failure) throw target.failure;
  // events.once rejects when the stream fails meanwhile.
  if (!target.stream.write(text)) await once(target.stream, "drain");
}

async function close(target: TCopyTarget): Promise<void> {
  target.stream.end();
  await finished(target.stream);
  await target.client.end();
}

/** The secondary indexes of the loaded tables (not the ones behind a primary key or a constraint). */
async function secondaryIndexes(client: pg.Client): Promise<{ table: string; name: string; def: string }[]> {
  const result = await client.query(
    `select c.relname as table, i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class c on c.oid = i.indrelid
     where c.relname = any($1) and c.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by 1, 2`,
    [TABLES],
  );
  return result.rows;
}

/** Drops the secondary indexes of survey_invitation and response; returns what buildIndexes recreates. */
export async function dropIndexes(url: string): Promise<{ table: string; name: string; def: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const indexes = await secondaryIndexes(client);
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    return indexes;
  } finally {
    await client.end();
  }
}

/** Builds the dropped indexes again, one connection per table at once. */
export async function buildIndexes(url: string, indexes: { table: string; def: string }[]): Promise<void> {
  await Promise.all(
    TABLES.map(async (table) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("set maintenance_work_mem = '1GB'");
        for (const index of indexes.filter((i) => i.table === table)) await client.query(index.def);
      } finally {
        await client.end();
      }
    }),
  );
}

const clamp = (n: number) => Math.min(10, Math.max(0, n));
const pick = (n: number) => Math.floor(Math.random() * n);

/**
 * Streams `invitations` sent invitations of each organisation and, for `responseRate` of them, an answer. Realistic
 * tags: an employee works in one department, which handles three services, mostly on one channel. Ids, token
 * hashes and sending times rise together (a random instant within each row's own slice of the range), so the
 * primary-key inserts append. `orgs` pairs each organisation with its number in the bench (part of its row ids).
 * Returns the answers written.
 */
export async function copyRows(
  url: string,
  orgs: [number, TLoadOrg][],
  invitations: number,
  shape: TLoadShape,
): Promise<number> {
  const inv = await openCopy(url, "survey_invitation", INVITATION_COLUMNS);
  const res = await openCopy(url, "response", RESPONSE_COLUMNS);
  const start = shape.start.getTime();
  const span = shape.end.getTime() - start;
  const last = shape.end.getTime() - 1000;
  let answers = 0;
  try {
    for (const [index, o] of orgs) {
      const prefix = `b${index}-${o.id.slice(0, 8)}-`;
      const head = `${o.id}\t`;
      const channels = o.channels.length;
      let invText = "";
      let resText = "";
      for (let g = 1; g <= invitations; g++) {
        const e = pick(shape.employees);
        const dep = e % shape.departments;
        const svc = (dep * 3 + pick(3)) % shape.services;
        const ch = Math.random() < 0.8 ? e % channels : pick(channels);
        const locale = LOCALES[pick(LOCALES.length)];
        const sent = start + ((g - Math.random()) / invitations) * span;
        const id = prefix + String(g).padStart(10, "0");
        const audience = svc % 5 === 4 ? "internal" : "external";
        const tags = `${locale}\t${o.services[svc]}\t${o.departments[dep]}\t${o.employees[e]}\t${o.channels[ch]}\t${audience}`;
        invText += `${head}${id}\t${o.surveyId}\t${id}\t${tags}\tsent\t${new Date(sent).toISOString()}\n`;
        if (Math.random() < shape.responseRate) {
          const score = clamp(Math.round(7.5 + (Math.random() - 0.5) * 8 - (Math.random() < 0.1 ? 4 : 0)));
          const roll = Math.random();
          const satisfaction = roll < 0.85 ? String(clamp(score + Math.floor(roll * 5.88) - 2)) : "\\N";
          const received = new Date(Math.min(sent + Math.random() * TWO_DAYS_MS, last)).toISOString();
          resText += `${head}${id}\t${o.surveyId}\t1\t${id}\t${score}\t${satisfaction}\t${tags}\temail\t${received}\t${received}\n`;
          answers++;
        }
        if (g % CHUNK_ROWS === 0) {
          await Promise.all([write(inv, invText), write(res, resText)]);
          invText = "";
          resText = "";
        }
      }
      await Promise.all([write(inv, invText), write(res, resText)]);
    }
    await Promise.all([close(inv), close(res)]);
  } catch (err) {
    for (const t of [inv, res]) {
      t.stream.destroy();
      await t.client.end().catch(() => {});
    }
    throw err;
  }
  return answers;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArrayLiteral = (ids: string[]) => `${literal(`{${ids.join(",")}}`)}::text[]`;

/**
 * One statement that generates an organisation's sent invitations inside the database, writes them straight into
 * survey_invitation and, for `responseRate` of them, an answer into response (a data-modifying WITH: every row is
 * written once, no staging table, no rows on the wire). Same distributions as copyRows: an employee works in one
 * department, which handles three services, mostly on one channel; ids, token hashes and sending times rise
 * together. `index` is the organisation's number in the bench (part of its row ids). Runs on PostgreSQL and PGlite;
 * the caller sets `session_replication_role = replica` (no rollup-delta triggers, no foreign-key checks).
 */
export function generateRowsSql(o: TLoadOrg, index: number, invitations: number, shape: TLoadShape): string {
  const prefix = literal(`b${index}-${o.id.slice(0, 8)}-`);
  const start = literal(shape.start.toISOString());
  const end = literal(shape.end.toISOString());
  const channels = o.channels.length;
  return `
    with inv as (
      insert into survey_invitation (${INVITATION_COLUMNS})
      select ${literal(o.id)}, id, ${literal(o.surveyId)}, id, locale, (${textArrayLiteral(o.services)})[1 + svc],
        (${textArrayLiteral(o.departments)})[1 + dep], (${textArrayLiteral(o.employees)})[1 + e],
        (${textArrayLiteral(o.channels)})[1 + ch], case when svc % 5 = 4 then 'internal' else 'external' end, 'sent', sent
      from (
        select ${prefix} || lpad(g::text, 10, '0') as id, e, e % ${shape.departments} as dep,
          ((e % ${shape.departments}) * 3 + floor(random() * 3)::int) % ${shape.services} as svc,
          case when random() < 0.8 then e % ${channels} else floor(random() * ${channels})::int end as ch,
          (array['et','et','et','ru','en'])[1 + floor(random() * 5)::int] as locale,
          ${start}::timestamptz + ((g - random()) / ${invitations}) * (${end}::timestamptz - ${start}::timestamptz) as sent
        from (select g, floor(random() * ${shape.employees})::int as e
          from generate_series(1, ${invitations}) g offset 0) x
        offset 0) y
      returning id, survey_id, locale, service_id, department_id, employee_id, channel_id, audience, sent_at)
    insert into response (${RESPONSE_COLUMNS})
    select ${literal(o.id)}, id, survey_id, 1, id, score,
      case when roll < 0.85 then least(10, greatest(0, score + floor(roll * 5.88)::int - 2)) end,
      locale, service_id, department_id, employee_id, channel_id, audience, 'email', received, received
    from (
      select inv.*, least(10, greatest(0, round(7.5 + (random() - 0.5) * 8 - (random() < 0.1)::int * 4)))::int as score,
        random() as roll,
        least(sent_at + random() * interval '2 days', ${end}::timestamptz - interval '1 second') as received
      from inv where random() < ${shape.responseRate} offset 0) a`;
}

/**
 * Generates each organisation's rows inside the database (generateRowsSql), `jobs` organisations at once, each
 * worker on a connection of its own with the triggers and foreign-key checks off. Returns nothing; the rows are
 * in time order per organisation.
 */
export async function generateRows(
  url: string,
  orgs: [number, TLoadOrg][],
  invitations: number,
  shape: TLoadShape,
  jobs: number,
): Promise<void> {
  await inParallel(
    Array.from({ length: jobs }, (_, j) => orgs.filter((_, i) => i % jobs === j)),
    jobs,
    async (part) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("set session_replication_role = replica");
        await client.query("set synchronous_commit = off");
        await client.query("set jit = off");
        for (const [index, o] of part) await client.query(generateRowsSql(o, index, invitations, shape));
      } finally {
        await client.end();
      }
    },
  );
}

/** Runs `work` on `items`, `jobs` at a time, each worker taking the next item. */
export async function inParallel<T>(
  items: T[],
  jobs: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * The product's rebuild of the rollups (kaja_rollup_rebuild), one organisation at a time on `jobs` connections at
 * once, with `session_replication_role = replica` so the rollups' foreign-key checks on organization (which the
 * rebuilt cells satisfy by construction) are not run per cell.
 */
export async function rebuildRollups(url: string, orgIds: string[], jobs: number): Promise<void> {
  await inParallel(
    Array.from({ length: jobs }, (_, j) => orgIds.filter((_, i) => i % jobs === j)),
    jobs,
    async (ids) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("set session_replication_role = replica");
        await client.query("set work_mem = '512MB'");
        for (const id of ids) await client.query("select kaja_rollup_rebuild($1)", [id]);
      } finally {
        await client.end();
      }
    },
  );
}
