import { st } from "../i18n/survey/index.ts";
import { attr, html } from "./html.ts";
import { layout } from "./layout.ts";
import { formatDate } from "./status-pages.ts";

const ANSWERS = ["yes", "partly", "no"] as const;

export interface RecoveryPageOptions {
  locale: string;
  orgName: string;
  action: string;
  /** The answer shown as chosen: the link's, else the stored one. */
  chosen?: string;
  /** An answer is stored (the page says so and offers to change it). */
  saved: boolean;
  until: Date;
  timeZone: string;
  /** Nothing (or something unknown) was chosen on submit. */
  error?: boolean;
}

/**
 * "Did our call help?": the page the recovery e-mail's links open. A plain form (no script): the link
 * preselects the answer, the button records it, so a mail scanner opening the links records nothing.
 */
export function recoveryPage(o: RecoveryPageOptions): string {
  const { locale } = o;
  const title = st(locale, "recovery.title");
  const choices = ANSWERS.map(
    (a) =>
      html`<div class="choice"><input type="radio" id="answer.${a}" name="answer" value="${a}"${attr("checked", o.chosen === a)}${attr('aria-describedby="answer:error"', Boolean(o.error))}><label for="answer.${a}">${st(locale, `recovery.${a}`)}</label></div>`,
  );
  const body = html`<h1>${title}</h1>
${o.saved && html`<p class="notice" role="status">${st(locale, "recovery.saved")}</p>`}
<p>${st(locale, "recovery.intro", { org: o.orgName })}</p>
<form method="post" action="${o.action}" accept-charset="utf-8">
<fieldset>
<legend>${title}</legend>
${o.error && html`<p class="err" id="answer:error" role="alert">${st(locale, "recovery.error")}</p>`}
${choices}
</fieldset>
<button type="submit">${st(locale, "recovery.submit")}</button>
</form>
<p class="small">${st(locale, "recovery.change", { date: formatDate(o.until, locale, o.timeZone) })}</p>`;
  return layout({ locale, title, orgName: o.orgName }, body);
}
