import { useT } from "../i18n/use-t.ts";
import { useActiveOrg } from "../lib/me.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { OrgSwitcher } from "./OrgSwitcher.tsx";
import { SignOutButton } from "./SignOutButton.tsx";

/** The banner: product name, organisation, language and the signed-in user. */
export function Header() {
  const t = useT();
  const { me } = useActiveOrg();
  return (
    <header className="site-header">
      <div className="header-inner">
        <p className="brand">
          Kaja <span className="brand-tagline">{t("layout.tagline")}</span>
        </p>
        {me && <OrgSwitcher />}
        <div className="header-tools">
          <LanguageSelect />
          {me && (
            <p className="user">
              <span className="visually-hidden">{t("layout.signedInAs")} </span>
              {me.user.name || me.user.email}
            </p>
          )}
          {me && <SignOutButton />}
        </div>
      </div>
    </header>
  );
}
