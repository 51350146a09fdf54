import type { Db } from "../../db/connect.ts";
import { addDays } from "../../domain/time-zone.ts";
import { findKpiCells, sumKpiCells } from "../kpi/find-kpis.ts";
import type { TCellCounts } from "../kpi/kpi-figures.ts";
import type { TKpiTargets } from "../kpi/schema.ts";
import { getKpiSettings } from "../kpi/settings.ts";
import { findReplyComplianceByMonth } from "../kpi/written-requests.ts";
import type { TActiveAgency } from "./active-agencies.ts";
import type { TGroupFilters } from "./contracts.ts";

/** Written requests received: replied on time, due (outcome known) and still inside their deadline. */
export interface TReplyCounts {
  due: number;
  onTime: number;
  pending: number;
}

/** The KPI counts of one agency, month or pool: null where there is nothing recorded (no data, not zero). */
export interface TKpiCounts {
  contacts: TCellCounts | null;
  replies: TReplyCounts | null;
}

export interface TAgencyKpis {
  serviceLevelSeconds: number;
  targets: TKpiTargets;
  total: TKpiCounts;
  /** Keyed by the first day of the month (2026-03-01), as the answer figures' months. */
  months: Map<string, TKpiCounts>;
}

/** Without a filter, every month the rollups can hold. */
const EARLIEST = "2000-01-01";
const LATEST = "2099-12-31";

const replyCounts = (r: { due: number; onTime: number; pending: number }): TReplyCounts | null =>
  r.due + r.pending === 0 ? null : { due: r.due, onTime: r.onTime, pending: r.pending };

/**
 * One agency's contact-centre KPI counts (from the KPI rollups, by month) and written-reply counts for the
 * period of the filters, through the KPI module's own queries. Reads another organisation's data on purpose
 * (hence `unsafe`): call it only for an agency from `activeAgencies` of the reading parent body.
 */
export async function unsafeAgencyKpis(
  db: Db,
  agency: TActiveAgency,
  filters: Pick<TGroupFilters, "from" | "to" | "serviceType">,
  kind: string,
): Promise<TAgencyKpis> {
  const from = filters.from ?? EARLIEST;
  // The group filters' `to` is the day after the last; the KPI queries take the last day.
  const to = filters.to ? addDays(filters.to, -1) : LATEST;
  const [settings, kpis, replies] = await Promise.all([
    getKpiSettings(db, agency.id),
    findKpiCells(db, agency.id, {
      from,
      to,
      period: "month",
      by: "none",
      kind,
      serviceType: filters.serviceType,
    }),
    findReplyComplianceByMonth(db, agency.id, { from, to, serviceType: filters.serviceType }),
  ]);
  const months = new Map<string, TKpiCounts>();
  const month = (key: string) => {
    const found = months.get(key) ?? { contacts: null, replies: null };
    months.set(key, found);
    return found;
  };
  for (const cell of kpis.cells) month(`${cell.period}-01`).contacts = sumKpiCells([cell]);
  for (const [key, r] of replies.months) month(`${key}-01`).replies = replyCounts(r);
  return {
    serviceLevelSeconds: settings.serviceLevelSeconds,
    targets: settings.targets,
    total: {
      contacts: kpis.cells.length ? sumKpiCells(kpis.cells) : null,
      replies: replyCounts(replies.total),
    },
    months: new Map([...months].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Sums KPI counts (never percentages); null stays null where no part has data. */
export function addKpiCounts(parts: readonly TKpiCounts[]): TKpiCounts {
  const contacts = parts.flatMap((p) => (p.contacts ? [p.contacts] : []));
  const replies = parts.flatMap((p) => (p.replies ? [p.replies] : []));
  return {
    contacts: contacts.length ? sumKpiCells(contacts) : null,
    replies: replies.length
      ? {
          due: replies.reduce((a, r) => a + r.due, 0),
          onTime: replies.reduce((a, r) => a + r.onTime, 0),
          pending: replies.reduce((a, r) => a + r.pending, 0),
        }
      : null,
  };
}
