import { useT } from "../../i18n/use-t.ts";
import { isReason } from "../../lib/sending.ts";

/** A reason code explained in the interface language (unknown codes are shown as they are). */
export function useReasonText() {
  const t = useT();
  return (reason: string | null) => (!reason ? "" : isReason(reason) ? t(`reason.${reason}`) : reason);
}
