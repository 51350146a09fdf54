import type { Names } from "./types.ts";

/** A multilingual name in the wanted language, falling back to Estonian, English, then any. */
export function pickName(names: Names, locale: string): string {
  return names[locale] || names.et || names.en || Object.values(names).find(Boolean) || "";
}

/** Reads name inputs called names.<lang> from a form, keeping languages the form does not show. */
export function namesFromForm(form: FormData, languages: readonly string[], previous: Names = {}): Names {
  const names: Names = { ...previous };
  for (const lang of languages) {
    const value = String(form.get(`names.${lang}`) ?? "").trim();
    if (value) names[lang] = value;
    else delete names[lang];
  }
  return names;
}

/** The languages whose names the forms ask for. */
export const NAME_LANGUAGES = ["et", "en", "ru"] as const;
