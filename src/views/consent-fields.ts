import { st } from "../i18n/survey/index.ts";
import { attr, html, type SafeHtml } from "./html.ts";

/** The respondent's choice as the form shows it. */
export interface TConsentValues {
  contact?: "no" | "email" | "phone";
  phone?: string;
}

export interface ConsentFieldsOptions {
  locale: string;
  /** Whether "by e-mail" is offered (the invitation went to an address). */
  offerEmail: boolean;
  /** "By e-mail" means the address typed in the form (the website survey), not the invited one. */
  typedEmail?: boolean;
  values: TConsentValues;
  /** The phone number could not be read. */
  phoneError?: boolean;
}

/**
 * The question asked of a respondent whose answer opened a follow-up case: may the agency contact them
 * about it, and how. Works without script: the phone field is always there, used only with "by phone".
 */
export function consentFields(o: ConsentFieldsOptions): SafeHtml {
  const { locale, values } = o;
  const choices = (["no", ...(o.offerEmail ? ["email"] : []), "phone"] as const).map(
    (c) =>
      html`<div class="choice"><input type="radio" id="contact.${c}" name="contact" value="${c}"${attr("checked", values.contact === c)}><label for="contact.${c}">${st(locale, c === "email" && o.typedEmail ? "consent.emailTyped" : `consent.${c}`)}</label></div>`,
  );
  const phoneDescribed = `phone:hint${o.phoneError ? " phone:error" : ""}`;
  return html`<fieldset id="contact" aria-describedby="contact:hint">
<legend>${st(locale, "consent.legend")}</legend>
<p class="hint" id="contact:hint">${st(locale, "consent.hint")}</p>
${choices}
<div class="field${o.phoneError ? " invalid" : ""}">
<label class="q" for="phone">${st(locale, "consent.phoneLabel")}</label>
<p class="hint" id="phone:hint">${st(locale, "consent.phoneError")}</p>
${o.phoneError && html`<p class="err" id="phone:error" role="alert">${st(locale, "consent.phoneError")}</p>`}
<input type="tel" id="phone" name="phone" maxlength="40" autocomplete="tel" value="${values.phone ?? ""}" aria-describedby="${phoneDescribed}"${attr('aria-invalid="true"', Boolean(o.phoneError))}>
</div>
</fieldset>`;
}
