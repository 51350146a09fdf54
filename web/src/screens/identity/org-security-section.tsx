import { type FormEvent, useState } from "react";
import { ApiError } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { CheckboxField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useSaveSecuritySettings, useSecuritySettings } from "../../lib/identity.ts";

/** The owner's switch that requires two-factor sign-in of every member. */
export function OrgSecuritySection() {
  const t = useT();
  const settings = useSecuritySettings(true);
  const save = useSaveSecuritySettings();
  const [saved, setSaved] = useState(false);
  if (!settings.data) return <ErrorAlert error={settings.error} />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const requireTwoFactor = new FormData(event.currentTarget).get("requireTwoFactor") === "on";
    save.mutate({ requireTwoFactor }, { onSuccess: () => setSaved(true) });
  };
  const conflict = save.error instanceof ApiError && save.error.status === 409;

  return (
    <section aria-labelledby="org-security-heading">
      <h2 id="org-security-heading">{t("orgSecurity.heading")}</h2>
      {saved && (
        <p role="status" className="alert success">
          {t("orgSecurity.saved")}
        </p>
      )}
      <ErrorAlert error={save.error} message={conflict ? t("orgSecurity.selfFirst") : undefined} />
      <form onSubmit={submit} noValidate>
        <CheckboxField
          label={t("orgSecurity.require")}
          hint={t("orgSecurity.requireHint")}
          name="requireTwoFactor"
          defaultChecked={settings.data.requireTwoFactor}
        />
        <p>{t("orgSecurity.missing", { count: settings.data.membersWithoutTwoFactor })}</p>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("orgSecurity.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
