import { useQuery } from "@tanstack/react-query";
import { ROLE_CAPABILITIES, type TCapability } from "../../../src/auth/permissions.ts";
import { api } from "../api.ts";
import type { Me, Organization } from "./types.ts";

export const meQueryKey = ["me"] as const;

/** What a role may do: the server's own table, so that the screens offer exactly what the API allows. */
export type Capability = TCapability;

/** The signed-in user, their organisations and the active one (error 401 when signed out). */
export const useMe = () => useQuery({ queryKey: meQueryKey, queryFn: () => api.get<Me>("/api/v1/me") });

/** The active organisation, the user's role there and whether they may change things. */
export function useActiveOrg(): { me?: Me; org?: Organization; canManage: boolean } {
  const { data: me } = useMe();
  const org = me?.organizations.find((o) => o.id === me.activeOrganizationId);
  return { me, org, canManage: org?.role === "owner" || org?.role === "admin" };
}

/** Whether the signed-in user's role in the active organisation holds a capability. */
export function useCan(capability: Capability): boolean {
  const { org } = useActiveOrg();
  return !!org && (ROLE_CAPABILITIES[org.role] as readonly string[]).includes(capability);
}

/** A test for any capability of the signed-in user's role (for lists of things to show or hide). */
export function useCapabilities(): (capability: Capability) => boolean {
  const { org } = useActiveOrg();
  const held: readonly string[] = org ? ROLE_CAPABILITIES[org.role] : [];
  return (capability) => held.includes(capability);
}
