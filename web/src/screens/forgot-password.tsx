import { Link } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { ApiError, api } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Page } from "../components/Page.tsx";
import { focusFirstInvalid, looksLikeEmail, text } from "../lib/form.ts";
import { BASE } from "../lib/base.ts";

/** Asks for a password-reset link; never reveals whether the address has an account. */
export function ForgotPasswordScreen() {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [emailError, setEmailError] = useState<string>();
  const [failure, setFailure] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = text(new FormData(event.currentTarget), "email");
    setFailure(null);
    setSent(false);
    if (!looksLikeEmail(email)) {
      setEmailError(t("field.emailInvalid"));
      return focusFirstInvalid(form.current);
    }
    setEmailError(undefined);
    setPending(true);
    try {
      await api.post("/api/auth/request-password-reset", {
        email,
        redirectTo: `${location.origin}${BASE}/reset-password`,
      });
      setSent(true);
    } catch (error) {
      // Unknown addresses must look the same as known ones; only throttling and outages are reported.
      const reportable =
        !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
      if (reportable) setFailure(error);
      else setSent(true);
    } finally {
      setPending(false);
    }
  };

  return (
    <Page title={t("forgot.title")}>
      <p>{t("forgot.intro")}</p>
      <p role="status" className={sent ? "alert success" : "status-empty"}>
        {sent ? t("forgot.sent") : ""}
      </p>
      <ErrorAlert error={failure} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={emailError}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t("forgot.submit")}
          </button>
        </div>
      </form>
      <p>
        <Link to="/sign-in">{t("forgot.back")}</Link>
      </p>
    </Page>
  );
}
