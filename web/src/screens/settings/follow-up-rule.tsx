import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useFollowUpRule } from "../../lib/follow-up-rule.ts";
import { FollowUpRuleForm } from "./follow-up-rule-form.tsx";

/** Which answers open a follow-up case, its deadline and owner, and the recovery question. */
export function FollowUpRuleScreen() {
  const t = useT();
  const rule = useFollowUpRule();
  return (
    <Page title={t("followRule.title")}>
      <p>{t("followRule.intro")}</p>
      <ErrorAlert error={rule.error} />
      {rule.isPending && <Loading />}
      {rule.data && <FollowUpRuleForm rule={rule.data} />}
    </Page>
  );
}
