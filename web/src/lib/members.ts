import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, asList } from "../api.ts";
import { meQueryKey } from "./me.ts";
import type { Invitation, Member, Role } from "./types.ts";

/** The active organisation's members. */
export const useMembers = () =>
  useQuery({ queryKey: ["members"], queryFn: async () => asList<Member>(await api.get("/api/v1/members")) });

/** Invitations sent from the active organisation. */
export const useInvitations = () =>
  useQuery({
    queryKey: ["invitations"],
    queryFn: async () => asList<Invitation>(await api.get("/api/v1/invitations")),
  });

/** Changes a member's role (the user's own role may change, so "me" refreshes too). */
export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => api.patch(`/api/v1/members/${id}`, { role }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["members"] }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}

/** Removes a member from the organisation. */
export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/members/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["members"] }),
  });
}

/** Invites someone by e-mail with a role. */
export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) => api.post<Invitation>("/api/v1/invitations", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["invitations"] }),
  });
}

/** Cancels a pending invitation. */
export function useCancelInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/invitations/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["invitations"] }),
  });
}
