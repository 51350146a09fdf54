import { randomBytes } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { applyGroupsToRollups, OUTCOME_GROUP_COLUMNS, outcomeGroups } from "./rollup-cells.ts";
import { rowProblem, type TRowProblem } from "./row-problems.ts";
import type { TKpiSettingsRow, TTx } from "./settings.ts";

/** Problems of one kind found by a statement over the staging table: the first `limit` by line, all counted. */
export interface TStagedErrors {
  count: number;
  shown: TRowProblem[];
}

const none: TStagedErrors = { count: 0, shown: [] };

/** A row of the staging table that is not a later repeat of a source id earlier in the file. */
const FIRST_OF_ITS_ID = sql`not exists (
  select 1 from contact_stage_repeat d where d.source_id = s.source_id and d.first_line <> s.line)`;

/** Rows naming a queue (not archived), employee or service the organisation does not have. */
export async function stagedCatalogueErrors(tx: TTx, orgId: string, limit: number): Promise<TStagedErrors> {
  const badQueue = sql`q.id is null`;
  const badEmployee = sql`(s.employee_id is not null and e.id is null)`;
  const badService = sql`(s.service_id is not null and sv.id is null)`;
  const found = await tx.execute(sql`
    select s.line, s.queue_id, s.employee_id, s.service_id,
      ${badQueue} as bad_queue, ${badEmployee} as bad_employee, ${badService} as bad_service,
      sum(${badQueue}::int + ${badEmployee}::int + ${badService}::int) over () as total
    from contact_stage s
    left join kpi_queue q on q.org_id = ${orgId} and q.id = s.queue_id and q.archived_at is null
    left join employee e on e.org_id = ${orgId} and e.id = s.employee_id
    left join service sv on sv.org_id = ${orgId} and sv.id = s.service_id
    where ${badQueue} or ${badEmployee} or ${badService}
    order by s.line
    limit ${limit}`);
  const rows = found.rows as {
    line: number;
    queue_id: string;
    employee_id: string | null;
    service_id: string | null;
    bad_queue: boolean;
    bad_employee: boolean;
    bad_service: boolean;
    total: string | number;
  }[];
  if (rows.length === 0) return none;
  const shown: TRowProblem[] = [];
  for (const r of rows) {
    const at = `line ${r.line}`;
    if (r.bad_queue)
      shown.push(
        rowProblem(`${at}.queueId`, "unknown_queue", "kpiUpload.row.unknownQueue", { id: r.queue_id }),
      );
    if (r.bad_employee)
      shown.push(
        rowProblem(`${at}.employeeId`, "unknown_employee", "kpiUpload.row.unknownEmployee", {
          id: String(r.employee_id),
        }),
      );
    if (r.bad_service)
      shown.push(
        rowProblem(`${at}.serviceId`, "unknown_service", "kpiUpload.row.unknownService", {
          id: String(r.service_id),
        }),
      );
  }
  return { count: Number(rows[0].total), shown: shown.slice(0, limit) };
}

/**
 * Finds the source ids that occur more than once in the file (kept in `contact_stage_repeat` with their first
 * line) and returns the later rows whose content differs from the first.
 */
export async function stagedRepeatErrors(tx: TTx, limit: number): Promise<TStagedErrors> {
  await tx.execute(sql`
    create temporary table contact_stage_repeat on commit drop as
    select source_id, min(line) as first_line from contact_stage group by source_id having count(*) > 1`);
  const repeated = await tx.execute(sql`select exists (select 1 from contact_stage_repeat) as any`);
  if (!(repeated.rows[0] as { any: boolean }).any) return none;
  await tx.execute(sql`analyze contact_stage_repeat`);
  const found = await tx.execute(sql`
    select s.line, d.first_line, count(*) over () as total
    from contact_stage s
    join contact_stage_repeat d on d.source_id = s.source_id
    join contact_stage f on f.line = d.first_line
    where s.line <> d.first_line and s.content_hash <> f.content_hash
    order by s.line
    limit ${limit}`);
  const rows = found.rows as { line: number; first_line: number; total: string | number }[];
  if (rows.length === 0) return none;
  return {
    count: Number(rows[0].total),
    shown: rows.map((r) =>
      rowProblem(`line ${r.line}.sourceId`, "repeated_source_id", "kpiUpload.row.repeated", {
        line: String(r.first_line),
      }),
    ),
  };
}

/** Rows whose source id was taken in before (not from this file) with other content. */
export async function stagedConflictErrors(tx: TTx, orgId: string, limit: number): Promise<TStagedErrors> {
  const found = await tx.execute(sql`
    select s.line, count(*) over () as total
    from contact_stage s
    join contact_record c on c.org_id = ${orgId} and c.source_id = s.source_id
    where c.content_hash <> s.content_hash and ${FIRST_OF_ITS_ID}
    order by s.line
    limit ${limit}`);
  const rows = found.rows as { line: number; total: string | number }[];
  if (rows.length === 0) return none;
  return {
    count: Number(rows[0].total),
    shown: rows.map((r) =>
      rowProblem(`line ${r.line}.sourceId`, "source_id_conflict", "kpiUpload.row.conflict"),
    ),
  };
}

