import type { TSurveyLocale } from "../i18n/locales.ts";
import { st } from "../i18n/survey/index.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";

export interface ThanksPageOptions {
  locale: string;
  orgName: string;
  /** The survey's own thank-you text, placeholders filled. */
  text: string;
  /** Until when the answer can be changed, and where (e-mail invitations only). */
  change?: { until: Date | null; timeZone: string; href: string };
  /** The organisation's "You said, we did" page, when it has one. */
  weDidHref?: string | null;
  embed?: boolean;
}

/** Intl's name for a survey language (Norwegian Bokmål is "nb" there). */
const intlLocale = (locale: string) => (locale === "no" ? "nb" : locale);

/** A date and time as the respondent's language writes it, in the organisation's time zone. */
export function formatDate(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(date);
}

/** Shown after an answer was saved. */
export function thanksPage(o: ThanksPageOptions): string {
  const { locale, change } = o;
  const body = html`<h1>${st(locale, "thanks.title")}</h1>
<p>${o.text}</p>
${
  change &&
  html`${change.until && html`<p>${st(locale, "thanks.change", { date: formatDate(change.until, locale, change.timeZone) })}</p>`}
<p><a href="${change.href}">${st(locale, "thanks.edit")}</a></p>`
}
${o.weDidHref && html`<p><a href="${o.weDidHref}">${st(locale, "thanks.weDid")}</a></p>`}`;
  return layout({ locale, title: st(locale, "thanks.title"), orgName: o.orgName, embed: o.embed }, body);
}

function messagePage(
  locale: string,
  title: string,
  text: string | undefined,
  orgName?: string,
  embed = false,
) {
  return layout(
    { locale, title, orgName, embed },
    html`<h1>${title}</h1>
${text && html`<p>${text}</p>`}`,
  );
}

/** The link's answer window has passed (status 410). */
export const closedPage = (locale: string, orgName: string) =>
  messagePage(locale, st(locale, "closed.title"), st(locale, "closed.body"), orgName);

/** Unknown, malformed or tampered link: the same page for all, naming no organisation (status 404). */
export const notFoundPage = (locale: TSurveyLocale) =>
  messagePage(locale, st(locale, "notFound.title"), st(locale, "notFound.body"));

/** Too many answers from one address (status 429). */
export const tooManyPage = (locale: TSurveyLocale, embed = false) =>
  messagePage(locale, st(locale, "error.tooMany"), undefined, undefined, embed);

/** The service cannot answer for now, e.g. the database is down (status 503). */
export const unavailablePage = (locale: TSurveyLocale) =>
  messagePage(locale, st(locale, "unavailable.title"), st(locale, "unavailable.body"));

/** Too many requests for survey links from one address, or for one link (status 429). */
export const tooManyRequestsPage = (locale: TSurveyLocale) =>
  messagePage(locale, st(locale, "error.tooManyRequests"), undefined);
