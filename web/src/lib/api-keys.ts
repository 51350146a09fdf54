import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, asList } from "../api.ts";
import type { ApiKey, NewApiKey } from "./types.ts";

/** The organisation's API keys (never the keys themselves, only their prefixes). */
export const useApiKeys = () =>
  useQuery({
    queryKey: ["api-keys"],
    queryFn: async () => asList<ApiKey>(await api.get("/api/v1/api-keys")),
  });

/** Creates a key; the answer carries the full key, this once. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: string[] }) => api.post<NewApiKey>("/api/v1/api-keys", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["api-keys"] }),
  });
}

/** Revokes a key for good. */
export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/api-keys/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["api-keys"] }),
  });
}
