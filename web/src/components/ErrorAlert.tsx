import { useT } from "../i18n/use-t.ts";
import { ApiError, fieldPath } from "../api.ts";

/** The user-facing sentence for a failed request. */
export function useErrorText() {
  const t = useT();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t("error.generic");
    const { status, detail, title } = error.problem;
    if (status === 0) return t("error.network");
    if (status === 401) return t("error.unauthorized");
    if (status === 429) return t("error.tooMany");
    if (detail) return detail;
    if (status === 403) return t("error.forbidden");
    if (status === 404) return t("error.notFound");
    if (status === 409) return t("error.conflict");
    return title ?? t("error.generic");
  };
}

type ErrorAlertProps = {
  error: unknown;
  /** Field names shown next to their inputs; other field errors are listed here. */
  fields?: readonly string[];
  /** Overrides the sentence (e.g. for sign-in's 401). */
  message?: string;
};

/** Announces a failed request: the problem's detail, stray field errors and the request id. */
export function ErrorAlert({ error, fields = [], message }: ErrorAlertProps) {
  const t = useT();
  const errorText = useErrorText();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const stray = (problem?.errors ?? []).filter((e) => !fields.includes(fieldPath(e.path)));
  return (
    <div role="alert" className="alert error">
      <p>{message ?? errorText(error)}</p>
      {stray.length > 0 && (
        <ul>
          {stray.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path ? `${fieldPath(e.path)}: ` : ""}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.requestId && <p className="small">{t("error.requestId", { id: problem.requestId })}</p>}
    </div>
  );
}
