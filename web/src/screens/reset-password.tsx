import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { ApiError, api } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { Page } from "../components/Page.tsx";
import { type FieldErrors, focusFirstInvalid } from "../lib/form.ts";

const route = getRouteApi("/public/reset-password");
const MIN_LENGTH = 10;

/** Sets a new password from an e-mailed link (?token=…), then returns to sign-in. */
export function ResetPasswordScreen() {
  const t = useT();
  const navigate = useNavigate();
  const { token } = route.useSearch();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const title = t("reset.title");
  const requestAgain = (
    <p>
      <Link to="/forgot-password">{t("reset.requestAgain")}</Link>
    </p>
  );

  if (!token) {
    return (
      <Page title={title}>
        <p role="alert" className="alert error">
          {t("reset.noToken")}
        </p>
        {requestAgain}
      </Page>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const newPassword = String(data.get("newPassword") ?? "");
    const confirm = String(data.get("confirm") ?? "");
    const found: FieldErrors = {};
    if (newPassword.length < MIN_LENGTH) {
      found.newPassword = t("reset.tooShort", { min: MIN_LENGTH });
    } else if (confirm !== newPassword) found.confirm = t("reset.mismatch");
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);

    setPending(true);
    try {
      await api.post("/api/auth/reset-password", { newPassword, token });
      await navigate({ to: "/sign-in", search: { notice: "password-reset" } });
    } catch (error) {
      setFailure(error);
      setPending(false);
    }
  };

  const badToken =
    failure instanceof ApiError && failure.status === 400 && /TOKEN/i.test(failure.problem.code ?? "");

  return (
    <Page title={title}>
      <ErrorAlert
        error={failure}
        fields={["newPassword"]}
        message={badToken ? t("reset.badToken") : undefined}
      />
      {badToken && requestAgain}
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("reset.newPassword")}
          hint={t("reset.hint", { min: MIN_LENGTH })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
          error={errors.newPassword}
        />
        <TextField
          label={t("reset.confirm")}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t("reset.submit")}
          </button>
        </div>
      </form>
    </Page>
  );
}
