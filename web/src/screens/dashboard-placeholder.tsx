import { Link } from "@tanstack/react-router";
import { Page } from "../components/Page.tsx";
import { useT } from "../i18n/use-t.ts";
import { useCan } from "../lib/me.ts";

/** Holds the dashboard's place in the navigation until the dashboard itself arrives. */
export function DashboardPlaceholder() {
  const t = useT();
  const canReadAnswers = useCan("responses:read");
  return (
    <Page title={t("dashboard.title")}>
      <p>{t("dashboard.preparing")}</p>
      <p>
        {canReadAnswers ? (
          <Link to="/answers">{t("dashboard.toAnswers")}</Link>
        ) : (
          <Link to="/surveys">{t("dashboard.toSurveys")}</Link>
        )}
      </p>
    </Page>
  );
}
