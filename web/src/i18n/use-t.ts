import { useCallback } from "react";
import { useIntl } from "react-intl";
import type { MessageId } from "./messages.ts";

type Values = Record<string, string | number | Date | null | undefined>;

/** A typed shortcut for intl.formatMessage: t("services.title"), t("status.created", { name }). */
export function useT() {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}

/** Formats an ISO timestamp as a local date and time ("" for none). */
export function useDateTime() {
  const intl = useIntl();
  return useCallback(
    (iso: string | null | undefined) =>
      iso ? intl.formatDate(iso, { dateStyle: "medium", timeStyle: "short" }) : "",
    [intl],
  );
}
