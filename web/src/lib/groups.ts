import { useT } from "../i18n/use-t.ts";
import type { Group } from "./survey-types.ts";

/** The name of a score group (promoter 9–10, passive 7–8, detractor 0–6) in the interface language. */
export function useGroupLabel() {
  const t = useT();
  return (group: Group) => t(`group.${group}`);
}
