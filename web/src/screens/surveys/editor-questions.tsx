import { useId } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { FieldErrors } from "../../lib/form.ts";
import { move, newQuestion, nextId, withQuestion, withText, withType } from "../../lib/survey-editing.ts";
import {
  MAX_OPTIONS,
  MAX_QUESTIONS,
  type Question,
  QUESTION_TYPES,
  type QuestionType,
  type SurveyDefinition,
} from "../../lib/survey-types.ts";

type EditorQuestionsProps = {
  definition: SurveyDefinition;
  locale: string;
  onChange: (def: SurveyDefinition) => void;
  errors: FieldErrors;
  canWrite: boolean;
};

/** Up to ten further questions: type, required, text in the chosen language, options; reordered by buttons. */
export function EditorQuestions({
  definition: def,
  locale,
  onChange,
  errors,
  canWrite,
}: EditorQuestionsProps) {
  const t = useT();
  const headingId = useId();
  const questions = def.questions;
  const full = questions.length >= MAX_QUESTIONS;

  const add = () => {
    const q = newQuestion(
      "single",
      questions.map((x) => x.id),
    );
    onChange({ ...def, questions: [...questions, q] });
    // Focus the new question's type once it is on the page, so keyboard users land in it.
    focusLater(`question-${q.id}`, "select");
  };

  return (
    <section aria-labelledby={headingId} className="questions">
      <h3 id={headingId} tabIndex={-1}>
        {t("surveyEditor.questions")}
      </h3>
      <p className="hint">
        {t("surveyEditor.questionsHint", { count: questions.length, max: MAX_QUESTIONS })}
      </p>
      {questions.map((q, i) => (
        <QuestionFields
          key={q.id}
          q={q}
          index={i}
          count={questions.length}
          locale={locale}
          errors={errors}
          canWrite={canWrite}
          onChange={(next) => onChange(withQuestion(def, i, next))}
          onMove={(by) => onChange({ ...def, questions: move(questions, i, by) })}
          onRemove={() => {
            onChange({ ...def, questions: questions.filter((_, j) => j !== i) });
            // The removed question took focus with it; the list's heading takes it and keeps the place.
            requestAnimationFrame(() => document.getElementById(headingId)?.focus());
          }}
        />
      ))}
      {canWrite && (
        <div className="actions">
          <button type="button" onClick={add} disabled={full}>
            {t("surveyEditor.addQuestion")}
          </button>
          {full && <span className="muted">{t("surveyEditor.questionsFull", { max: MAX_QUESTIONS })}</span>}
        </div>
      )}
    </section>
  );
}

/** Focuses an element inside a container once React has rendered the change. */
function focusLater(containerId: string, selector: string) {
  requestAnimationFrame(() =>
    document.getElementById(containerId)?.querySelector<HTMLElement>(selector)?.focus(),
  );
}

type QuestionFieldsProps = {
  q: Question;
  index: number;
  count: number;
  locale: string;
  errors: FieldErrors;
  canWrite: boolean;
  onChange: (q: Question) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

function QuestionFields({
  q,
  index,
  count,
  locale,
  errors,
  canWrite,
  onChange,
  onMove,
  onRemove,
}: QuestionFieldsProps) {
  const t = useT();
  const n = index + 1;
  const path = `definition.questions.${index}`;
  const options = q.options ?? [];
  const setOptions = (next: NonNullable<Question["options"]>) => onChange({ ...q, options: next });

  return (
    <fieldset id={`question-${q.id}`} className="question">
      <legend>{t("surveyEditor.questionN", { n })}</legend>
      <div className="field-row">
        <SelectField
          label={t("surveyEditor.questionType")}
          value={q.type}
          onChange={(e) => onChange(withType(q, e.target.value as QuestionType))}
        >
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`questionType.${type}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t("surveyEditor.required")}
          checked={q.required}
          onChange={(e) => onChange({ ...q, required: e.target.checked })}
        />
      </div>
      <TextAreaField
        label={t("surveyEditor.questionText")}
        name={`${path}.text.${locale}`}
        lang={locale}
        value={q.text[locale] ?? ""}
        error={errors[`${path}.text.${locale}`]}
        onChange={(e) => onChange({ ...q, text: withText(q.text, locale, e.target.value) })}
      />
      {(q.type === "single" || q.type === "multi") && (
        <fieldset
          className="options"
          aria-describedby={errors[`${path}.options`] ? `${q.id}-options-error` : undefined}
        >
          <legend>{t("surveyEditor.options")}</legend>
          {errors[`${path}.options`] && (
            <p id={`${q.id}-options-error`} className="field-error">
              {errors[`${path}.options`]}
            </p>
          )}
          <ol className="option-list">
            {options.map((o, j) => (
              <li key={o.id} className="option-row">
                <TextField
                  label={t("surveyEditor.optionN", { n: j + 1 })}
                  name={`${path}.options.${j}.text.${locale}`}
                  lang={locale}
                  value={o.text[locale] ?? ""}
                  error={errors[`${path}.options.${j}.text.${locale}`]}
                  onChange={(e) =>
                    setOptions(
                      options.map((x, k) =>
                        k === j ? { ...x, text: withText(x.text, locale, e.target.value) } : x,
                      ),
                    )
                  }
                />
                {canWrite && (
                  <span className="row-buttons">
                    <button
                      type="button"
                      aria-label={t("surveyEditor.optionUp", { n: j + 1 })}
                      aria-disabled={j === 0}
                      onClick={() => j > 0 && setOptions(move(options, j, -1))}
                    >
                      {t("surveyEditor.up")}
                    </button>
                    <button
                      type="button"
                      aria-label={t("surveyEditor.optionDown", { n: j + 1 })}
                      aria-disabled={j === options.length - 1}
                      onClick={() => j < options.length - 1 && setOptions(move(options, j, 1))}
                    >
                      {t("surveyEditor.down")}
                    </button>
                    <button
                      type="button"
                      className="danger-outline"
                      aria-label={t("surveyEditor.optionRemove", { n: j + 1 })}
                      onClick={() => {
                        setOptions(options.filter((_, k) => k !== j));
                        focusLater(`question-${q.id}`, "button.add-option");
                      }}
                    >
                      {t("surveyEditor.remove")}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
          {canWrite && (
            <button
              type="button"
              className="add-option"
              disabled={options.length >= MAX_OPTIONS}
              aria-label={t("surveyEditor.addOptionTo", { n })}
              onClick={() =>
                setOptions([
                  ...options,
                  {
                    id: nextId(
                      "o",
                      options.map((o) => o.id),
                    ),
                    text: {},
                  },
                ])
              }
            >
              {t("surveyEditor.addOption")}
            </button>
          )}
        </fieldset>
      )}
      {canWrite && (
        <div className="actions">
          <button
            type="button"
            aria-disabled={index === 0}
            onClick={() => index > 0 && onMove(-1)}
            aria-label={t("surveyEditor.questionUp", { n })}
          >
            {t("surveyEditor.up")}
          </button>
          <button
            type="button"
            aria-disabled={index === count - 1}
            onClick={() => index < count - 1 && onMove(1)}
            aria-label={t("surveyEditor.questionDown", { n })}
          >
            {t("surveyEditor.down")}
          </button>
          <button
            type="button"
            className="danger-outline"
            onClick={onRemove}
            aria-label={t("surveyEditor.questionRemove", { n })}
          >
            {t("surveyEditor.removeQuestion")}
          </button>
        </div>
      )}
    </fieldset>
  );
}
