import { ApiError, fieldPath } from "../api.ts";

/** Error messages by field name (dotted, as the inputs are named). */
export type FieldErrors = Record<string, string>;

/** The per-field errors a failed request carried. */
export function serverFieldErrors(error: unknown): FieldErrors {
  const result: FieldErrors = {};
  if (error instanceof ApiError) {
    for (const e of error.problem.errors ?? []) result[fieldPath(e.path)] ??= e.message;
  }
  return result;
}

/** Moves focus to the first field marked invalid, after React has rendered the marks. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** A trimmed text value from a form. */
export const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** True for a plausible e-mail address (the server checks properly). */
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+$/.test(value);
