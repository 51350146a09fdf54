import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, asList } from "../api.ts";
import { useT } from "../i18n/use-t.ts";

/** The catalogue resources under /api/v1 that share list/create/edit/archive/restore. */
export type Resource = "services" | "departments" | "employees" | "channels";

/** Lists a resource, optionally with archived items. */
export function useList<T>(resource: Resource, includeArchived: boolean) {
  return useQuery({
    queryKey: [resource, { includeArchived }],
    queryFn: async () =>
      asList<T>(await api.get(`/api/v1/${resource}${includeArchived ? "?includeArchived=true" : ""}`)),
  });
}

/** Creates (no id) or updates (id) an item, then refreshes the lists. */
export function useSave<TBody>(resource: Resource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TBody }) =>
      id ? api.patch(`/api/v1/${resource}/${id}`, body) : api.post(`/api/v1/${resource}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [resource] }),
  });
}

/** Archives or restores an item, then refreshes the lists. */
export function useArchive(resource: Resource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: string; archive: boolean }) =>
      api.post(`/api/v1/${resource}/${id}/${archive ? "archive" : "restore"}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [resource] }),
  });
}

/** Archive/restore with a status message naming the item. */
export function useArchiveToggle(resource: Resource, onStatus: (message: string) => void) {
  const t = useT();
  const archive = useArchive(resource);
  const toggle = (item: { id: string; archivedAt: string | null }, name: string) =>
    archive.mutate(
      { id: item.id, archive: !item.archivedAt },
      { onSuccess: () => onStatus(t(item.archivedAt ? "status.restored" : "status.archived", { name })) },
    );
  return { toggle, error: archive.error, pending: archive.isPending };
}
