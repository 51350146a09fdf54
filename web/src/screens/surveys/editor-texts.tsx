import { useRef } from "react";
import { CheckboxField, TextAreaField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { FieldErrors } from "../../lib/form.ts";
import { withText } from "../../lib/survey-editing.ts";
import type { ScaleQuestion, SurveyDefinition, Texts } from "../../lib/survey-types.ts";
import { EditorQuestions } from "./editor-questions.tsx";

export type EditorTextsProps = {
  definition: SurveyDefinition;
  locale: string;
  onChange: (def: SurveyDefinition) => void;
  errors: FieldErrors;
  canWrite: boolean;
};

/** Every text of the survey in one language, plus the switches for the optional questions. */
export function EditorTexts({ definition: def, locale, onChange, errors, canWrite }: EditorTextsProps) {
  const t = useT();
  // Switching a question off and on again brings its texts back.
  const lastSatisfaction = useRef<ScaleQuestion | null>(def.satisfaction);
  const lastComment = useRef<{ text: Texts } | null>(def.comment);
  const err = (path: string) => errors[`definition.${path}.${locale}`];
  const textProps = (path: string, texts: Texts, set: (texts: Texts) => void) => ({
    name: `definition.${path}.${locale}`,
    lang: locale,
    value: texts[locale] ?? "",
    error: err(path),
    onChange: (e: { target: { value: string } }) => set(withText(texts, locale, e.target.value)),
  });

  return (
    <>
      <TextAreaField
        label={t("surveyEditor.cover")}
        hint={t("surveyEditor.placeholdersHint")}
        {...textProps("cover", def.cover, (cover) => onChange({ ...def, cover }))}
      />
      <fieldset>
        <legend>{t("surveyEditor.recommend")}</legend>
        <ScaleFields
          path="recommend"
          q={def.recommend}
          textLabel={t("surveyEditor.recommendText")}
          textProps={textProps}
          onChange={(q) => onChange({ ...def, recommend: { ...def.recommend, ...q } })}
        />
      </fieldset>
      <fieldset>
        <legend>{t("surveyEditor.satisfaction")}</legend>
        <CheckboxField
          label={t("surveyEditor.satisfactionOn")}
          hint={t("surveyEditor.satisfactionHint")}
          checked={def.satisfaction !== null}
          disabled={!canWrite}
          onChange={(e) => {
            if (!e.target.checked) lastSatisfaction.current = def.satisfaction;
            const restored = lastSatisfaction.current ?? { text: {}, low: {}, high: {} };
            onChange({ ...def, satisfaction: e.target.checked ? restored : null });
          }}
        />
        {def.satisfaction && (
          <ScaleFields
            path="satisfaction"
            q={def.satisfaction}
            textLabel={t("surveyEditor.satisfactionText")}
            textProps={textProps}
            onChange={(q) => onChange({ ...def, satisfaction: q })}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>{t("surveyEditor.comment")}</legend>
        <CheckboxField
          label={t("surveyEditor.commentOn")}
          checked={def.comment !== null}
          disabled={!canWrite}
          onChange={(e) => {
            if (!e.target.checked) lastComment.current = def.comment;
            onChange({ ...def, comment: e.target.checked ? (lastComment.current ?? { text: {} }) : null });
          }}
        />
        {def.comment && (
          <TextAreaField
            label={t("surveyEditor.commentText")}
            {...textProps("comment.text", def.comment.text, (text) =>
              onChange({ ...def, comment: { text } }),
            )}
          />
        )}
      </fieldset>
      <EditorQuestions
        definition={def}
        locale={locale}
        onChange={onChange}
        errors={errors}
        canWrite={canWrite}
      />
      <TextAreaField
        label={t("surveyEditor.thankYou")}
        {...textProps("thankYou", def.thankYou, (thankYou) => onChange({ ...def, thankYou }))}
      />
    </>
  );
}

type TextProps = (
  path: string,
  texts: Texts,
  set: (texts: Texts) => void,
) => {
  name: string;
  lang: string;
  value: string;
  error: string | undefined;
  onChange: (e: { target: { value: string } }) => void;
};

type ScaleFieldsProps = {
  path: string;
  q: ScaleQuestion;
  textLabel: string;
  textProps: TextProps;
  onChange: (q: ScaleQuestion) => void;
};

/** A 0–10 question's text and the labels at both ends of its scale. */
function ScaleFields({ path, q, textLabel, textProps, onChange }: ScaleFieldsProps) {
  const t = useT();
  return (
    <>
      <TextAreaField
        label={textLabel}
        {...textProps(`${path}.text`, q.text, (text) => onChange({ ...q, text }))}
      />
      <div className="field-row">
        <TextField
          label={t("surveyEditor.low")}
          {...textProps(`${path}.low`, q.low, (low) => onChange({ ...q, low }))}
        />
        <TextField
          label={t("surveyEditor.high")}
          {...textProps(`${path}.high`, q.high, (high) => onChange({ ...q, high }))}
        />
      </div>
    </>
  );
}
