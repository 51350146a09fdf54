import type { MessageId } from "../../i18n/messages.ts";
import type { FieldErrors } from "../../lib/form.ts";
import type { SurveyDefinition, Texts } from "../../lib/survey-types.ts";

type T = (id: MessageId, values?: Record<string, string | number>) => string;

export type Draft = { name: string; kind: string; slug: string; definition: SurveyDefinition };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * The checks the API makes, done first so that errors are worded in the interface language: a name, a
 * valid address slug, every text in the default language, two options per choice question.
 */
export function validateDraft(draft: Draft, t: T): FieldErrors {
  const errors: FieldErrors = {};
  const def = draft.definition;
  const lang = def.defaultLocale;
  const need = (path: string, texts: Texts, message: MessageId) => {
    if (!texts[lang]?.trim()) errors[`definition.${path}.${lang}`] = t(message);
  };
  if (!draft.name.trim()) errors.name = t("field.nameRequired");
  if (!SLUG.test(draft.slug)) errors.slug = t("surveyEditor.slugInvalid");
  need("recommend.text", def.recommend.text, "surveyEditor.textRequired");
  if (def.satisfaction) need("satisfaction.text", def.satisfaction.text, "surveyEditor.textRequired");
  if (def.comment) need("comment.text", def.comment.text, "surveyEditor.textRequired");
  def.questions.forEach((q, i) => {
    need(`questions.${i}.text`, q.text, "surveyEditor.textRequired");
    if ((q.type === "single" || q.type === "multi") && (q.options?.length ?? 0) < 2) {
      errors[`definition.questions.${i}.options`] = t("surveyEditor.optionsTooFew");
    }
    for (const [j, o] of (q.options ?? []).entries()) {
      need(`questions.${i}.options.${j}.text`, o.text, "surveyEditor.optionRequired");
    }
  });
  return errors;
}

/** A readable place for an error the form cannot show beside a field, e.g. "Question 2, option 1 (English)". */
export function describePath(path: string, t: T, languageName: (code: string) => string): string {
  const parts = path.replace(/^definition\./, "").split(".");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next = Number(parts[i + 1]);
    if (p === "questions" && Number.isInteger(next)) {
      out.push(t("surveyEditor.questionN", { n: next + 1 }));
      i++;
    } else if (p === "options" && Number.isInteger(next)) {
      out.push(t("surveyEditor.optionN", { n: next + 1 }));
      i++;
    } else if (p === "recommend") out.push(t("surveyEditor.recommend"));
    else if (p === "satisfaction") out.push(t("surveyEditor.satisfaction"));
    else if (p === "comment") out.push(t("surveyEditor.comment"));
    else if (p === "cover") out.push(t("surveyEditor.cover"));
    else if (p === "thankYou") out.push(t("surveyEditor.thankYou"));
    else if (languageName(p)) out.push(`(${languageName(p)})`);
  }
  return out.join(", ").replace(", (", " (") || path;
}
