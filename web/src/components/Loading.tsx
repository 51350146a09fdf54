import { useT } from "../i18n/use-t.ts";

/** A polite "loading" status. */
export function Loading() {
  const t = useT();
  return (
    <p role="status" className="muted">
      {t("common.loading")}
    </p>
  );
}