/**
 * The first 28 characters of the ids of one upload's records, in the layout of a UUID version 7: the time in
 * milliseconds, the version, 42 random bits and the variant; each record's id ends in its line as 8 hex digits.
 * The ids of an upload follow each other, so the primary key grows at its end instead of at a random place a
 * row (a random UUID a row cost more to make and to index than the rest of the row's insert).
 */
export function orderedIdPrefix(now = Date.now()): string {
  const time = now.toString(16).padStart(12, "0");
  const random = randomBytes(6).toString("hex");
  const variant = ((Number.parseInt(random.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 11)}`;
}

/** The staged rows that are new: the first of their source id in the file, and not stored before. */
function newRows(orgId: string): SQL {
  return sql`${FIRST_OF_ITS_ID}
    and not exists (select 1 from contact_record c where c.org_id = ${orgId} and c.source_id = s.source_id)`;
}

/** How many staged rows would be new (the dry run stops here). */
export async function countNewStaged(tx: TTx, orgId: string): Promise<number> {
  const found = await tx.execute(sql`select count(*) as n from contact_stage s where ${newRows(orgId)}`);
  return Number((found.rows[0] as { n: string | number }).n);
}

/**
 * Writes the new staged rows (the department from the employee, else the service), counts them into the rollups,
 * re-derives first-contact resolution for every unflagged answered contact of the callers they name, and moves
 * the contacts whose outcome changes (earlier ones, and new ones counted with their flag) from the cells of the
 * old outcome to those of the new one. Returns how many rows were written.
 */
export async function writeStaged(tx: TTx, orgId: string, settings: TKpiSettingsRow): Promise<number> {
  // The stage is read in line order (it was copied in that order, and the joins keep the order of the stage's
  // side), so the ids follow each other without a sort: sorting a million staged rows by line spilled 243 MB to
  // disk with the upload's 64 MB of work_mem.
  // What the rollups need of the new records is counted as they are written (by day cell and outcome, a few rows
  // a cell), and the callers they name are kept for FCR: nothing reads the new records back.
  await tx.execute(sql`create temporary table contact_groups (${OUTCOME_GROUP_COLUMNS}) on commit drop`);
  await tx.execute(sql`create temporary table contact_callers (caller_hash text not null) on commit drop`);
  await tx.execute(sql`
    with inserted as (
      insert into contact_record (org_id, id, source_id, kind, queue_id, arrived_at, answered_at, abandoned_at,
        ended_at, employee_id, service_id, department_id, fcr_flag, fcr_outcome, caller_hash, recording_ref,
        content_hash)
      select ${orgId}, ${orderedIdPrefix()} || lpad(to_hex(s.line), 8, '0'), s.source_id, s.kind, s.queue_id,
        s.arrived_at, s.answered_at, s.abandoned_at, s.ended_at, s.employee_id, s.service_id,
        coalesce(e.department_id, sv.department_id), s.fcr_flag, s.fcr_flag, s.caller_hash, s.recording_ref,
        s.content_hash
      from contact_stage s
      left join employee e on e.org_id = ${orgId} and e.id = s.employee_id
      left join service sv on sv.org_id = ${orgId} and sv.id = s.service_id
      where ${newRows(orgId)}
      returning org_id, kind, queue_id, arrived_at, answered_at, abandoned_at, employee_id, service_id,
        department_id, fcr_outcome, caller_hash
    ), callers as (
      insert into contact_callers
      select distinct caller_hash from inserted where caller_hash is not null and service_id is not null
    )
    insert into contact_groups ${outcomeGroups(sql`inserted r`, orgId, settings)}`);
  const written = Number(
    (
      (await tx.execute(sql`select coalesce(sum(n), 0) as n from contact_groups`)).rows[0] as {
        n: string | number;
      }
    ).n,
  );
  if (written === 0) return 0;
  await applyGroupsToRollups(tx, sql`contact_groups g`, 1);
  await tx.execute(sql`analyze contact_callers`);

  // Outcomes that change: the new unflagged answered contacts (none yet) and earlier ones a new contact repeats.
  await tx.execute(sql`
    create temporary table contact_fcr on commit drop as
    select id, outcome from (
      select r.id, r.fcr_outcome,
        not exists (
          select 1 from contact_record l
          where l.org_id = r.org_id and l.caller_hash = r.caller_hash and l.service_id = r.service_id
            and l.arrived_at > r.arrived_at
            and l.arrived_at <= r.arrived_at + make_interval(days => ${settings.fcrWindowDays})
        ) as outcome
      from contact_record r
      where r.org_id = ${orgId} and r.fcr_flag is null and r.answered_at is not null and r.service_id is not null
        and r.caller_hash in (select caller_hash from contact_callers)
    ) c
    where outcome is distinct from fcr_outcome`);
  const changed = Number(
    ((await tx.execute(sql`select count(*) as n from contact_fcr`)).rows[0] as { n: string | number }).n,
  );
  if (changed === 0) return written;
  await tx.execute(sql`analyze contact_fcr`);
  const changing = outcomeGroups(
    sql`(select * from contact_record where org_id = ${orgId} and id in (select id from contact_fcr)) r`,
    orgId,
    settings,
  );
  await applyGroupsToRollups(tx, sql`(${changing}) g`, -1);
  await tx.execute(sql`
    update contact_record r set fcr_outcome = c.outcome
    from contact_fcr c where r.org_id = ${orgId} and r.id = c.id`);
  await applyGroupsToRollups(tx, sql`(${changing}) g`, 1);
  return written;
}
