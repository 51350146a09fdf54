import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

export const KPI_GRAINS = ["day", "week", "month"] as const;
export type KpiGrain = (typeof KPI_GRAINS)[number];
export const KPI_SPLITS = ["none", "queue", "service", "department", "employee"] as const;
export type KpiSplit = (typeof KPI_SPLITS)[number];
export const KPI_RANGES = ["30", "90", "months"] as const;
export type KpiRange = (typeof KPI_RANGES)[number];

export type KpiFigure = { value: number; target: number; meetsTarget: boolean } | null;

export type KpiRow = {
  period: string;
  key: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWithinThreshold: number;
  serviceLevel: KpiFigure;
  answerRate: KpiFigure;
  firstContactResolution: KpiFigure;
  fcrMeasured: number;
  averageSpeedOfAnswerSeconds: number | null;
  averageWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  officeWait: KpiFigure;
};

export type KpiSettings = {
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  fcrWindowDays: number;
  retentionMonths: number;
  targets: {
    serviceLevel: number;
    answerRate: number;
    firstContactResolution: number;
    officeWaitMinutes: number;
    repliesOnTime: number;
  };
};

export type KpiReport = {
  meta: { source: string; settings: KpiSettings };
  rows: KpiRow[];
  /** The whole range over all rows; null without contacts. */
  total: Omit<KpiRow, "period" | "key"> | null;
};

export const KPI_KINDS = ["call", "chat", "office_visit"] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

export type KpiFilters = {
  range: KpiRange;
  /** First and last month (YYYY-MM) when range is "months". */
  fromMonth: string;
  toMonth: string;
  grain: KpiGrain;
  by: KpiSplit;
  kind: KpiKind;
  /** Optional filters (empty: all). */
  queueId: string;
  serviceId: string;
  departmentId: string;
  employeeId: string;
};

/** The filters of a fresh KPI page: the last 30 days by day, calls, no split. */
export const defaultKpiFilters = (): KpiFilters => {
  const month = new Date().toISOString().slice(0, 7);
  return {
    range: "30",
    fromMonth: month,
    toMonth: month,
    grain: "day",
    by: "none",
    kind: "call",
    queueId: "",
    serviceId: "",
    departmentId: "",
    employeeId: "",
  };
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The filters as the API's from/to dates (inclusive days). */
export function kpiDates(filters: KpiFilters, now = new Date()): { from: string; to: string } {
  if (filters.range === "months") {
    const [y, m] = filters.toMonth.split("-").map(Number);
    const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0));
    return { from: `${filters.fromMonth}-01`, to: isoDate(last) };
  }
  const from = new Date(now.getTime() - (Number(filters.range) - 1) * 86_400_000);
  return { from: isoDate(from), to: isoDate(now) };
}

export function kpiQuery(filters: KpiFilters): string {
  const { from, to } = kpiDates(filters);
  const params = new URLSearchParams({ from, to, period: filters.grain, by: filters.by, kind: filters.kind });
  for (const k of ["queueId", "serviceId", "departmentId", "employeeId"] as const)
    if (filters[k]) params.set(k, filters[k]);
  return params.toString();
}

/** A queue or office; `contacts` counts the contact records under it (one without any may be removed). */
export type KpiQueue = { id: string; name: string; kind: KpiKind; contacts: number };

export const useKpiQueues = () =>
  useQuery({
    queryKey: ["kpi", "queues"],
    queryFn: () => api.get<{ items: KpiQueue[] }>("/api/v1/kpi/queues"),
  });

/** Adds a queue under the source system's id, or renames it / changes its kind. */
export function useSaveKpiQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Omit<KpiQueue, "contacts">) =>
      api.put<Omit<KpiQueue, "contacts">>(`/api/v1/kpi/queues/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["kpi", "queues"] }),
  });
}

/** Removes a queue that has no contact records. */
export function useDeleteKpiQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/kpi/queues/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["kpi", "queues"] }),
  });
}

export type ReplyCompliance = { due: number; onTime: number; late: number; pending: number; kpi: KpiFigure };

/** Written replies on time among the requests received in [from, to]. */
export const useReplyCompliance = (from: string, to: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ["written-requests", "compliance", from, to],
    queryFn: () => api.get<ReplyCompliance>(`/api/v1/written-requests/compliance?from=${from}&to=${to}`),
  });

export const useKpis = (filters: KpiFilters) =>
  useQuery({
    queryKey: ["kpi", "report", kpiQuery(filters)],
    queryFn: () => api.get<KpiReport>(`/api/v1/kpi?${kpiQuery(filters)}`),
    placeholderData: keepPreviousData,
  });

/** SKA's targets, the defaults until an organisation changes them. */
export const SKA_DEFAULTS: KpiSettings = {
  serviceLevelSeconds: 20,
  shortAbandonSeconds: 5,
  fcrWindowDays: 7,
  retentionMonths: 6,
  targets: {
    serviceLevel: 80,
    answerRate: 90,
    firstContactResolution: 70,
    officeWaitMinutes: 30,
    repliesOnTime: 100,
  },
};

export const useKpiSettings = () =>
  useQuery({ queryKey: ["kpi", "settings"], queryFn: () => api.get<KpiSettings>("/api/v1/kpi/settings") });

export function useSaveKpiSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KpiSettings) => api.put<KpiSettings>("/api/v1/kpi/settings", body),
    onSuccess: (saved) => {
      queryClient.setQueryData(["kpi", "settings"], saved);
      return queryClient.invalidateQueries({ queryKey: ["kpi", "report"] });
    },
  });
}
