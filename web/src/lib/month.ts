import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

/** A subscription to the monthly PDF report (GET /api/v1/report-subscriptions). */
export type ReportSubscription = {
  userId: string;
  email: string;
  name: string;
  locale: string;
  lastSentMonth: string | null;
  createdAt: string;
};

/** The caller's subscription, or everyone's for owners and admins. */
export const useReportSubscriptions = () =>
  useQuery({
    queryKey: ["report-subscriptions"],
    queryFn: () => api.get<ReportSubscription[]>("/api/v1/report-subscriptions"),
  });

/** Subscribes a member (the caller when no userId) in a language, or ends a subscription. */
export function useSubscriptionChange() {
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: ["report-subscriptions"] });
  return {
    add: useMutation({
      mutationFn: (body: { userId?: string; locale: string }) =>
        api.post<ReportSubscription>("/api/v1/report-subscriptions", body),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (userId: string) => api.del(`/api/v1/report-subscriptions/${encodeURIComponent(userId)}`),
      onSuccess: done,
    }),
  };
}

/** A benchmark network as the organisation sees it. */
export type Network = {
  id: string;
  slug: string;
  name: string;
  member: boolean;
  joinedAt: string | null;
  organisations: number;
};

export const useNetworks = () =>
  useQuery({
    queryKey: ["benchmark", "networks"],
    queryFn: () => api.get<{ items: Network[] }>("/api/v1/benchmark/networks"),
  });

/** Join, leave or create a network. */
export function useNetworkChange() {
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: ["benchmark"] });
  return {
    join: useMutation({
      mutationFn: (id: string) => api.post<Network>(`/api/v1/benchmark/networks/${id}/join`),
      onSuccess: done,
    }),
    leave: useMutation({
      mutationFn: (id: string) => api.post<Network>(`/api/v1/benchmark/networks/${id}/leave`),
      onSuccess: done,
    }),
    create: useMutation({
      mutationFn: (name: string) => api.post<Network>("/api/v1/benchmark/networks", { name }),
      onSuccess: done,
    }),
  };
}

export type BenchmarkCell = {
  network: {
    organisations: number;
    answers: number | null;
    withheld: boolean;
    nps: number | null;
    npsInterval: { low: number; high: number } | null;
    satisfactionIndex: number | null;
    satisfactionAnswers: number | null;
  };
  own: {
    answers: number;
    withheld: boolean;
    included: boolean;
    nps: number | null;
    satisfactionIndex: number | null;
    rank: number | null;
    of: number;
  };
};

export type NetworkSummary = {
  networkId: string;
  from: string | null;
  to: string | null;
  minAnswers: number;
  minOrganisations: number;
  overall: BenchmarkCell;
  cells: (BenchmarkCell & {
    serviceType: string;
    serviceTypeLabel: string;
    audience: string;
    audienceLabel: string;
  })[];
};

/** The network's figures against the organisation's own (`to` exclusive). */
export const useNetworkSummary = (id: string | undefined, locale: string, from?: string, to?: string) => {
  const q = new URLSearchParams({ locale });
  if (from) q.set("from", from);
  if (to) q.set("to", to);
  return useQuery({
    queryKey: ["benchmark", "summary", id, q.toString()],
    queryFn: () => api.get<NetworkSummary>(`/api/v1/benchmark/networks/${id}/summary?${q}`),
    enabled: !!id,
  });
};

export type Contact = {
  id: string;
  email: string | null;
  name: string | null;
  optedOutAt: string | null;
  emailInvalidAt: string | null;
  lastSurveyedAt: string | null;
};

export type ContactHistory = {
  contact: Contact;
  invitations: {
    id: string;
    surveyId: string;
    surveyName: string;
    state: string;
    reason: string | null;
    sentAt: string | null;
    answeredAt: string | null;
    createdAt: string;
    answer: { id: string; score: number; satisfaction: number | null; comment: string | null } | null;
  }[];
};

/** Contacts whose e-mail, name or external id contains `q`. */
export const useContactSearch = (q: string) =>
  useQuery({
    queryKey: ["contacts", "search", q],
    queryFn: () =>
      api.get<{ items: Contact[] }>(`/api/v1/contacts?${new URLSearchParams({ q, limit: "50" })}`),
    enabled: q.length > 0,
  });

export const useContactHistory = (id: string | undefined) =>
  useQuery({
    queryKey: ["contacts", "history", id],
    queryFn: () => api.get<ContactHistory>(`/api/v1/contacts/${id}/history`),
    enabled: !!id,
  });

/** Opt a person out for good, or erase them. */
export function useContactChange() {
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: ["contacts"] });
  return {
    optOut: useMutation({
      mutationFn: (id: string) => api.post<Contact>(`/api/v1/contacts/${id}/opt-out`),
      onSuccess: done,
    }),
    erase: useMutation({ mutationFn: (id: string) => api.del(`/api/v1/contacts/${id}`), onSuccess: done }),
  };
}
