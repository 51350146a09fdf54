import { IntlMessageFormat } from "intl-messageformat";
import { SURVEY_LOCALES, type TSurveyLocale } from "../locales.ts";
import da from "./da.json" with { type: "json" };
import de from "./de.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import es from "./es.json" with { type: "json" };
import et from "./et.json" with { type: "json" };
import fi from "./fi.json" with { type: "json" };
import lt from "./lt.json" with { type: "json" };
import lv from "./lv.json" with { type: "json" };
import nl from "./nl.json" with { type: "json" };
import no from "./no.json" with { type: "json" };
import ru from "./ru.json" with { type: "json" };
import sv from "./sv.json" with { type: "json" };
import { endSentences } from "../end-sentences.ts";

/** Keys of the standard survey wordings and public-page chrome; every language file has exactly these. */
export const SURVEY_MESSAGE_KEYS = [
  "recommend.organisation",
  "recommend.service",
  "recommend.employee",
  "recommend.low",
  "recommend.high",
  "satisfaction.question",
  "satisfaction.low",
  "satisfaction.high",
  "comment.prompt",
  "comment.hint",
  "page.title",
  "page.intro",
  "page.skip",
  "page.language",
  "page.required",
  "page.optional",
  "page.scaleHint",
  "page.scoreLabel",
  "page.submit",
  "page.update",
  "page.chooseOne",
  "page.chooseAny",
  "page.ratingLow",
  "page.ratingHigh",
  "page.nameOptional",
  "page.emailOptional",
  "page.contactHint",
  "page.privacy",
  "page.scoreSaved",
  "error.summary",
  "error.score",
  "error.satisfaction",
  "error.required",
  "error.tooLong",
  "error.invalidOption",
  "error.tooMany",
  "error.tooManyRequests",
  "error.invalidText",
  "error.email",
  "thanks.title",
  "thanks.body",
  "thanks.change",
  "thanks.edit",
  "thanks.weDid",
  "consent.legend",
  "consent.hint",
  "consent.no",
  "consent.email",
  "consent.phone",
  "consent.phoneLabel",
  "consent.phoneError",
  "consent.emailTyped",
  "consent.emailMissing",
  "recovery.mailSubject",
  "recovery.mailText",
  "recovery.title",
  "recovery.intro",
  "recovery.yes",
  "recovery.partly",
  "recovery.no",
  "recovery.submit",
  "recovery.saved",
  "recovery.change",
  "recovery.error",
  "closed.title",
  "closed.body",
  "notFound.title",
  "notFound.body",
  "unavailable.title",
  "unavailable.body",
  "email.subject",
  "email.preheader",
  "email.greeting",
  "email.intro",
  "email.clickHint",
  "email.why",
  "email.unsubscribe",
  "email.reminderSubject",
  "unsubscribe.title",
  "unsubscribe.body",
  "unsubscribe.confirm",
] as const;
export type TSurveyMessageKey = (typeof SURVEY_MESSAGE_KEYS)[number];

/** The survey catalogues, one flat ICU MessageFormat object per survey language. */
export const surveyMessages: Record<TSurveyLocale, Record<string, string>> = {
  et,
  ru,
  en,
  fi,
  lv,
  lt,
  sv,
  es,
  de,
  nl,
  no,
  da,
};

/** Each survey language's name in that language, for the language switcher. */
export const LANGUAGE_NAMES: Record<TSurveyLocale, string> = {
  et: "eesti",
  ru: "русский",
  en: "English",
  fi: "suomi",
  lv: "latviešu",
  lt: "lietuvių",
  sv: "svenska",
  es: "español",
  de: "Deutsch",
  nl: "Nederlands",
  no: "norsk",
  da: "dansk",
};

/** Picks a survey language from a code such as "et", "ru-RU" or "nb-NO"; English when not supported. */
export function surveyLocale(value: string | null | undefined): TSurveyLocale {
  const primary = (value ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const code = primary === "nb" || primary === "nn" ? "no" : primary;
  return (SURVEY_LOCALES as readonly string[]).includes(code) ? (code as TSurveyLocale) : "en";
}

/** The locale passed to Intl (plural rules): Norwegian Bokmål is "nb" there. */
function intlLocale(locale: TSurveyLocale): string {
  return locale === "no" ? "nb" : locale;
}

const compiled = new Map<string, IntlMessageFormat>();

/**
 * Formats one survey message in the given language (English for unsupported languages;
 * the English wording if a language lacks the key). Compiled formats are cached.
 */
export function st(locale: string, key: string, values: Record<string, string | number> = {}): string {
  const requested = surveyLocale(locale);
  const lang = Object.hasOwn(surveyMessages[requested], key) ? requested : "en";
  if (!Object.hasOwn(surveyMessages[lang], key)) throw new Error(`Missing survey message ${key}`);
  const pattern = surveyMessages[lang][key];
  const cacheKey = `${lang}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(pattern, intlLocale(lang));
    compiled.set(cacheKey, format);
  }
  return endSentences(String(format.format(values)));
}
