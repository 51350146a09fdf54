import { SelectField, TextField } from "../../components/Field.tsx";
import { SurveyLanguageFields } from "../../components/SurveyLanguageFields.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { FieldErrors } from "../../lib/form.ts";
import { RECOMMEND_OBJECTS, type RecommendObject, SURVEY_KINDS } from "../../lib/survey-types.ts";
import type { Draft } from "./editor-validation.ts";

type EditorSettingsProps = {
  draft: Draft;
  onChange: (draft: Draft) => void;
  onLocale: (code: string, enabled: boolean) => void;
  onObject: (object: RecommendObject) => void;
  errors: FieldErrors;
};

/** Name, kind, address slug, languages and what the recommendation question is about. */
export function EditorSettings({ draft, onChange, onLocale, onObject, errors }: EditorSettingsProps) {
  const t = useT();
  const def = draft.definition;
  return (
    <>
      <TextField
        label={t("field.name")}
        name="name"
        value={draft.name}
        required
        error={errors.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
      />
      <SelectField
        label={t("surveys.kind")}
        hint={t(`surveyKind.${draft.kind as (typeof SURVEY_KINDS)[number]}.hint`)}
        name="kind"
        value={draft.kind}
        error={errors.kind}
        onChange={(e) => onChange({ ...draft, kind: e.target.value })}
      >
        {SURVEY_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`surveyKind.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("surveyEditor.slug")}
        hint={t("surveyEditor.slugHint")}
        name="slug"
        value={draft.slug}
        error={errors.slug}
        spellCheck={false}
        autoCapitalize="none"
        onChange={(e) => onChange({ ...draft, slug: e.target.value })}
      />
      <SurveyLanguageFields
        locales={def.locales}
        defaultLocale={def.defaultLocale}
        onLocale={onLocale}
        onDefault={(code) => onChange({ ...draft, definition: { ...def, defaultLocale: code } })}
        error={errors["definition.locales"] ?? errors["definition.defaultLocale"]}
      />
      <SelectField
        label={t("surveys.recommendObject")}
        hint={t("surveyEditor.recommendObjectHint")}
        name="recommendObject"
        value={def.recommend.object}
        onChange={(e) => onObject(e.target.value as RecommendObject)}
      >
        {RECOMMEND_OBJECTS.map((o) => (
          <option key={o} value={o}>
            {t(`recommendObject.${o}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
