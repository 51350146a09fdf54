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

export type SessionRow = {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  current: boolean;
};

const sessionsKey = ["my-sessions"] as const;

/** The signed-in user's active sessions. */
export const useMySessions = () =>
  useQuery({ queryKey: sessionsKey, queryFn: () => api.get<SessionRow[]>("/api/v1/me/sessions") });

/** Ends one of the user's sessions, or (without an id) all but the current one. */
export function useEndSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) =>
      id
        ? api.del<null>(`/api/v1/me/sessions/${id}`).then(() => ({ ended: 1 }))
        : api.post<{ ended: number }>("/api/v1/me/sessions/end-others"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Signs a member of the organisation out everywhere (owners). */
export const useEndMemberSessions = () =>
  useMutation({
    mutationFn: (memberId: string) => api.del<{ ended: number }>(`/api/v1/members/${memberId}/sessions`),
  });

/** A short name of the browser and system from a User-Agent header ("Firefox on Windows"). */
export function browserOf(agent: string | null): string | null {
  if (!agent) return null;
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : null;
  const system = /Windows/.test(agent)
    ? "Windows"
    : /Android/.test(agent)
      ? "Android"
      : /iPhone|iPad/.test(agent)
        ? "iOS"
        : /Mac OS X/.test(agent)
          ? "macOS"
          : /Linux/.test(agent)
            ? "Linux"
            : null;
  return browser && system ? `${browser} · ${system}` : (browser ?? system ?? agent.slice(0, 60));
}

/** The organisation's single sign-on (OpenID Connect); the client secret is never sent back. */
export type SsoSettings = {
  configured: boolean;
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  jitEnabled: boolean;
  jitRole: string;
  redirectUri: string;
  updatedAt: string | null;
};
export type SsoInput = {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  jitEnabled: boolean;
  jitRole: string;
};

const ssoKey = (orgId: string) => ["sso-settings", orgId] as const;

/** The single sign-on settings of the organisation (owners only). */
export const useSsoSettings = (orgId: string | undefined) =>
  useQuery({
    queryKey: ssoKey(orgId ?? ""),
    queryFn: () => api.get<SsoSettings>(`/api/v1/organizations/${orgId}/sso`),
    enabled: !!orgId,
  });

/** Saves the single sign-on settings. */
export function useSaveSsoSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoInput) => api.put<SsoSettings>(`/api/v1/organizations/${orgId}/sso`, body),
    onSuccess: (data) => queryClient.setQueryData(ssoKey(orgId), data),
  });
}
