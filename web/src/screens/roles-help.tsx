import { Fragment } from "react";
import { useT } from "../i18n/use-t.ts";
import { ROLES } from "../lib/types.ts";

/** What each role may do, folded away until asked for. */
export function RolesHelp() {
  const t = useT();
  return (
    <details className="help">
      <summary>{t("roles.about")}</summary>
      <dl>
        {ROLES.map((role) => (
          <Fragment key={role}>
            <dt>{t(`role.${role}`)}</dt>
            <dd>{t(`role.${role}.description`)}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
