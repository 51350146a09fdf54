import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useContactRules } from "../../lib/contact-rules.ts";
import { ContactRulesForm } from "./contact-rules-form.tsx";

/** When survey invitations may go out: delay, send window, weekdays, blackouts, quarantine, expiry, reminder. */
export function ContactRulesScreen() {
  const t = useT();
  const rules = useContactRules();
  return (
    <Page title={t("rules.title")}>
      <p>{t("rules.intro")}</p>
      <ErrorAlert error={rules.error} />
      {rules.isPending && <Loading />}
      {rules.data && <ContactRulesForm view={rules.data} />}
    </Page>
  );
}
