import { type FormEvent, useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { serverFieldErrors } from "../../lib/form.ts";
import type { ModelDefinition } from "../../lib/quality.ts";
import { type CalibrationSession, useSaveCalibrationScores } from "../../lib/quality-calibration.ts";
import { scoreOptions } from "./score-options.ts";

type Value = number | "na" | undefined;
type Criterion = ModelDefinition["sections"][number]["criteria"][number];

/** The panel member's own scores: one criterion per row (Arrow keys choose, Tab moves on), saved or submitted. */
export function CalibrationScoring({
  session,
  definition,
}: {
  session: CalibrationSession;
  definition: ModelDefinition;
}) {
  const t = useT();
  const headingId = useId();
  const [values, setValues] = useState<Record<string, Value>>(() =>
    Object.fromEntries((session.myScores ?? []).map((s) => [s.criterionKey, s.value ?? "na"])),
  );
  const [status, setStatus] = useStatusMessage();
  const save = useSaveCalibrationScores(session.id);
  const criteria = definition.sections.flatMap((s) => s.criteria);
  const scored = criteria.filter((c) => values[c.key] !== undefined);
  const errors = serverFieldErrors(save.error);
  const body = (submit: boolean) => ({
    scores: scored.map((c) => ({
      criterionKey: c.key,
      value: values[c.key] === "na" ? null : (values[c.key] as number),
    })),
    submit,
  });
  const errorOf = (key: string) => {
    const i = scored.findIndex((c) => c.key === key);
    return i < 0 ? undefined : (errors[`scores.${i}.value`] ?? errors[`scores.${i}.criterionKey`]);
  };
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(body(false), { onSuccess: () => setStatus(t("quality.form.saved")) });
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.calibration.yourScores")}</h2>
      <p className="hint">{t("quality.calibration.scoringHelp")}</p>
      <form className="evaluation-form" onSubmit={onSave} noValidate>
        <ErrorAlert error={save.error} fields={scored.map((_, i) => `scores.${i}.value`)} />
        {definition.sections.map((section) => (
          <fieldset key={section.key} className="evaluation-section">
            <legend>{t("quality.form.section", { title: section.title, weight: section.weight })}</legend>
            {section.criteria.map((c, i) => (
              <ScoreRow
                key={c.key}
                number={i + 1}
                criterion={c}
                value={values[c.key]}
                error={errorOf(c.key)}
                onValue={(v) => setValues((prev) => ({ ...prev, [c.key]: v }))}
              />
            ))}
          </fieldset>
        ))}
        <p>{t("quality.form.progress", { scored: scored.length, total: criteria.length })}</p>
        <StatusMessage message={status} />
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t("quality.form.saveDraft")}
          </button>
          <button
            type="button"
            disabled={save.isPending || scored.length < criteria.length}
            onClick={() => save.mutate(body(true))}
          >
            {t("quality.calibration.submit")}
          </button>
        </div>
        {scored.length < criteria.length && <p className="hint">{t("quality.form.submitHint")}</p>}
      </form>
    </section>
  );
}

type RowProps = {
  number: number;
  criterion: Criterion;
  value: Value;
  error?: string;
  onValue: (v: Value) => void;
};

/** One criterion: radio buttons for the usual maxima, a number input for any other. */
export function ScoreRow({ number, criterion: c, value, error, onValue }: RowProps) {
  const t = useT();
  const id = useId();
  const options = scoreOptions(c.max);
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`criterion-row${error ? " invalid" : ""}`}>
      <fieldset aria-describedby={errorId}>
        <legend>
          {number}. {c.text} <span className="criterion-max">{t("quality.form.max", { max: c.max })}</span>
        </legend>
        <div className="score-options">
          {options ? (
            options.map((o) => (
              <label key={o}>
                <input
                  type="radio"
                  name={`cal-${c.key}`}
                  value={o}
                  checked={value === o}
                  onChange={() => onValue(o)}
                />{" "}
                {o}
              </label>
            ))
          ) : (
            <label>
              {t("quality.form.score")}{" "}
              <input
                type="number"
                min={0}
                max={c.max}
                step="any"
                aria-invalid={error ? true : undefined}
                value={typeof value === "number" ? value : ""}
                disabled={value === "na"}
                onChange={(e) => onValue(e.target.value === "" ? undefined : Number(e.target.value))}
              />
            </label>
          )}
          {c.notApplicableAllowed && (
            <label>
              <input
                type={options ? "radio" : "checkbox"}
                name={`cal-${c.key}`}
                value="na"
                checked={value === "na"}
                onChange={(e) => onValue(e.target.checked ? "na" : undefined)}
              />{" "}
              {t("quality.form.na")}
            </label>
          )}
        </div>
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
      </fieldset>
    </div>
  );
}
