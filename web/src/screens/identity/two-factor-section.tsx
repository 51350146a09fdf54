import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { renderSVG } from "uqr";
import { ApiError, api, forgetCsrf } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { text } from "../../lib/form.ts";
import { type Enrolment, secretOf } from "../../lib/identity.ts";
import { meQueryKey } from "../../lib/me.ts";

/** Switching two-factor sign-in on (QR code, recovery codes, confirming code) and off. */
export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<"enabled" | "disabled" | null>(null);
  const [pending, setPending] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setPending(true);
    setFailure(null);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  };
  const refreshMe = async () => {
    // better-auth replaces the session when two-factor sign-in changes: the CSRF token goes with it.
    forgetCsrf();
    await queryClient.invalidateQueries();
    await queryClient.refetchQueries({ queryKey: meQueryKey });
  };

  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    void run(async () => {
      setEnrolment(await api.post<Enrolment>("/api/auth/two-factor/enable", password ? { password } : {}));
    });
  };
  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = text(new FormData(event.currentTarget), "code").replace(/\s/g, "");
    void run(async () => {
      if (!/^\d{6}$/.test(code)) throw new Error(t("twoFactor.codeMissing"));
      await api.post("/api/auth/two-factor/verify-totp", { code });
      setEnrolment(null);
      setNotice("enabled");
      await refreshMe();
    });
  };
  const disable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    void run(async () => {
      await api.post("/api/auth/two-factor/disable", password ? { password } : {});
      setNotice("disabled");
      await refreshMe();
    });
  };

  const status = failure instanceof ApiError ? failure.status : undefined;
  const message =
    failure instanceof ApiError
      ? status === 401
        ? t("twoFactor.wrongCode")
        : status === 400 && /password/i.test(failure.problem.detail ?? "")
          ? t("twoFactor.wrongPassword")
          : undefined
      : failure instanceof Error
        ? failure.message
        : undefined;

  return (
    <section aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">{t("twoFactor.heading")}</h2>
      <p>{t("twoFactor.help")}</p>
      {notice && (
        <p role="status" className="alert success">
          {t(notice === "enabled" ? "twoFactor.enabled" : "twoFactor.disabled")}
        </p>
      )}
      <p>
        <strong>{t(enabled ? "twoFactor.on" : "twoFactor.off")}</strong>
      </p>
      <ErrorAlert error={failure} message={message} />
      {enrolment ? (
        <EnrolmentSteps enrolment={enrolment} onConfirm={confirm} pending={pending} />
      ) : (
        <form onSubmit={enabled ? disable : start} noValidate>
          <TextField
            label={t("twoFactor.password")}
            hint={t("twoFactor.passwordHint")}
            name="password"
            type="password"
            autoComplete="current-password"
          />
          <div className="actions">
            <button type="submit" className={enabled ? undefined : "primary"} disabled={pending}>
              {t(enabled ? "twoFactor.disable" : "twoFactor.start")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

type StepsProps = {
  enrolment: Enrolment;
  onConfirm: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
};

function EnrolmentSteps({ enrolment, onConfirm, pending }: StepsProps) {
  const t = useT();
  const qr = useMemo(
    () => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(enrolment.totpURI))}`,
    [enrolment.totpURI],
  );
  return (
    <>
      <p>{t("twoFactor.scan")}</p>
      <img src={qr} alt={t("twoFactor.qrAlt")} width={200} height={200} className="qr" />
      <p>
        {t("twoFactor.secret")}: <code data-testid="totp-secret">{secretOf(enrolment.totpURI)}</code>
      </p>
      <h3>{t("twoFactor.recoveryTitle")}</h3>
      <p>{t("twoFactor.recoveryHelp")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {enrolment.backupCodes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <h3>{t("twoFactor.confirmTitle")}</h3>
      <form onSubmit={onConfirm} noValidate>
        <TextField
          label={t("twoFactor.code")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t("twoFactor.confirm")}
          </button>
        </div>
      </form>
    </>
  );
}
