import { useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import { useCan } from "./me.ts";

/** Where e-mail goes: an SMTP server, or the local outbox (nothing leaves the machine). */
export type MailMode = "smtp" | "outbox";

export type OutboxItem = {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  sentVia: string;
  createdAt: string;
};

export type OutboxMessage = OutboxItem & { html: string | null };

/** The newest messages of the local outbox, and the server's mail mode. */
export const useOutbox = (limit = 50, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ["outbox", limit],
    queryFn: () => api.get<{ mode: MailMode; items: OutboxItem[] }>(`/api/v1/outbox?limit=${limit}`),
  });

/** One outbox message with its HTML part. */
export const useOutboxMessage = (id: string | null) =>
  useQuery({
    queryKey: ["outbox", "one", id],
    queryFn: () => api.get<OutboxMessage>(`/api/v1/outbox/${id}`),
    enabled: !!id,
  });

/** The server's mail mode, for roles that may read the outbox (the API tells no one else). */
export function useMailMode(): MailMode | undefined {
  const canRead = useCan("outbox:read");
  const q = useQuery({
    queryKey: ["outbox", 1],
    queryFn: () => api.get<{ mode: MailMode; items: OutboxItem[] }>("/api/v1/outbox?limit=1"),
    enabled: canRead,
    staleTime: 5 * 60_000,
  });
  return canRead ? q.data?.mode : undefined;
}
