import { MAX_COMMENT, MAX_TEXT_ANSWER } from "../domain/survey-answer.ts";
import type { TSurveyQuestion } from "../domain/survey-definition.ts";
import { st } from "../i18n/survey/index.ts";
import { attr, html, type SafeHtml } from "./html.ts";

/** One field's error message, already in the page language. */
export type TFieldMessage = string | undefined;

const required = (locale: string, on: boolean) =>
  on && html` <span class="req">(${st(locale, "page.required")})</span>`;

const describedBy = (...ids: (string | false | undefined)[]) => {
  const list = ids.filter(Boolean).join(" ");
  return list ? html` aria-describedby="${list}"` : false;
};

const errorLine = (id: string, message: TFieldMessage) =>
  message && html`<p class="err" id="${id}:error">${message}</p>`;

export interface ScaleOptions {
  locale: string;
  /** The field name (`score`, `satisfaction`, `answers.<id>`). */
  name: string;
  /** Prefix of the element ids. */
  id: string;
  legend: string;
  low: string;
  high: string;
  value?: string;
  error: TFieldMessage;
  required: boolean;
  min?: number;
  max?: number;
}

/** A 0–10 (or 1–5) scale as a radio group, with visible end labels tied to the end points. */
export function scale(o: ScaleOptions): SafeHtml {
  const { min = 0, max = 10, id } = o;
  const points: SafeHtml[] = [];
  for (let n = min; n <= max; n++) {
    const end = n === min ? `${id}:low` : n === max ? `${id}:high` : undefined;
    points.push(
      html`<input type="radio" id="${id}.${n}" name="${o.name}" value="${n}"${attr("checked", o.value === String(n))}${describedBy(end)}><label for="${id}.${n}"><span aria-hidden="true">${n}</span><span class="vh">${st(o.locale, "page.scoreLabel", { score: n })}</span></label>`,
    );
  }
  const hint = max === 10 && min === 0;
  return html`<fieldset id="${id}"${attr('class="invalid"', Boolean(o.error))}${describedBy(hint && `${id}:hint`, o.error && `${id}:error`)}>
<legend>${o.legend}${required(o.locale, o.required)}</legend>
${hint && html`<p class="hint" id="${id}:hint">${st(o.locale, "page.scaleHint")}</p>`}
${errorLine(id, o.error)}
<div class="scale${max - min === 4 ? " r5" : ""}">${points}</div>
<p class="ends"><span id="${id}:low">${min} – ${o.low}</span><span id="${id}:high">${max} – ${o.high}</span></p>
</fieldset>`;
}

export interface QuestionOptions {
  locale: string;
  question: TSurveyQuestion;
  /** The question and option texts in the page language. */
  text: string;
  optionText: (optionId: string) => string;
  value?: string | string[];
  error: TFieldMessage;
}

/** Element id of a further question; "." and ":" cannot occur in question or option ids, so ids never collide. */
export const questionId = (q: { id: string }) => `q.${q.id}`;

/** A further question: choices as radios or checkboxes, a rating as a 1–5 scale, free text as a textarea. */
export function question(o: QuestionOptions): SafeHtml {
  const q = o.question;
  const id = questionId(q);
  const name = `answers.${q.id}`;
  const single = typeof o.value === "string" ? o.value : undefined;
  if (q.type === "rating") {
    const [low, high] = [st(o.locale, "page.ratingLow"), st(o.locale, "page.ratingHigh")];
    return scale({
      ...o,
      name,
      id,
      legend: o.text,
      low,
      high,
      value: single,
      required: q.required,
      min: 1,
      max: 5,
    });
  }
  if (q.type === "text") {
    return textField({
      locale: o.locale,
      id,
      name,
      label: o.text,
      value: single,
      error: o.error,
      required: q.required,
      max: MAX_TEXT_ANSWER,
    });
  }
  const multi = q.type === "multi";
  const chosen = new Set(Array.isArray(o.value) ? o.value : single !== undefined ? [single] : []);
  const options = (q.options ?? []).map(
    (opt) =>
      html`<div class="choice"><input type="${multi ? "checkbox" : "radio"}" id="${id}.${opt.id}" name="${name}" value="${opt.id}"${attr("checked", chosen.has(opt.id))}><label for="${id}.${opt.id}">${o.optionText(opt.id)}</label></div>`,
  );
  return html`<fieldset id="${id}"${attr('class="invalid"', Boolean(o.error))}${describedBy(`${id}:hint`, o.error && `${id}:error`)}>
<legend>${o.text}${required(o.locale, q.required)}</legend>
<p class="hint" id="${id}:hint">${st(o.locale, multi ? "page.chooseAny" : "page.chooseOne")}</p>
${errorLine(id, o.error)}
${options}
</fieldset>`;
}

export interface TextFieldOptions {
  locale: string;
  id: string;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  error: TFieldMessage;
  required?: boolean;
  max?: number;
  /** A one-line input of this type instead of a textarea. */
  input?: "text" | "email";
  autocomplete?: string;
}

/** A labelled text area (or one-line input) with its hint and error tied to it. */
export function textField(o: TextFieldOptions): SafeHtml {
  const { id, max = MAX_COMMENT } = o;
  const aria = html`${describedBy(o.hint && `${id}:hint`, o.error && `${id}:error`)}${attr('aria-invalid="true"', Boolean(o.error))}`;
  // The newline after <textarea> is dropped by the parser, so a value starting with one survives.
  const control = o.input
    ? html`<input type="${o.input}" id="${id}" name="${o.name}" maxlength="${max}" value="${o.value ?? ""}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : false}${aria}>`
    : html`<textarea id="${id}" name="${o.name}" rows="5" maxlength="${max}"${aria}>\n${o.value ?? ""}</textarea>`;
  return html`<div class="field${o.error ? " invalid" : ""}">
<label class="q" for="${id}">${o.label}${required(o.locale, Boolean(o.required))}</label>
${o.hint && html`<p class="hint" id="${id}:hint">${o.hint}</p>`}
${errorLine(id, o.error)}
${control}
</div>`;
}
