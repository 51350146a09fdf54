import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { FormSection } from "../../components/FormSection.tsx";
import { SurveyLanguageFields } from "../../components/SurveyLanguageFields.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import {
  RECOMMEND_OBJECTS,
  type RecommendObject,
  SURVEY_KINDS,
  type SurveyKind,
} from "../../lib/survey-types.ts";
import { useCreateSurvey } from "../../lib/surveys.ts";

const FIELDS = ["name", "kind", "locales", "defaultLocale", "recommendObject"];

/** Creates a survey from the standard wordings in the chosen languages, then opens it in the editor. */
export function SurveyCreateForm() {
  const t = useT();
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const create = useCreateSurvey();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SurveyKind>("transactional");
  const [locales, setLocales] = useState<string[]>(["et", "ru", "en"]);
  const [defaultLocale, setDefaultLocale] = useState("et");
  const [object, setObject] = useState<RecommendObject>("organisation");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t("field.nameRequired");
    setClientErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    create.mutate(
      { name: name.trim(), kind, locales, defaultLocale, recommendObject: object },
      {
        onSuccess: (survey) =>
          navigate({ to: "/surveys/$surveyId", params: { surveyId: survey.id }, search: { created: "1" } }),
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection title={t("surveys.add")} focus={false}>
      <p>{t("surveys.addIntro")}</p>
      <ErrorAlert error={create.error} fields={FIELDS} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.name")}
          hint={t("surveys.nameHint")}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          error={errors.name}
        />
        <SelectField
          label={t("surveys.kind")}
          hint={t(`surveyKind.${kind}.hint`)}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as SurveyKind)}
          error={errors.kind}
        >
          {SURVEY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`surveyKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SurveyLanguageFields
          locales={locales}
          defaultLocale={defaultLocale}
          onLocale={(code, on) => setLocales((all) => (on ? [...all, code] : all.filter((c) => c !== code)))}
          onDefault={setDefaultLocale}
          error={errors.locales}
        />
        <SelectField
          label={t("surveys.recommendObject")}
          hint={t("surveys.recommendObjectHint")}
          name="recommendObject"
          value={object}
          onChange={(e) => setObject(e.target.value as RecommendObject)}
          error={errors.recommendObject}
        >
          {RECOMMEND_OBJECTS.map((o) => (
            <option key={o} value={o}>
              {t(`recommendObject.${o}`)}
            </option>
          ))}
        </SelectField>
        <FormActions submitLabel={t("surveys.addSubmit")} pending={create.isPending} />
      </form>
    </FormSection>
  );
}
