import { type FormEvent, useId, useMemo, useState } from "react";
import { fieldPath, ApiError } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  defaultQualityBands,
  type EvaluationDetail,
  pct1,
  type QualityScores,
  scoreQualityEvaluation,
  useQualitySettings,
  useSaveScores,
  useTransition,
} from "../../lib/quality.ts";
import { scoreOptions } from "./score-options.ts";

type Value = number | "na" | undefined;
type Criterion = EvaluationDetail["definition"]["sections"][number]["criteria"][number];

/** The scores and comments as they were saved, to start the form from. */
function initial(ev: EvaluationDetail) {
  const values: Record<string, Value> = {};
  const comments: Record<string, string> = {};
  for (const s of ev.scores) {
    values[s.criterionKey] = s.notApplicable ? "na" : (s.value ?? undefined);
    comments[s.criterionKey] = s.comment ?? "";
  }
  const sectionComments = Object.fromEntries(ev.sections.map((s) => [s.key, s.comment ?? ""]));
  return { values, comments, sectionComments };
}

/** Field errors of a failed save, keyed by criterion ("scores[3].value" → the fourth criterion sent). */
function errorsByCriterion(error: unknown, sent: string[]) {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const e of error.problem.errors ?? []) {
    const path = fieldPath(e.path);
    const m = /^scores\.(\d+)/.exec(path);
    const key = m ? sent[Number(m[1])] : path.replace(/^scores\./, "");
    if (key) result[key] ??= e.message;
  }
  return result;
}

/**
 * The evaluation form of a draft: one criterion per row as a radio group (Arrow keys choose, Tab moves on),
 * a comment per criterion and section, and the running section and total figures computed by the server's rules.
 */
export function EvaluationForm({ ev, onSubmitted }: { ev: EvaluationDetail; onSubmitted: () => void }) {
  const t = useT();
  const start = useMemo(() => initial(ev), [ev]);
  const [values, setValues] = useState(start.values);
  const [comments, setComments] = useState(start.comments);
  const [sectionComments, setSectionComments] = useState(start.sectionComments);
  const [sent, setSent] = useState<string[]>([]);
  const [status, setStatus] = useStatusMessage();
  const save = useSaveScores(ev.id);
  const submit = useTransition(ev.id, "submit");
  const bands = useQualitySettings().data?.bands ?? defaultQualityBands;
  const summaryId = useId();
  const criteria = ev.definition.sections.flatMap((s) => s.criteria);
  const scored = criteria.filter((c) => values[c.key] !== undefined).length;

  const scores: QualityScores = Object.fromEntries(
    Object.entries(values).filter((e): e is [string, number | "na"] => e[1] !== undefined),
  );
  let live: ReturnType<typeof scoreQualityEvaluation> | null = null;
  try {
    live = scoreQualityEvaluation({ key: ev.modelId, ...ev.definition }, scores, bands);
  } catch {
    live = null;
  }

  const body = () => {
    const list = criteria.filter((c) => values[c.key] !== undefined);
    setSent(list.map((c) => c.key));
    return {
      scores: list.map((c) => {
        const v = values[c.key];
        return {
          criterionKey: c.key,
          value: v === "na" ? null : (v as number),
          notApplicable: v === "na",
          comment: comments[c.key]?.trim() || null,
        };
      }),
      sectionComments: Object.fromEntries(
        Object.entries(sectionComments).filter(([, text]) => text.trim() !== ""),
      ),
    };
  };
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(body(), { onSuccess: () => setStatus(t("quality.form.saved")) });
  };
  const onSubmit = () =>
    // Awaited as promises: submitting replaces this form with the read-only view.
    save
      .mutateAsync(body())
      .then(() => submit.mutateAsync(undefined))
      .then(onSubmitted)
      .catch(() => {});
  const fieldErrors = errorsByCriterion(save.error, sent);
  const busy = save.isPending || submit.isPending;

  return (
    <form className="evaluation-form" onSubmit={onSave} noValidate>
      <p className="hint">{t("quality.form.help")}</p>
      <ErrorAlert error={save.error ?? submit.error} fields={sent.map((_, i) => `scores.${i}.value`)} />
      {ev.definition.sections.map((section) => {
        const result = live?.sections.find((s) => s.key === section.key);
        return (
          <fieldset key={section.key} className="evaluation-section">
            <legend>{t("quality.form.section", { title: section.title, weight: section.weight })}</legend>
            {section.criteria.map((c, i) => (
              <CriterionRow
                key={c.key}
                number={i + 1}
                criterion={c}
                value={values[c.key]}
                comment={comments[c.key] ?? ""}
                error={fieldErrors[c.key]}
                onValue={(v) => setValues((prev) => ({ ...prev, [c.key]: v }))}
                onComment={(text) => setComments((prev) => ({ ...prev, [c.key]: text }))}
              />
            ))}
            <div className="field">
              <label htmlFor={`sc-${section.key}`}>
                {t("quality.form.sectionComment", { title: section.title })}
              </label>
              <textarea
                id={`sc-${section.key}`}
                rows={2}
                maxLength={4000}
                value={sectionComments[section.key] ?? ""}
                onChange={(e) => setSectionComments((prev) => ({ ...prev, [section.key]: e.target.value }))}
              />
            </div>
            <p className="section-figure">
              {t("quality.form.sectionPct", {
                title: section.title,
                pct: result?.pct === null || !result ? "–" : pct1(result.pct),
                given: result?.given ?? 0,
                max: result?.max ?? 0,
              })}
            </p>
          </fieldset>
        );
      })}
      <section className="evaluation-summary" aria-labelledby={summaryId}>
        <h2 id={summaryId}>{t("quality.form.total")}</h2>
        <p aria-live="polite">
          {live
            ? t("quality.form.totalLine", {
                rounded: live.rounded,
                exact: pct1(live.total),
                band: t(`quality.band.${live.band}`),
              })
            : t("quality.form.noTotal")}
          {live?.criticalFailed && ` ${t("quality.form.criticalFailed")}`}
        </p>
        <p>{t("quality.form.progress", { scored, total: criteria.length })}</p>
        <p className="hint">{t("quality.rounding")}</p>
      </section>
      <StatusMessage message={status} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t("quality.form.saveDraft")}
        </button>
        <button type="button" disabled={busy || scored < criteria.length} onClick={onSubmit}>
          {t("quality.form.submit")}
        </button>
      </div>
      {scored < criteria.length && <p className="hint">{t("quality.form.submitHint")}</p>}
    </form>
  );
}

