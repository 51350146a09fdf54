import { LANGUAGE_NAMES, st } from "../i18n/survey/index.ts";
import type { TSurveyLocale } from "../i18n/locales.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import { CSS } from "./styles.ts";

export interface LayoutOptions {
  locale: string;
  title: string;
  /** Shown above the page; omitted on the not-found page, which must not reveal whose link it was. */
  orgName?: string;
  /** Links to the same page in each of the survey's languages (the current one included, marked). */
  languages?: { locale: TSurveyLocale; href: string }[];
  /** Compact variant for an iframe on the organisation's website. */
  embed?: boolean;
}

/** The shell of every public page: one inline stylesheet, a skip link and the main landmark. */
export function layout(o: LayoutOptions, body: SafeHtml): string {
  const page = html`<!doctype html>
<html lang="${o.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${o.title}</title>
<style>${raw(CSS)}</style>
</head>
<body${raw(o.embed ? ' class="embed"' : "")}>
<a class="skip" href="#main">${st(o.locale, "page.skip")}</a>
${header(o)}
<main id="main" tabindex="-1"><div class="wrap"><div class="card">
${body}
</div></div></main>
</body>
</html>
`;
  return page.value;
}

function header(o: LayoutOptions): SafeHtml | false {
  const langs = o.languages ?? [];
  if (!o.orgName && !langs.length) return false;
  return html`<header class="top"><div class="wrap">
${o.orgName && !o.embed ? html`<p class="org">${o.orgName}</p>` : false}
${langs.length > 1 && languageSwitch(o.locale, langs)}
</div></header>`;
}

function languageSwitch(locale: string, langs: { locale: TSurveyLocale; href: string }[]): SafeHtml {
  const items = langs.map(
    (l) =>
      html`<li><a href="${l.href}" lang="${l.locale}" hreflang="${l.locale}"${raw(l.locale === locale ? ' aria-current="page"' : "")}>${LANGUAGE_NAMES[l.locale]}</a></li>`,
  );
  return html`<nav class="langs" aria-label="${st(locale, "page.language")}"><ul>${items}</ul></nav>`;
}
