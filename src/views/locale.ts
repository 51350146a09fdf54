import { SURVEY_LOCALES, type TSurveyLocale } from "../i18n/locales.ts";

const isSurveyLocale = (v: unknown): v is TSurveyLocale =>
  typeof v === "string" && (SURVEY_LOCALES as readonly string[]).includes(v);

/** The survey languages of an Accept-Language header, most preferred first ("nb"/"nn" count as "no"). */
export function acceptedLocales(header: string | undefined): TSurveyLocale[] {
  const ranked = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? 1,
      );
      const primary = tag.trim().toLowerCase().split("-")[0];
      return {
        code: primary === "nb" || primary === "nn" ? "no" : primary,
        q: Number.isFinite(q) ? q : 0,
        i,
      };
    })
    .filter((x) => x.q > 0 && isSurveyLocale(x.code))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return [...new Set(ranked.map((x) => x.code as TSurveyLocale))];
}

/** The first candidate that is one of `available`, else `fallback`. */
export function pickLocale(
  available: readonly string[],
  candidates: unknown[],
  fallback: TSurveyLocale,
): TSurveyLocale {
  const found = candidates.find((c) => isSurveyLocale(c) && available.includes(c));
  return (found as TSurveyLocale | undefined) ?? fallback;
}

/** A language for pages that belong to no survey (not found, too many requests). */
export function neutralLocale(lang: unknown, acceptLanguage: string | undefined): TSurveyLocale {
  return pickLocale(SURVEY_LOCALES, [lang, ...acceptedLocales(acceptLanguage)], "et");
}
