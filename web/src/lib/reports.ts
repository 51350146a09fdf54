import { useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import { AUDIENCES, type Audience, SERVICE_TYPES, type ServiceType } from "./types.ts";

/** Dimensions a summary can be grouped by. */
export type GroupBy =
  | "month"
  | "week"
  | "day"
  | "service"
  | "serviceType"
  | "department"
  | "employee"
  | "channel"
  | "audience";

/** A 95 % interval in index points. */
export type Interval = { low: number; high: number };

/** Figures of a group or of the total, as GET /api/v1/reports/summary sends them. */
export type ReportFigures = {
  answers: number;
  withheld: boolean;
  lowReliability: boolean;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  promoterPct: number | null;
  passivePct: number | null;
  detractorPct: number | null;
  nps: number | null;
  npsInterval: Interval | null;
  scores: number[] | null;
  satisfaction: {
    answers: number;
    withheld: boolean;
    lowReliability: boolean;
    index: number | null;
    interval: Interval | null;
  };
  invitationsSent: number;
  invitationAnswers: number;
  responseRate: number | null;
};

export type ReportGroup = ReportFigures & {
  keys: { dimension: GroupBy; id: string | null; label: string | null }[];
};

export type Summary = {
  meta: {
    from: string | null;
    to: string | null;
    minSample: number;
    lowReliabilityBelow: number;
    groupLabels: { promoter: string; passive: string; detractor: string };
    scope: "organisation" | "departments" | "employees";
  };
  groups: ReportGroup[];
  total: ReportFigures;
};

/** Period presets of the dashboard. */
export const PRESETS = ["30d", "month", "12m"] as const;
export type Preset = (typeof PRESETS)[number];

const ID_KEYS = ["surveyId", "serviceId", "channelId", "departmentId", "employeeId"] as const;

/** The dashboard's filters as they stand in the address bar (from/to are inclusive days, YYYY-MM-DD). */
export type DashboardFilters = {
  period?: Preset;
  from?: string;
  to?: string;
  surveyId?: string;
  serviceId?: string;
  serviceType?: ServiceType;
  /** External clients, internal clients or partners (the service's audience). */
  audience?: Audience;
  channelId?: string;
  departmentId?: string;
  employeeId?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Reads the filters from search params, dropping anything malformed (a shared link never breaks the screen). */
export function parseDashboardFilters(s: Record<string, unknown>): DashboardFilters {
  const f: DashboardFilters = {};
  for (const k of ID_KEYS) if (UUID.test(str(s[k]) ?? "")) f[k] = str(s[k]);
  const type = SERVICE_TYPES.find((x) => x === s.serviceType);
  if (type) f.serviceType = type;
  const audience = AUDIENCES.find((x) => x === s.audience);
  if (audience) f.audience = audience;
  const from = str(s.from);
  const to = str(s.to);
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to) {
    f.from = from;
    f.to = to;
  } else {
    const period = PRESETS.find((p) => p === s.period);
    if (period) f.period = period;
  }
  return f;
}

/** A civil date written YYYY-MM-DD. */
const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** Adds days to a civil date (at local noon, so daylight-saving changes never skip a day). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00`);
  d.setDate(d.getDate() + days);
  return iso(d);
}

/** Days from `from` to `to` (to exclusive). */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A period as the API takes it: first day inclusive, `to` exclusive. */
export type Period = { from: string; to: string };

/** The chosen period: explicit dates, else a preset (the last 12 months by default). */
export function currentPeriod(f: DashboardFilters, today = iso(new Date())): Period {
  if (f.from && f.to) return { from: f.from, to: addDays(f.to, 1) };
  const end = addDays(today, 1);
  const preset = f.period ?? "12m";
  if (preset === "30d") return { from: addDays(today, -29), to: end };
  if (preset === "month") return { from: `${today.slice(0, 8)}01`, to: end };
  const d = new Date(`${today.slice(0, 8)}01T12:00:00`);
  d.setMonth(d.getMonth() - 11);
  return { from: iso(d), to: end };
}

/** The period of equal length just before `p`. */
export const previousPeriod = (p: Period): Period => ({
  from: addDays(p.from, -daysBetween(p.from, p.to)),
  to: p.from,
});

/** A civil date moved by whole months (the first of a month stays the first). */
export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T12:00:00`);
  d.setMonth(d.getMonth() + months);
  return iso(d);
}

