import { MAX_COMMENT, MAX_TEXT_ANSWER, type TAnswerError } from "../domain/survey-answer.ts";
import type { TSurveyDefinition } from "../domain/survey-definition.ts";
import { st } from "../i18n/survey/index.ts";
import { MAX_EMAIL, MAX_NAME } from "./form-values.ts";
import { html, type SafeHtml } from "./html.ts";
import { questionId } from "./questions.ts";

const maxOf: Record<string, number> = { comment: MAX_COMMENT, name: MAX_NAME, email: MAX_EMAIL };

/** The respondent-facing message of an answer error, in the page language. */
export function errorMessage(locale: string, e: TAnswerError): string {
  switch (e.kind) {
    case "score":
      return st(locale, "error.score");
    case "satisfaction":
      return st(locale, "error.satisfaction");
    case "required":
      return st(locale, "error.required");
    case "tooLong":
      return st(locale, "error.tooLong", { max: maxOf[e.path] ?? MAX_TEXT_ANSWER });
    case "invalidText":
      return st(locale, "error.invalidText");
    case "email":
      return st(locale, "error.email");
    case "emailMissing":
      return st(locale, "consent.emailMissing");
    case "phone":
      return st(locale, "consent.phoneError");
    default:
      return st(locale, "error.invalidOption");
  }
}

/** The first error of each field, by path. */
export function firstErrors(errors: TAnswerError[]): Map<string, TAnswerError> {
  const map = new Map<string, TAnswerError>();
  for (const e of errors) if (!map.has(e.path)) map.set(e.path, e);
  return map;
}

/** The element an error summary entry links to (the first control of the field), if it is on the page. */
function targetOf(path: string, def: TSurveyDefinition): string | undefined {
  if (path === "score" || path === "satisfaction") return `${path}.0`;
  if (path === "comment" || path === "name" || path === "email" || path === "phone") return path;
  const q = path.startsWith("answers.") ? def.questions.find((x) => `answers.${x.id}` === path) : undefined;
  if (!q) return undefined;
  if (q.type === "text") return questionId(q);
  if (q.type === "rating") return `${questionId(q)}.1`;
  return `${questionId(q)}.${q.options?.[0]?.id}`;
}

/** The error summary at the top of the form: announced on load, each entry linking to its field. */
export function errorSummary(
  locale: string,
  errors: TAnswerError[],
  def: TSurveyDefinition,
): SafeHtml | false {
  if (!errors.length) return false;
  const items = [...firstErrors(errors).values()].map((e) => {
    const target = targetOf(e.path, def);
    const message = errorMessage(locale, e);
    return html`<li>${target ? html`<a href="#${target}">${message}</a>` : message}</li>`;
  });
  return html`<div class="summary" role="alert" aria-labelledby="summary-title">
<h2 id="summary-title">${st(locale, "error.summary")}</h2>
<ul>${items}</ul>
</div>`;
}
