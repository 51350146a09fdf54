import { t } from "../i18n/account-mail.ts";
import type { TSurveyLocale } from "../i18n/locales.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";

/** One completed action in the page language. */
export interface TWeDidItem {
  said: string;
  did: string;
  /** The month it was completed, formatted in the page language. */
  month: string;
}

export interface WeDidPageOptions {
  locale: string;
  orgName: string;
  items: TWeDidItem[];
  languages: { locale: TSurveyLocale; href: string }[];
}

/** "You said, we did": completed improvement actions in plain language; no script, one heading per action. */
export function weDidPage(o: WeDidPageOptions): string {
  const title = t(o.locale, "weDid.title", { org: o.orgName });
  const items = o.items.map(
    (i) => html`<li><h2>${t(o.locale, "weDid.said")}: ${i.said}</h2>
<p><strong>${t(o.locale, "weDid.did")}:</strong> ${i.did}</p>
<p class="hint">${t(o.locale, "weDid.when", { month: i.month })}</p></li>`,
  );
  const body = html`<h1>${title}</h1>
<p>${t(o.locale, "weDid.intro")}</p>
${o.items.length ? html`<ul class="we-did">${items}</ul>` : html`<p>${t(o.locale, "weDid.empty")}</p>`}`;
  return layout({ locale: o.locale, title, orgName: o.orgName, languages: o.languages }, body);
}

/** The page for an unknown organisation or one that has not switched the page on (status 404). */
export function weDidNotFoundPage(locale: string): string {
  const title = t(locale, "weDid.notFound");
  return layout({ locale, title }, html`<h1>${title}</h1>`);
}
