import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

export type Blackout = { from: string; to: string; name?: string };

/** Contact rules as the organisation sets them; anything left out takes the default. */
export type ContactRules = {
  delayWorkingDays?: number;
  window?: { start: string; end: string; days: number[] };
  blackouts?: Blackout[];
  quarantineDays?: number;
  expiryDays?: number;
  reminderAfterDays?: number | null;
};

/** The rules in force, every value filled in. */
export type EffectiveRules = {
  delayWorkingDays: number;
  window: { start: string; end: string; days: number[] };
  timeZone: string;
  blackouts: Blackout[];
  quarantineDays: number;
  expiryDays: number;
  reminderAfterDays: number | null;
};

export type RulesView = { rules: ContactRules; effective: EffectiveRules };

/** The organisation's contact rules and those in force. */
export const useContactRules = () =>
  useQuery({ queryKey: ["contact-rules"], queryFn: () => api.get<RulesView>("/api/v1/contact-rules") });

/** Replaces the organisation's contact rules. */
export function useSaveContactRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: ContactRules) => api.put<RulesView>("/api/v1/contact-rules", rules),
    onSuccess: (view) => queryClient.setQueryData(["contact-rules"], view),
  });
}
