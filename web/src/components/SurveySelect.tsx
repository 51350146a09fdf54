import type { SelectHTMLAttributes } from "react";
import { useT } from "../i18n/use-t.ts";
import type { SurveySummary } from "../lib/survey-types.ts";
import { SelectField } from "./Field.tsx";

type SurveySelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  surveys: SurveySummary[];
  error?: string;
  hint?: string;
  /** The first option's text; omit to make a survey required. */
  emptyLabel?: string;
};

/** A select of surveys by name. */
export function SurveySelect({ surveys, emptyLabel, ...field }: SurveySelectProps) {
  const t = useT();
  return (
    <SelectField {...field}>
      <option value="">{emptyLabel ?? t("sending.chooseSurvey")}</option>
      {surveys.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </SelectField>
  );
}
