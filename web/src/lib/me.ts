import { useQuery } from "@tanstack/react-query";
import { api } from "../api.ts";
import type { Me, Organization } from "./types.ts";

export const meQueryKey = ["me"] as const;

/** The signed-in user, their organisations and the active one (error 401 when signed out). */
export const useMe = () => useQuery({ queryKey: meQueryKey, queryFn: () => api.get<Me>("/api/v1/me") });

/** The active organisation, the user's role there and whether they may change things. */
export function useActiveOrg(): { me?: Me; org?: Organization; canManage: boolean } {
  const { data: me } = useMe();
  const org = me?.organizations.find((o) => o.id === me.activeOrganizationId);
  return { me, org, canManage: org?.role === "owner" || org?.role === "admin" };
}
