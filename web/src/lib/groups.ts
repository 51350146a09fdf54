import { useQuery } from "@tanstack/react-query";
import { useIntl } from "react-intl";
import { api } from "../api.ts";
import { useT } from "../i18n/use-t.ts";
import { useCan } from "./me.ts";
import type { Group } from "./survey-types.ts";

type Labels = Record<Group, string>;

/** Today as YYYY-MM-DD plus the next day, for the smallest possible report query. */
function oneDay(): { from: string; to: string } {
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const today = new Date();
  const tomorrow = new Date(today);
  tomorrow.setDate(today.getDate() + 1);
  return { from: day(today), to: day(tomorrow) };
}

/**
 * The name of a score group (promoter 9–10, passive 7–8, detractor 0–6): the organisation's own labels
 * (e.g. Positive / Neutral / Developing), which the report API carries in its metadata, else the standard ones.
 */
export function useGroupLabel() {
  const t = useT();
  const { locale } = useIntl();
  const canRead = useCan("reports:read");
  const own = useQuery({
    queryKey: ["group-labels", locale],
    queryFn: async () => {
      const { from, to } = oneDay();
      const q = new URLSearchParams({ locale, from, to });
      const summary = await api.get<{ meta: { groupLabels: Labels } }>(`/api/v1/reports/summary?${q}`);
      return summary.meta.groupLabels;
    },
    enabled: canRead,
    staleTime: 10 * 60_000,
    retry: false,
  });
  return (group: Group) => own.data?.[group] || t(`group.${group}`);
}
