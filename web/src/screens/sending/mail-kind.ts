import { useT } from "../../i18n/use-t.ts";

const KINDS = [
  "survey_invitation",
  "survey_reminder",
  "invitation",
  "password_reset",
  "monthly-report",
] as const;
type Kind = (typeof KINDS)[number];

/** What a message is, in the interface language (unknown kinds are shown as they are). */
export function useMailKind() {
  const t = useT();
  return (kind: string) => (KINDS.includes(kind as Kind) ? t(`mailKind.${kind as Kind}`) : kind);
}
