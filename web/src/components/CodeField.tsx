import { ApiError } from "../api.ts";
import { useT } from "../i18n/use-t.ts";
import { TextField } from "./Field.tsx";

/** The `code` a form sends: the typed code, null to clear one the item had, left out when there is none. */
export function codeFromForm(
  data: FormData,
  existing: { code: string | null } | null,
): { code?: string | null } {
  const code = String(data.get("code") ?? "").trim();
  if (code) return { code };
  return existing?.code ? { code: null } : {};
}

type CodeFieldProps = { defaultValue: string | null | undefined; error: unknown; fieldError?: string };

/** A catalogue item's own short code, by which files may name it; a code another item has is said so. */
export function CodeField({ defaultValue, error, fieldError }: CodeFieldProps) {
  const t = useT();
  const taken =
    error instanceof ApiError && (error.problem.errors ?? []).some((e) => e.code === "duplicate_code");
  return (
    <TextField
      label={t("field.code")}
      name="code"
      hint={t("field.codeHint")}
      defaultValue={defaultValue ?? ""}
      maxLength={40}
      autoComplete="off"
      error={taken ? t("catalogue.duplicateCodeField") : fieldError}
    />
  );
}
