import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { CheckboxField, SelectField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useSaveSsoSettings, useSsoSettings } from "../../lib/identity.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors, text } from "../../lib/form.ts";

/** Roles a person may join with on their first single sign-on (never owner). */
const JIT_ROLES = [
  "viewer",
  "agent",
  "analyst",
  "manager",
  "quality_specialist",
  "auditor",
  "admin",
] as const;

/** The owner's single sign-on settings: the organisation's OpenID Connect provider. */
export function SsoSection({ orgId, orgSlug }: { orgId: string; orgSlug: string }) {
  const t = useT();
  const settings = useSsoSettings(orgId);
  const save = useSaveSsoSettings(orgId);
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  const s = settings.data;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const issuer = text(data, "issuer");
    const clientId = text(data, "clientId");
    const clientSecret = String(data.get("clientSecret") ?? "");
    const found: FieldErrors = {};
    if (!/^https?:\/\/\S+$/.test(issuer)) found.issuer = t("sso.issuerInvalid");
    if (!clientId) found.clientId = t("sso.clientIdMissing");
    if (!clientSecret && !s.clientSecretSet) found.clientSecret = t("sso.clientSecretMissing");
    setErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    save.mutate(
      {
        enabled: data.get("enabled") === "on",
        issuer,
        clientId,
        ...(clientSecret ? { clientSecret } : {}),
        jitEnabled: data.get("jitEnabled") === "on",
        jitRole: String(data.get("jitRole") ?? "viewer"),
      },
      {
        onSuccess: () => {
          setSaved(true);
          form.current?.reset();
        },
        onError: (error) => {
          setErrors(serverFieldErrors(error));
          focusFirstInvalid(form.current);
        },
      },
    );
  };

  return (
    <section aria-labelledby="sso-heading">
      <h2 id="sso-heading">{t("sso.heading")}</h2>
      <p>{t("sso.intro")}</p>
      <p>
        {t("sso.redirectUri")} <code>{s.redirectUri}</code>
      </p>
      <p>{t("sso.shortName", { slug: orgSlug })}</p>
      {saved && (
        <p role="status" className="alert success">
          {t("sso.saved")}
        </p>
      )}
      <ErrorAlert error={save.error} fields={["issuer", "clientId", "clientSecret", "jitRole"]} />
      <form ref={form} onSubmit={submit} noValidate key={s.updatedAt ?? "new"}>
        <CheckboxField
          label={t("sso.enabled")}
          name="enabled"
          defaultChecked={s.configured ? s.enabled : true}
        />
        <TextField
          label={t("sso.issuer")}
          hint={t("sso.issuerHint")}
          name="issuer"
          type="url"
          required
          defaultValue={s.issuer ?? ""}
          error={errors.issuer}
        />
        <TextField
          label={t("sso.clientId")}
          name="clientId"
          required
          autoComplete="off"
          defaultValue={s.clientId ?? ""}
          error={errors.clientId}
        />
        <TextField
          label={t("sso.clientSecret")}
          hint={s.clientSecretSet ? t("sso.clientSecretKept") : t("sso.clientSecretHint")}
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          required={!s.clientSecretSet}
          error={errors.clientSecret}
        />
        <CheckboxField
          label={t("sso.jit")}
          hint={t("sso.jitHint")}
          name="jitEnabled"
          defaultChecked={s.jitEnabled}
        />
        <SelectField label={t("sso.jitRole")} name="jitRole" defaultValue={s.jitRole} error={errors.jitRole}>
          {JIT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </SelectField>
        <p className="hint">{t("sso.twoFactorNote")}</p>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t("sso.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
