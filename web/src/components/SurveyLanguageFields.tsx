import { useId } from "react";
import { useT } from "../i18n/use-t.ts";
import { SURVEY_LANGUAGE_NAMES, SURVEY_LOCALES } from "../lib/survey-types.ts";
import { SelectField } from "./Field.tsx";

type SurveyLanguageFieldsProps = {
  locales: readonly string[];
  defaultLocale: string;
  onLocale: (code: string, enabled: boolean) => void;
  onDefault: (code: string) => void;
  error?: string;
};

/** The survey's languages (12 checkboxes, each named in its own language) and its default language. */
export function SurveyLanguageFields({
  locales,
  defaultLocale,
  onLocale,
  onDefault,
  error,
}: SurveyLanguageFieldsProps) {
  const t = useT();
  const hintId = useId();
  const errorId = useId();
  return (
    <>
      <fieldset aria-describedby={[hintId, error ? errorId : ""].join(" ").trim()}>
        <legend>{t("surveys.languages")}</legend>
        <p id={hintId} className="hint">
          {t("surveys.languagesHint")}
        </p>
        <div className="checkbox-grid">
          {SURVEY_LOCALES.map((code) => (
            <label key={code} className="checkbox">
              <input
                type="checkbox"
                name="locales"
                value={code}
                checked={locales.includes(code)}
                // The default language cannot be switched off; choose another default first.
                disabled={code === defaultLocale}
                aria-invalid={error && code === SURVEY_LOCALES[0] ? true : undefined}
                onChange={(e) => onLocale(code, e.target.checked)}
              />
              <span lang={code}>{SURVEY_LANGUAGE_NAMES[code]}</span>
            </label>
          ))}
        </div>
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
      </fieldset>
      <SelectField
        label={t("surveys.defaultLanguage")}
        hint={t("surveys.defaultLanguageHint")}
        name="defaultLocale"
        value={defaultLocale}
        onChange={(e) => onDefault(e.target.value)}
      >
        {SURVEY_LOCALES.filter((code) => locales.includes(code)).map((code) => (
          <option key={code} value={code} lang={code}>
            {SURVEY_LANGUAGE_NAMES[code]}
          </option>
        ))}
      </SelectField>
    </>
  );
}