type RowProps = {
  number: number;
  criterion: Criterion;
  value: Value;
  comment: string;
  error?: string;
  onValue: (v: Value) => void;
  onComment: (text: string) => void;
};

function CriterionRow({ number, criterion: c, value, comment, error, onValue, onComment }: RowProps) {
  const t = useT();
  const id = useId();
  const options = scoreOptions(c.max);
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`criterion-row${error ? " invalid" : ""}`}>
      <fieldset aria-describedby={errorId}>
        <legend>
          {number}. {c.text}{" "}
          <span className="criterion-max">
            {t("quality.form.max", { max: c.max })}
            {c.critical && ` · ${t("quality.form.critical")}`}
          </span>
        </legend>
        {options ? (
          <div className="score-options">
            {options.map((o) => (
              <label key={o}>
                <input
                  type="radio"
                  name={`score-${c.key}`}
                  value={o}
                  checked={value === o}
                  onChange={() => onValue(o)}
                />{" "}
                {o}
              </label>
            ))}
            {c.notApplicableAllowed && (
              <label>
                <input
                  type="radio"
                  name={`score-${c.key}`}
                  value="na"
                  checked={value === "na"}
                  onChange={() => onValue("na")}
                />{" "}
                {t("quality.form.na")}
              </label>
            )}
          </div>
        ) : (
          <div className="score-options">
            <label>
              {t("quality.form.score")}{" "}
              <input
                type="number"
                min={0}
                max={c.max}
                step="any"
                value={typeof value === "number" ? value : ""}
                disabled={value === "na"}
                onChange={(e) => onValue(e.target.value === "" ? undefined : Number(e.target.value))}
              />
            </label>
            {c.notApplicableAllowed && (
              <label>
                <input
                  type="checkbox"
                  checked={value === "na"}
                  onChange={(e) => onValue(e.target.checked ? "na" : undefined)}
                />{" "}
                {t("quality.form.na")}
              </label>
            )}
          </div>
        )}
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
      </fieldset>
      <div className="field criterion-comment">
        <label htmlFor={`${id}-comment`}>{t("quality.form.comment", { number })}</label>
        <input
          id={`${id}-comment`}
          type="text"
          maxLength={4000}
          value={comment}
          onChange={(e) => onComment(e.target.value)}
        />
      </div>
    </div>
  );
}
