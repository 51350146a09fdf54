import { useInfiniteQuery } from "@tanstack/react-query";
import { AUDIT_ACTIONS, type TAuditAction } from "../../../src/modules/privacy/audit-actions.ts";
import { api } from "../api.ts";

export { AUDIT_ACTIONS };
export type AuditAction = TAuditAction;

/** One entry of the audit log as the API returns it. */
export type AuditEvent = {
  id: string;
  at: string;
  action: string;
  actorType: "user" | "apiKey" | "system";
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
};

/** The audit screen's filters (dates as YYYY-MM-DD, "" when unset). */
export type AuditFilters = { action: string; actor: string; from: string; to: string };

/** The filters as a query string (no empty values), for the page requests and the CSV link. */
export function auditQuery(filters: AuditFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
  return q;
}

/** The audit log page by page, newest first. */
export const useAuditEvents = (filters: AuditFilters, enabled: boolean) =>
  useInfiniteQuery({
    enabled,
    queryKey: ["audit-events", filters],
    queryFn: ({ pageParam }) => {
      const q = auditQuery(filters);
      q.set("limit", "50");
      if (pageParam) q.set("cursor", pageParam);
      return api.get<{ items: AuditEvent[]; nextCursor: string | null }>(`/api/v1/audit-events?${q}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
