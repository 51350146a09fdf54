import { type FormEvent, useRef, useState } from "react";
import { ApiError, api } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, text } from "../../lib/form.ts";

type SecondStepProps = { onSignedIn: () => Promise<void>; onBack: () => void };

/** The second step of signing in: a code from the authenticator app, or one of the recovery codes. */
export function SecondStep({ onSignedIn, onBack }: SecondStepProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [recovery, setRecovery] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = text(new FormData(event.currentTarget), "code").replace(/\s/g, "");
    const valid = recovery ? code.length > 0 : /^\d{6}$/.test(code);
    setErrors(valid ? {} : { code: t(recovery ? "signIn2.recoveryMissing" : "twoFactor.codeMissing") });
    setFailure(null);
    if (!valid) return focusFirstInvalid(form.current);
    setPending(true);
    try {
      await api.post(`/api/auth/two-factor/${recovery ? "verify-backup-code" : "verify-totp"}`, { code });
      await onSignedIn();
    } catch (error) {
      setFailure(error);
      setPending(false);
    }
  };

  const problem = failure instanceof ApiError ? failure.problem : undefined;
  // The challenge is gone (expired, or too many tries on it: a 400, since the form checks the code's shape before
  // sending it); a wrong code is a 401 too, told apart by the reason.
  const expired =
    problem?.status === 400 ||
    problem?.reason === "INVALID_TWO_FACTOR_COOKIE" ||
    problem?.reason === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE";
  const message = !problem
    ? undefined
    : expired
      ? t("signIn2.expired")
      : problem.status === 401
        ? t(recovery ? "signIn2.wrongRecovery" : "twoFactor.wrongCode")
        : problem.status === 429
          ? t("error.tooMany")
          : undefined;

  return (
    <Page title={t("signIn2.title")}>
      <p>{t("signIn2.help")}</p>
      <ErrorAlert error={failure} message={message} fields={["code"]} />
      <form ref={form} onSubmit={submit} noValidate key={recovery ? "recovery" : "app"}>
        <TextField
          label={t(recovery ? "signIn2.recoveryCode" : "twoFactor.code")}
          name="code"
          inputMode={recovery ? "text" : "numeric"}
          autoComplete="one-time-code"
          required
          error={errors.code}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t("signIn2.submit")}
          </button>
          <button type="button" onClick={() => setRecovery(!recovery)}>
            {t(recovery ? "signIn2.useApp" : "signIn2.useRecovery")}
          </button>
          <button type="button" onClick={onBack}>
            {t("signIn2.back")}
          </button>
        </div>
      </form>
    </Page>
  );
}
