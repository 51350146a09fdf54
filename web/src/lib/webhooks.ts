import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api.ts";

export const WEBHOOK_EVENTS = [
  "response.created",
  "response.updated",
  "invitation.failed",
  "case.created",
  "case.updated",
  "case.overdue",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type Webhook = { id: string; url: string; events: string[]; createdAt: string };
export type NewWebhook = Webhook & { secret: string };

export type WebhookDelivery = {
  id: string;
  event: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

/** The organisation's webhook endpoints. */
export const useWebhooks = (enabled = true) =>
  useQuery({ queryKey: ["webhooks"], queryFn: () => api.get<Webhook[]>("/api/v1/webhooks"), enabled });

/** Registers an endpoint; the answer carries its signing secret, this once. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; events: string[] }) => api.post<NewWebhook>("/api/v1/webhooks", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["webhooks"] }),
  });
}

/** Removes an endpoint and its log. */
export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/webhooks/${id}`),
    onSuccess: (_data, id) => {
      // The endpoint's log went with it: forget it rather than ask for it again.
      queryClient.removeQueries({ queryKey: ["webhooks", "deliveries", id] });
      return queryClient.invalidateQueries({ queryKey: ["webhooks"], exact: true });
    },
  });
}

/** The newest deliveries to one endpoint. */
export const useWebhookDeliveries = (id: string | null) =>
  useQuery({
    queryKey: ["webhooks", "deliveries", id],
    queryFn: () => api.get<{ items: WebhookDelivery[] }>(`/api/v1/webhooks/${id}/deliveries`),
    enabled: !!id,
  });
