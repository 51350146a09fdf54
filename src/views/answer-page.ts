import type { TAnswerError } from "../domain/survey-answer.ts";
import { type TSurveyDefinition, textIn } from "../domain/survey-definition.ts";
import type { TSurveyLocale } from "../i18n/locales.ts";
import { st } from "../i18n/survey/index.ts";
import { errorMessage, errorSummary, firstErrors } from "./errors.ts";
import { MAX_EMAIL, MAX_NAME, type TFormValues } from "./form-values.ts";
import { html, type SafeHtml } from "./html.ts";
import { layout } from "./layout.ts";
import { question, scale, textField } from "./questions.ts";

/** Names filled into the placeholders {org}, {service} and {employee} of the survey's texts. */
export interface TPlaceholderNames {
  org: string;
  service?: string;
  employee?: string;
}

export interface AnswerPageOptions {
  locale: string;
  definition: TSurveyDefinition;
  names: TPlaceholderNames;
  /**
   * Where the form posts to; omitted, it posts back to the page's own address (the blank page of a link, which
   * is then the same for every link of the survey and can be kept once: blank-page-cache.ts).
   */
  action?: string;
  languages: { locale: TSurveyLocale; href: string }[];
  values: TFormValues;
  errors?: TAnswerError[];
  /** A confirmation shown above the form (the e-mail click was saved). */
  notice?: string;
  /** An answer exists already: the button says "save changes". */
  update?: boolean;
  /** Website survey: optional name and e-mail fields. */
  contact?: boolean;
  /** Further fields after the questions (the follow-up contact question). */
  extra?: SafeHtml | false;
  embed?: boolean;
}

/**
 * Fills {org}, {service} and {employee} by plain replacement: organisations write these texts, so they
 * are not parsed as ICU messages (a stray brace or apostrophe must not break the page).
 */
export function fillNames(text: string, names: TPlaceholderNames): string {
  const values: Record<string, string> = {
    org: names.org,
    service: names.service ?? names.org,
    employee: names.employee ?? names.org,
  };
  return text.replace(/\{(org|service|employee)\}/g, (_, k: string) => values[k]);
}

/** The answer page of a survey in one language. */
export function answerPage(o: AnswerPageOptions): string {
  const { locale, definition: def, values } = o;
  const text = (texts: Record<string, string | undefined>) =>
    fillNames(textIn(texts, locale, def.defaultLocale), o.names);
  const errors = firstErrors(o.errors ?? []);
  const err = (path: string) => {
    const e = errors.get(path);
    return e && errorMessage(locale, e);
  };
  const title = st(locale, "page.title", { org: o.names.org });
  const fields: (SafeHtml | false)[] = [
    scale({
      locale,
      name: "score",
      id: "score",
      legend: text(def.recommend.text),
      low: text(def.recommend.low),
      high: text(def.recommend.high),
      value: values.score,
      error: err("score"),
      required: true,
    }),
    def.satisfaction !== null &&
      scale({
        locale,
        name: "satisfaction",
        id: "satisfaction",
        legend: text(def.satisfaction.text),
        low: text(def.satisfaction.low),
        high: text(def.satisfaction.high),
        value: values.satisfaction,
        error: err("satisfaction"),
        required: false,
      }),
    def.comment !== null &&
      textField({
        locale,
        id: "comment",
        name: "comment",
        label: text(def.comment.text),
        hint: st(locale, "comment.hint"),
        value: values.comment,
        error: err("comment"),
      }),
    ...def.questions.map((q) =>
      question({
        locale,
        question: q,
        text: text(q.text),
        optionText: (id) => text(q.options?.find((x) => x.id === id)?.text ?? {}),
        value: values.answers[q.id],
        error: err(`answers.${q.id}`),
      }),
    ),
    o.contact === true && contactFields(locale, values, err),
    o.extra ?? false,
  ];
  const body = html`<h1>${title}</h1>
${text(def.cover) && html`<p>${text(def.cover)}</p>`}
${errorSummary(locale, o.errors ?? [], def)}
${o.notice && html`<p class="notice" role="status">${o.notice}</p>`}
<form method="post"${o.action === undefined ? "" : html` action="${o.action}"`} accept-charset="utf-8">
<input type="hidden" name="lang" value="${locale}">
<div class="hp" aria-hidden="true"><label for="website">Website</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
${fields}
<button type="submit">${st(locale, o.update ? "page.update" : "page.submit")}</button>
</form>
<p class="small">${st(locale, "page.privacy")}</p>`;
  return layout(
    {
      locale,
      title: errors.size ? `${st(locale, "error.summary")} ${title}` : title,
      orgName: o.names.org,
      languages: o.languages,
      embed: o.embed,
    },
    body,
  );
}

function contactFields(locale: string, values: TFormValues, err: (path: string) => string | undefined) {
  return html`<p class="hint">${st(locale, "page.contactHint")}</p>
${textField({ locale, id: "name", name: "name", label: st(locale, "page.nameOptional"), value: values.name, error: err("name"), input: "text", max: MAX_NAME, autocomplete: "name" })}
${textField({ locale, id: "email", name: "email", label: st(locale, "page.emailOptional"), value: values.email, error: err("email"), input: "email", max: MAX_EMAIL, autocomplete: "email" })}`;
}
