import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useT } from "../i18n/use-t.ts";
import { api } from "../api.ts";
import { meQueryKey, useActiveOrg } from "../lib/me.ts";
import type { Me } from "../lib/types.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";

/** The active organisation's name, or a labelled select when the user belongs to several. */
export function OrgSwitcher() {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const { me, org } = useActiveOrg();
  const switchOrg = useMutation({
    mutationFn: (organizationId: string) => api.post("/api/v1/me/active-organization", { organizationId }),
    onSuccess: async (_data, organizationId) => {
      // Keep the header (and focus on this select) while everything else reloads for the new organisation.
      queryClient.setQueryData<Me>(
        meQueryKey,
        (old) => old && { ...old, activeOrganizationId: organizationId },
      );
      await queryClient.resetQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  if (!me) return null;
  const label = t("layout.organisation");

  if (me.organizations.length < 2) {
    return org ? (
      <p className="org-name">
        <span className="visually-hidden">{label}: </span>
        {org.name}
      </p>
    ) : null;
  }
  return (
    <div className="inline-field org-switcher">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={me.activeOrganizationId ?? ""}
        aria-busy={switchOrg.isPending}
        // Not disabled while switching: that would throw keyboard focus out of the select.
        onChange={(e) => e.target.value && !switchOrg.isPending && switchOrg.mutate(e.target.value)}
      >
        {!org && <option value="">{t("layout.chooseOrganisation")}</option>}
        {me.organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <ErrorAlert error={switchOrg.error} />
    </div>
  );
}
