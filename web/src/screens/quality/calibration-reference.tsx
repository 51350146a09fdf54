import { type FormEvent, useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { serverFieldErrors } from "../../lib/form.ts";
import { type CalibrationSession, useSetCalibrationReference } from "../../lib/quality-calibration.ts";

type Results = NonNullable<CalibrationSession["results"]>;

/** The owner records the scores agreed in the discussion (the median to start from); this closes the session. */
export function ReferenceForm({ session, results }: { session: CalibrationSession; results: Results }) {
  const t = useT();
  const headingId = useId();
  const set = useSetCalibrationReference(session.id);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(results.criteria.map((c) => [c.key, c.median === null ? "" : String(c.median)])),
  );
  const errors = serverFieldErrors(set.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({
      scores: results.criteria.map((c) => ({
        criterionKey: c.key,
        value: values[c.key]?.trim() ? Number(values[c.key]) : null,
      })),
    });
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.calibration.setReference")}</h2>
      <p className="hint">{t("quality.calibration.referenceHelp")}</p>
      <form onSubmit={onSubmit} noValidate>
        <ErrorAlert error={set.error} fields={results.criteria.map((_, i) => `scores.${i}.value`)} />
        {results.criteria.map((c, i) => (
          <TextField
            key={c.key}
            label={t("quality.calibration.referenceFor", { number: i + 1, text: c.text, max: c.maxScore })}
            name={`ref-${c.key}`}
            type="number"
            min={0}
            max={c.maxScore}
            step="any"
            value={values[c.key] ?? ""}
            error={errors[`scores.${i}.value`]}
            onChange={(e) => setValues((prev) => ({ ...prev, [c.key]: e.target.value }))}
          />
        ))}
        <button type="submit" disabled={set.isPending}>
          {t("quality.calibration.saveReference")}
        </button>
      </form>
    </section>
  );
}
