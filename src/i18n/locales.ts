/** Languages of the staff interface and account e-mails. */
export const UI_LOCALES = ["et", "en", "ru", "lv", "lt"] as const;
export type TUiLocale = (typeof UI_LOCALES)[number];

/** Languages a survey can be given in. */
export const SURVEY_LOCALES = [
  "et",
  "ru",
  "en",
  "fi",
  "lv",
  "lt",
  "sv",
  "es",
  "de",
  "nl",
  "no",
  "da",
] as const;
export type TSurveyLocale = (typeof SURVEY_LOCALES)[number];

/** Picks a supported UI locale, Estonian by default. */
export function uiLocale(value: string | null | undefined): TUiLocale {
  const short = (value ?? "").slice(0, 2).toLowerCase();
  return (UI_LOCALES as readonly string[]).includes(short) ? (short as TUiLocale) : "et";
}
