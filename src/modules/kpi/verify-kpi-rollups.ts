import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { civilDate } from "../../domain/time-zone.ts";
import { KPI_COUNT_COLUMNS, WAIT_BUCKETS } from "./schema.ts";

type TGrain = "kpi_rollup_day" | "kpi_rollup_month";

export interface TKpiRollupDifference {
  table: TGrain;
  key: string;
  expected: Record<string, number>;
  actual: Record<string, number>;
}

export interface TKpiRollupVerification {
  cells: Record<TGrain, number>;
  differences: TKpiRollupDifference[];
}

interface TRawRecord {
  org_id: string;
  time_zone: string;
  kind: string;
  queue_id: string;
  service_id: string | null;
  department_id: string | null;
  employee_id: string | null;
  arrived_at: Date;
  answered_at: Date | null;
  abandoned_at: Date | null;
  fcr_outcome: boolean | null;
  sl: number;
  short: number;
}

const zero = () => Object.fromEntries(KPI_COUNT_COLUMNS.map((c) => [c, 0])) as Record<string, number>;

/** One record's contribution, computed in TypeScript from the raw times (independently of the rollup SQL). */
function countsOf(r: TRawRecord): Record<string, number> {
  const c = zero();
  const arrived = new Date(r.arrived_at).getTime();
  const endOfWait = r.answered_at ?? r.abandoned_at;
  const waitMs = endOfWait ? new Date(endOfWait).getTime() - arrived : 0;
  const answered = r.answered_at !== null;
  const short = !answered && waitMs < r.short * 1000;
  if (short) {
    c.short_abandoned = 1;
    return c;
  }
  c.offered = 1;
  c.wait_ms = Math.round(waitMs);
  const bucket = WAIT_BUCKETS.findIndex((upper) => waitMs <= upper * 1000);
  c[`w${bucket}`] = 1;
  if (!answered) {
    c.abandoned = 1;
    return c;
  }
  c.answered = 1;
  c.answer_wait_ms = Math.round(waitMs);
  if (waitMs <= r.sl * 1000) c.answered_within = 1;
  if (r.fcr_outcome !== null) c.fcr_measured = 1;
  if (r.fcr_outcome) c.fcr_resolved = 1;
  return c;
}

/**
 * Recomputes every KPI rollup cell (of one organisation, or of all: the operator's check, hence `unsafe`) from the
 * raw contact records and lists each difference.
 */
export async function unsafeVerifyKpiRollups(db: Db, orgId?: string): Promise<TKpiRollupVerification> {
  const org = orgId ? sql`and r.org_id = ${orgId}` : sql``;
  const raw = await db.execute(sql`
    select r.org_id, o.time_zone, r.kind, r.queue_id, r.service_id, r.department_id, r.employee_id,
      r.arrived_at, r.answered_at, r.abandoned_at, r.fcr_outcome,
      coalesce(s.service_level_seconds, 20) as sl, coalesce(s.short_abandon_seconds, 5) as short
    from contact_record r join organization o on o.id = r.org_id left join kpi_settings s on s.org_id = r.org_id
    where true ${org}`);
  const expected: Record<TGrain, Map<string, Record<string, number>>> = {
    kpi_rollup_day: new Map(),
    kpi_rollup_month: new Map(),
  };
  for (const r of raw.rows as TRawRecord[]) {
    const day = civilDate(new Date(r.arrived_at), r.time_zone);
    const counts = countsOf(r);
    const keys: [TGrain, string][] = [
      [
        "kpi_rollup_day",
        [r.org_id, day, r.kind, r.queue_id, r.service_id, r.department_id, r.employee_id].join("|"),
      ],
      [
        "kpi_rollup_month",
        [r.org_id, `${day.slice(0, 7)}-01`, r.kind, r.queue_id, r.service_id, r.department_id].join("|"),
      ],
    ];
    for (const [table, key] of keys) {
      const cell = expected[table].get(key) ?? zero();
      for (const c of KPI_COUNT_COLUMNS) cell[c] += counts[c];
      expected[table].set(key, cell);
    }
  }
  const where = orgId ? sql`where org_id = ${orgId}` : sql``;
  const differences: TKpiRollupDifference[] = [];
  const cells = { kpi_rollup_day: 0, kpi_rollup_month: 0 };
  for (const table of ["kpi_rollup_day", "kpi_rollup_month"] as const) {
    const period = table === "kpi_rollup_day" ? "day" : "month";
    const extra = table === "kpi_rollup_day" ? ", coalesce(employee_id, '')" : "";
    const stored = await db.execute(sql`
      select concat_ws('|', org_id, ${sql.raw(period)}::text, kind, queue_id, coalesce(service_id, ''),
        coalesce(department_id, '')${sql.raw(extra)}) as key, ${sql.raw(KPI_COUNT_COLUMNS.map((c) => `${c}::float8 as ${c}`).join(", "))}
      from ${sql.raw(table)} ${where}`);
    const actual = new Map(
      (stored.rows as Record<string, unknown>[]).map((row) => [
        String(row.key),
        Object.fromEntries(KPI_COUNT_COLUMNS.map((c) => [c, Number(row[c])])),
      ]),
    );
    const norm = (key: string) =>
      key
        .split("|")
        .map((p) => (p === "null" ? "" : p))
        .join("|");
    const expectedByKey = new Map([...expected[table]].map(([k, v]) => [norm(k), v]));
    for (const key of new Set([...expectedByKey.keys(), ...actual.keys()])) {
      const e = expectedByKey.get(key) ?? zero();
      const a = actual.get(key) ?? zero();
      if (KPI_COUNT_COLUMNS.some((c) => a[c] !== 0)) cells[table] += 1;
      if (KPI_COUNT_COLUMNS.some((c) => e[c] !== a[c]))
        differences.push({ table, key, expected: e, actual: a });
    }
  }
  return { cells, differences };
}
