import { st } from "../../i18n/survey/index.ts";
import { html } from "../../views/html.ts";
import { layout } from "../../views/layout.ts";

/** Asks for confirmation: a plain form POST, so it works without JavaScript and no link preview unsubscribes. */
export function unsubscribeConfirmPage(locale: string, orgName: string, action: string): string {
  const title = st(locale, "email.unsubscribe");
  return layout(
    { locale, title, orgName },
    html`<h1>${title}</h1>
<form method="post" action="${action}">
<input type="hidden" name="confirm" value="1">
<button type="submit">${st(locale, "unsubscribe.confirm", { org: orgName })}</button>
</form>`,
  );
}

/** Confirms the opt-out. */
export function unsubscribedPage(locale: string, orgName: string): string {
  const title = st(locale, "unsubscribe.title");
  return layout(
    { locale, title, orgName },
    html`<h1 role="status">${title}</h1>
<p>${st(locale, "unsubscribe.body", { org: orgName })}</p>`,
  );
}
