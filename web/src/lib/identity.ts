import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";
import { meQueryKey } from "./me.ts";

export type SecuritySettings = { requireTwoFactor: boolean; membersWithoutTwoFactor: number };

const settingsKey = ["security-settings"] as const;

/** The organisation's sign-in rules (owners only). */
export const useSecuritySettings = (enabled: boolean) =>
  useQuery({
    queryKey: settingsKey,
    queryFn: () => api.get<SecuritySettings>("/api/v1/security-settings"),
    enabled,
  });

/** Saves the organisation's sign-in rules. */
export function useSaveSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { requireTwoFactor: boolean }) =>
      api.put<SecuritySettings>("/api/v1/security-settings", body),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** What better-auth answers when two-factor sign-in is being set up. */
export type Enrolment = { totpURI: string; backupCodes: string[] };

/** The key of an otpauth:// URI, grouped in fours for typing by hand. */
export const secretOf = (uri: string) =>
  (new URL(uri).searchParams.get("secret") ?? "").replace(/(.{4})/g, "$1 ").trim();
