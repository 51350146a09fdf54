import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import type { ReportFigures } from "./reports.ts";
import { CHANNEL_KINDS, SERVICE_TYPES } from "./types.ts";

export const GROUP_DIMENSIONS = ["month", "serviceType", "channel"] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];
export type LinkState = "pending" | "active" | "declined" | "ended";

type OrgRef = { id: string; name: string; slug: string };

export type GroupLink = {
  id: string;
  state: LinkState;
  parent: OrgRef;
  agency: OrgRef;
  requestedAt: string;
  respondedAt: string | null;
  endedAt: string | null;
  endedBy: "parent" | "agency" | null;
};

export type KeyedFigures = ReportFigures & { key: string | null };

export const CONTACT_KINDS = ["call", "chat", "office_visit"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** A KPI share beside its target with its 95 % interval; null when there is nothing to count. */
export type KpiShare = {
  value: number;
  target: number;
  meetsTarget: boolean;
  interval: { low: number; high: number } | null;
} | null;

/** KPI figures of an agency, a month or the pool; each part null without records ("no data"). */
export type KpiFigures = {
  contacts: {
    offered: number;
    answered: number;
    serviceLevel: KpiShare;
    answerRate: KpiShare;
    firstContactResolution: KpiShare;
    averageSpeedOfAnswerSeconds: number | null;
  } | null;
  repliesOnTime: { due: number; onTime: number; pending: number; rate: KpiShare } | null;
};

export type KpiBlock = {
  serviceLevelSeconds: number | null;
  total: KpiFigures;
  groups: (KpiFigures & { key: string | null })[];
} | null;

/** Follow-up cases opened in the period, with their state now. */
export type CaseFigures = {
  opened: number;
  open: number;
  overdue: number;
  dueOrContacted: number;
  withheld: boolean;
  lowReliability: boolean;
  contactedWithinDeadlinePct: number | null;
  contactedWithinDeadlineInterval: { low: number; high: number } | null;
};

export type AgencyFigures = {
  agency: OrgRef;
  linkedSince: string;
  minSample: number;
  total: ReportFigures;
  groups: KeyedFigures[];
  cases: CaseFigures;
  kpi: KpiBlock;
};

export type GroupFigures = {
  meta: { minSample: number; groupBy: GroupDimension | null; contactKind: ContactKind };
  agencies: AgencyFigures[];
  pooled: {
    agencies: number;
    total: ReportFigures;
    groups: (KeyedFigures & { agencies: number })[];
    cases: CaseFigures & { agencies: number };
    kpi: KpiBlock;
  };
};

export type AgencyServices = {
  agency: OrgRef;
  minSample: number;
  services: (ReportFigures & { serviceId: string | null; name: string | null; serviceType: string | null })[];
  total: ReportFigures;
};

/** The ministry screen's filters, kept in the address: months (YYYY-MM), service type, channel kind, split. */
export type GroupFilters = {
  fromMonth?: string;
  toMonth?: string;
  serviceType?: string;
  channel?: string;
  groupBy?: GroupDimension;
  contactKind?: ContactKind;
};

const month = (v: unknown) => (typeof v === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : undefined);
const oneOf = <T extends string>(list: readonly T[], v: unknown) => list.find((x) => x === v);

/** Reads the filters from the address, dropping anything unknown. */
export function parseGroupFilters(s: Record<string, unknown>): GroupFilters {
  return {
    fromMonth: month(s.fromMonth),
    toMonth: month(s.toMonth),
    serviceType: oneOf(SERVICE_TYPES, s.serviceType),
    channel: oneOf(CHANNEL_KINDS, s.channel),
    groupBy: oneOf(GROUP_DIMENSIONS, s.groupBy),
    contactKind: oneOf(CONTACT_KINDS, s.contactKind),
  };
}

/** The first day after a month (YYYY-MM → YYYY-MM-DD). */
function dayAfter(m: string): string {
  const [y, mo] = m.split("-").map(Number);
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, "0")}-01`;
}

/** The API query of the filters: whole months, `to` exclusive. */
export function groupQuery(f: GroupFilters, locale: string, withGroupBy = true): string {
  const q = new URLSearchParams({ locale });
  if (f.fromMonth) q.set("from", `${f.fromMonth}-01`);
  if (f.toMonth) q.set("to", dayAfter(f.toMonth));
  if (f.serviceType) q.set("serviceType", f.serviceType);
  if (f.channel) q.set("channel", f.channel);
  if (withGroupBy && f.groupBy) q.set("groupBy", f.groupBy);
  if (withGroupBy && f.contactKind) q.set("contactKind", f.contactKind);
  return q.toString();
}

export const useGroupLinks = () =>
  useQuery({
    queryKey: ["group", "links"],
    queryFn: () => api.get<{ overseen: GroupLink[]; parents: GroupLink[] }>("/api/v1/group/links"),
  });

export const useGroupFigures = (f: GroupFilters, locale: string) =>
  useQuery({
    queryKey: ["group", "figures", groupQuery(f, locale)],
    queryFn: () => api.get<GroupFigures>(`/api/v1/group/figures?${groupQuery(f, locale)}`),
  });

export const useAgencyServices = (agencyId: string, f: GroupFilters, locale: string) =>
  useQuery({
    queryKey: ["group", "services", agencyId, groupQuery(f, locale, false)],
    queryFn: () =>
      api.get<AgencyServices>(`/api/v1/group/agencies/${agencyId}/services?${groupQuery(f, locale, false)}`),
  });

/** Request, accept, decline or end a link; refreshes the links and the figures. */
export function useLinkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      a: { kind: "request"; agency: string } | { kind: "accept" | "decline" | "end"; id: string },
    ) =>
      a.kind === "request"
        ? api.post<GroupLink>("/api/v1/group/links", { agency: a.agency })
        : api.post<GroupLink>(`/api/v1/group/links/${a.id}/${a.kind}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["group"] }),
  });
}
