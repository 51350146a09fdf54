import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useRouter } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { ApiError, api, forgetCsrf } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Page } from "../components/Page.tsx";
import { type FieldErrors, focusFirstInvalid, looksLikeEmail, text } from "../lib/form.ts";
import { BASE } from "../lib/base.ts";
import { SecondStep } from "./identity/second-step.tsx";

const route = getRouteApi("/public/sign-in");

/** The sentence for a refused single sign-on (`?error=` from Kaja or better-auth). */
function ssoErrorMessage(code: string) {
  switch (code) {
    case "sso_unknown_organization":
      return "ssoSignIn.error.unknown" as const;
    case "sso_issuer_unreachable":
      return "ssoSignIn.error.unreachable" as const;
    case "sso_email_unverified":
      return "ssoSignIn.error.unverified" as const;
    case "sso_not_member":
      return "ssoSignIn.error.notMember" as const;
    case "access_denied":
      return "ssoSignIn.error.cancelled" as const;
    default:
      // A wrong or expired state, a nonce or token that did not verify, a provider error: start again.
      return "ssoSignIn.error.failed" as const;
  }
}

/** E-mail and password sign-in (better-auth, cookie session). */
export function SignInScreen() {
  const t = useT();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { redirect, notice, error: ssoError, org } = route.useSearch();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState(false);

  const enter = async () => {
    forgetCsrf();
    await queryClient.resetQueries();
    router.history.push(`${BASE}${redirect ?? "/"}`);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = text(data, "email");
    const password = String(data.get("password") ?? "");
    const found: FieldErrors = {};
    if (!looksLikeEmail(email)) found.email = t("field.emailInvalid");
    if (!password) found.password = t("signIn.passwordMissing");
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);

    setPending(true);
    try {
      const answer = await api.post<{ twoFactorRedirect?: boolean }>("/api/auth/sign-in/email", {
        email,
        password,
      });
      if (answer?.twoFactorRedirect) {
        setPending(false);
        return setSecondStep(true);
      }
      await enter();
    } catch (error) {
      setFailure(error);
      setPending(false);
    }
  };

  const status = failure instanceof ApiError ? failure.status : undefined;
  // A password sign-in is refused with 403 only by the origin checks (a request from an address not trusted).
  const badOrigin = failure instanceof ApiError && status === 403;
  const message =
    status === 401
      ? t("signIn.wrong")
      : status === 429
        ? t("error.tooMany")
        : badOrigin
          ? t("signIn.badOrigin")
          : undefined;

  const startSso = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = text(new FormData(event.currentTarget), "org");
    window.location.assign(`/api/sso/start?${new URLSearchParams({ org: name })}`);
  };

  if (secondStep) return <SecondStep onSignedIn={enter} onBack={() => setSecondStep(false)} />;

  return (
    <Page title={t("signIn.title")}>
      {notice && (
        <p role="status" className="alert success">
          {t(notice === "password-reset" ? "signIn.passwordChanged" : "signIn.signedOut")}
        </p>
      )}
      <ErrorAlert error={failure} message={message} fields={["email", "password"]} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          error={errors.email}
        />
        <TextField
          label={t("field.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t("signIn.submit")}
          </button>
        </div>
      </form>
      <p>
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
      <section aria-labelledby="sso-sign-in-heading">
        <h2 id="sso-sign-in-heading">{t("ssoSignIn.heading")}</h2>
        {ssoError && (
          <p role="alert" className="alert error">
            {t(ssoErrorMessage(ssoError))}
          </p>
        )}
        {/* The server redirects to the organisation's provider. A navigation, not a form submission: the
            Content-Security-Policy's form-action 'self' would stop a submitted form's redirect to the provider. */}
        <form method="get" action="/api/sso/start" onSubmit={startSso}>
          <TextField
            label={t("ssoSignIn.org")}
            hint={t("ssoSignIn.orgHint")}
            name="org"
            autoComplete="organization"
            required
            defaultValue={org ?? ""}
          />
          <div className="actions">
            <button type="submit">{t("ssoSignIn.submit")}</button>
          </div>
        </form>
      </section>
    </Page>
  );
}
