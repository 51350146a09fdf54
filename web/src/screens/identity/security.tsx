import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan, useMe } from "../../lib/me.ts";
import { OrgSecuritySection } from "./org-security-section.tsx";
import { SessionsSection } from "./sessions-section.tsx";
import { SsoSection } from "./sso-section.tsx";
import { TwoFactorSection } from "./two-factor-section.tsx";

/** The signed-in user's own security: two-factor sign-in; for owners also the organisation's sign-in rules and single sign-on. */
export function SecurityScreen() {
  const t = useT();
  const { data: me } = useMe();
  const owner = useCan("org:manage");
  const active = me?.organizations.find((o) => o.id === me.activeOrganizationId);
  const blocked = !!active?.requiresTwoFactor && !me?.user.twoFactorEnabled;
  return (
    <Page title={t("security.title")}>
      <p>{t("security.intro")}</p>
      <TwoFactorSection enabled={!!me?.user.twoFactorEnabled} />
      <SessionsSection />
      {owner && !blocked && <OrgSecuritySection />}
      {owner && !blocked && active && <SsoSection orgId={active.id} orgSlug={active.slug} />}
    </Page>
  );
}
