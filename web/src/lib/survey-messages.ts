import { useQuery } from "@tanstack/react-query";
import type { SurveyLocale } from "./survey-types.ts";

/** A survey language's shipped wordings and public-page texts (the same catalogue the answer page uses). */
export type SurveyMessages = Record<string, string>;

type Loader = () => Promise<{ default: SurveyMessages }>;

// One chunk per language, loaded when a screen first needs it.
const loaders: Record<SurveyLocale, Loader> = {
  et: () => import("../../../src/i18n/survey/et.json", { with: { type: "json" } }),
  ru: () => import("../../../src/i18n/survey/ru.json", { with: { type: "json" } }),
  en: () => import("../../../src/i18n/survey/en.json", { with: { type: "json" } }),
  fi: () => import("../../../src/i18n/survey/fi.json", { with: { type: "json" } }),
  lv: () => import("../../../src/i18n/survey/lv.json", { with: { type: "json" } }),
  lt: () => import("../../../src/i18n/survey/lt.json", { with: { type: "json" } }),
  sv: () => import("../../../src/i18n/survey/sv.json", { with: { type: "json" } }),
  es: () => import("../../../src/i18n/survey/es.json", { with: { type: "json" } }),
  de: () => import("../../../src/i18n/survey/de.json", { with: { type: "json" } }),
  nl: () => import("../../../src/i18n/survey/nl.json", { with: { type: "json" } }),
  no: () => import("../../../src/i18n/survey/no.json", { with: { type: "json" } }),
  da: () => import("../../../src/i18n/survey/da.json", { with: { type: "json" } }),
};

/** Loads one survey language's catalogue. */
export const loadSurveyMessages = (locale: SurveyLocale) => loaders[locale]().then((m) => m.default);

/** One survey language's catalogue (cached for the session). */
export const useSurveyMessages = (locale: SurveyLocale | undefined) =>
  useQuery({
    queryKey: ["survey-messages", locale],
    queryFn: () => loadSurveyMessages(locale as SurveyLocale),
    enabled: !!locale,
    staleTime: Number.POSITIVE_INFINITY,
  });

/**
 * Fills {org}, {service} and {employee} the way the answer page does (plain replacement, no ICU), so the
 * preview shows what respondents will read.
 */
export function fillNames(text: string, names: { org: string; service?: string; employee?: string }) {
  const values: Record<string, string> = {
    org: names.org,
    service: names.service ?? names.org,
    employee: names.employee ?? names.org,
  };
  return text.replace(/\{(org|service|employee)\}/g, (_, k: string) => values[k]);
}

/** The shipped texts of the standard survey in one language, for filling a newly enabled language. */
export function standardTexts(m: SurveyMessages, object: string) {
  return {
    recommend: m[`recommend.${object}`],
    recommendLow: m["recommend.low"],
    recommendHigh: m["recommend.high"],
    satisfaction: m["satisfaction.question"],
    satisfactionLow: m["satisfaction.low"],
    satisfactionHigh: m["satisfaction.high"],
    comment: m["comment.prompt"],
    cover: m["page.intro"],
    thankYou: m["thanks.body"],
  };
}
