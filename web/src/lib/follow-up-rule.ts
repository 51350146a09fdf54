import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, asList } from "../api.ts";
import { ROLE_CAPABILITIES } from "../../../src/auth/permissions.ts";
import type { Member } from "./types.ts";

/** One survey's changes to the organisation-wide rule; a value left out follows the organisation's. */
export type SurveyRuleOverride = {
  enabled?: boolean;
  npsMax?: number | null;
  satisfactionMax?: number | null;
  recoveryQuestion?: boolean;
};

/** The organisation's follow-up rule, as GET/PUT /api/v1/follow-up-rules carry it. */
export type FollowUpRule = {
  enabled: boolean;
  npsMax: number | null;
  satisfactionMax: number | null;
  surveys: Record<string, SurveyRuleOverride>;
  deadlineWorkingDays: number;
  unreachableAfter: number;
  defaultOwnerId: string | null;
  departmentManagers: Record<string, string>;
  recoveryQuestion: boolean;
  recoveryDelayDays: number;
  publicPage: boolean;
};

const KEY = ["follow-up-rule"] as const;

/** The organisation's follow-up rule (defaults filled in by the server). */
export const useFollowUpRule = () =>
  useQuery({ queryKey: KEY, queryFn: () => api.get<FollowUpRule>("/api/v1/follow-up-rules") });

/** Replaces the organisation's follow-up rule. */
export function useSaveFollowUpRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: FollowUpRule) => api.put<FollowUpRule>("/api/v1/follow-up-rules", rule),
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
  });
}

/** Members who may own cases (their role works cases); loaded only for those who may read members. */
export const useCaseWorkers = (enabled: boolean) =>
  useQuery({
    queryKey: ["members"],
    queryFn: async () => asList<Member>(await api.get("/api/v1/members")),
    enabled,
    select: (members) => members.filter((m) => ROLE_CAPABILITIES[m.role]?.includes("cases:write")),
  });