/** Whether the filters mean the "last 12 months" preset (also the default). */
export const isTwelveMonths = (f: DashboardFilters) => !(f.from && f.to) && (f.period ?? "12m") === "12m";

/**
 * What the period is compared with: for "last 12 months" the 12 calendar months before it (the current
 * month so far plus the 11 before it, against the 12 whole months before those); for other periods the
 * equally long period just before.
 */
export function comparisonPeriod(f: DashboardFilters, p: Period): Period {
  if (isTwelveMonths(f)) return { from: addMonths(p.from, -12), to: p.from };
  return previousPeriod(p);
}

/** The summary API's query string for the filters, a period and an optional grouping. */
export function summaryQuery(f: DashboardFilters, period: Period, groupBy?: GroupBy, locale?: string) {
  const q = new URLSearchParams();
  for (const k of ID_KEYS) if (f[k]) q.set(k, f[k] as string);
  if (f.serviceType) q.set("serviceType", f.serviceType);
  if (f.audience) q.set("audience", f.audience);
  q.set("from", period.from);
  q.set("to", period.to);
  if (groupBy) q.set("groupBy", groupBy);
  if (locale) q.set("locale", locale);
  return q.toString();
}

/** One summary of the reports API. */
export const useSummary = (
  f: DashboardFilters,
  period: Period,
  groupBy: GroupBy | undefined,
  locale: string,
) => {
  const query = summaryQuery(f, period, groupBy, locale);
  return useQuery({
    queryKey: ["reports", "summary", query],
    queryFn: () => api.get<Summary>(`/api/v1/reports/summary?${query}`),
  });
};

const Z95 = 1.96;

/** Variance of one answer scored +1 / 0 / −1, given the promoter and detractor shares. */
const itemVariance = (p: number, d: number) => p + d - (p - d) ** 2;

/** The result of a change test: the difference in points and whether it is significant at the 5 % level. */
export type Change = { diff: number; significant: boolean };

/**
 * Change in NPS from period A to B: the same two-sided z-test at 5 % (plain Wald variances of the
 * +1/0/−1 item) that the server's reports use. Null when either period is withheld or empty.
 */
export function npsChange(a: ReportFigures, b: ReportFigures): Change | null {
  if (a.withheld || b.withheld || a.nps === null || b.nps === null) return null;
  const na = a.answers;
  const nb = b.answers;
  if (!na || !nb || a.promoters === null || b.promoters === null) return null;
  const varA = itemVariance(a.promoters / na, (a.detractors ?? 0) / na);
  const varB = itemVariance(b.promoters / nb, (b.detractors ?? 0) / nb);
  const diff = b.nps - a.nps;
  const se = Math.sqrt(varA / na + varB / nb) * 100;
  return { diff, significant: se === 0 ? diff !== 0 : Math.abs(diff / se) > Z95 };
}

/**
 * Change in the satisfaction index from A to B. The report gives the index and its 95 % interval but not the
 * group counts, so each standard error is read back from the interval's half-width (÷ 1.96) and the two are
 * compared with the same two-sided z-test at 5 %. Null when either period is withheld.
 */
export function satisfactionChange(a: ReportFigures, b: ReportFigures): Change | null {
  const sa = a.satisfaction;
  const sb = b.satisfaction;
  if (sa.withheld || sb.withheld || sa.index === null || sb.index === null) return null;
  if (!sa.interval || !sb.interval) return null;
  const seA = (sa.interval.high - sa.interval.low) / 2 / Z95;
  const seB = (sb.interval.high - sb.interval.low) / 2 / Z95;
  const diff = sb.index - sa.index;
  const se = Math.sqrt(seA ** 2 + seB ** 2);
  return { diff, significant: se === 0 ? diff !== 0 : Math.abs(diff / se) > Z95 };
}

/** The first label of a group (its service, month…), or null for answers without that tag. */
export const groupKey = (g: ReportGroup) =>
  g.keys[0] ?? { dimension: "month" as GroupBy, id: null, label: null };
