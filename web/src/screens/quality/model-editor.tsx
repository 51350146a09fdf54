import { getRouteApi, Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { ApiError, fieldPath } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCan } from "../../lib/me.ts";
import {
  type ModelDefinition,
  type QualityModelDetail,
  useActivate,
  useNewVersion,
  useQualityModel,
  useSaveDraft,
} from "../../lib/quality.ts";

const route = getRouteApi("/authed/quality/models/$modelId");

/** One model: its versions, and the editor of its draft (sections, weights with a live sum, criteria). */
export function ModelEditorScreen() {
  const t = useT();
  const { modelId } = route.useParams();
  const model = useQualityModel(modelId);
  return (
    <Page title={model.data?.name ?? t("quality.models.title")}>
      <p>
        <Link to="/quality/models">{t("quality.models.back")}</Link>
      </p>
      <ErrorAlert error={model.error} />
      {model.isPending && <Loading />}
      {model.data && <ModelView model={model.data} />}
    </Page>
  );
}

function ModelView({ model }: { model: QualityModelDetail }) {
  const t = useT();
  const canManage = useCan("quality:manage");
  const newVersion = useNewVersion(model.id);
  const draft = model.versions.find((v) => v.status === "draft" && !v.frozen);
  const versionsId = useId();
  const [status, setStatus] = useStatusMessage();
  return (
    <>
      <StatusMessage message={status} />
      <section aria-labelledby={versionsId}>
        <h2 id={versionsId}>{t("quality.models.versions")}</h2>
        <ul>
          {model.versions.map((v) => (
            <li key={v.id}>
              {t("quality.models.versionLine", {
                version: v.version,
                status: t(`quality.versionStatus.${v.status}`),
                sum: v.weightSum,
              })}
            </li>
          ))}
        </ul>
        <ErrorAlert error={newVersion.error} />
        {canManage && !draft && (
          <button type="button" disabled={newVersion.isPending} onClick={() => newVersion.mutate(undefined)}>
            {t("quality.models.newVersion")}
          </button>
        )}
      </section>
      {canManage && draft && (
        <DraftEditor
          key={draft.id}
          modelId={model.id}
          version={draft.version}
          start={draft.definition}
          setStatus={setStatus}
        />
      )}
    </>
  );
}

/** Problems of a failed save or activation, by section index (weight errors name every section). */
function sectionErrors(error: unknown) {
  const bySection: Record<number, string[]> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { bySection, other };
  for (const e of error.problem.errors ?? []) {
    const m = /sections\.(\d+)/.exec(fieldPath(e.path));
    if (!m) other.push(e.message);
    else bySection[Number(m[1])] = [...(bySection[Number(m[1])] ?? []), e.message];
  }
  return { bySection, other };
}

function DraftEditor(props: {
  modelId: string;
  version: number;
  start: ModelDefinition;
  setStatus: (message: string) => void;
}) {
  const t = useT();
  const [def, setDef] = useState<ModelDefinition>(props.start);
  const save = useSaveDraft(props.modelId, props.version);
  const activate = useActivate(props.modelId, props.version);
  const setStatus = props.setStatus;
  const headingId = useId();
  const sum = Math.round(def.sections.reduce((s, x) => s + (Number(x.weight) || 0) * 100, 0)) / 100;
  const errors = sectionErrors(activate.error ?? save.error);
  const setSection = (i: number, patch: Partial<ModelDefinition["sections"][number]>) =>
    setDef((d) => ({ ...d, sections: d.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const setCriterion = (
    i: number,
    c: number,
    patch: Partial<ModelDefinition["sections"][number]["criteria"][number]>,
  ) =>
    setSection(i, {
      criteria: def.sections[i].criteria.map((x, k) => (k === c ? { ...x, ...patch } : x)),
    });
  const sumText =
    sum === 100
      ? t("quality.editor.sumOk")
      : t("quality.editor.sumWrong", {
          sum,
          list: def.sections.map((s) => `${s.title} ${s.weight} %`).join(" + "),
        });
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("quality.editor.title", { version: props.version })}</h2>
      <p className="hint">{t("quality.editor.help")}</p>
      <div className="field">
        <label htmlFor={`${headingId}-title`}>{t("quality.editor.modelTitle")}</label>
        <input
          id={`${headingId}-title`}
          value={def.title}
          onChange={(e) => setDef((d) => ({ ...d, title: e.target.value }))}
        />
      </div>
      <label>
        <input
          type="checkbox"
          checked={!!def.criticalCapsAtModest}
          onChange={(e) => setDef((d) => ({ ...d, criticalCapsAtModest: e.target.checked }))}
        />{" "}
        {t("quality.editor.criticalCaps")}
      </label>
      <p aria-live="polite" className={sum === 100 ? "weight-sum ok" : "weight-sum wrong"}>
        {t("quality.editor.sum", { sum })} {sumText}
      </p>
      {def.sections.map((s, i) => (
        <fieldset key={s.key} className="editor-section">
          <legend>{t("quality.editor.section", { number: i + 1, title: s.title })}</legend>
          {errors.bySection[i]?.map((m) => (
            <p key={m} className="field-error">
              {m}
            </p>
          ))}
          <label>
            {t("quality.editor.sectionTitle")}{" "}
            <input value={s.title} onChange={(e) => setSection(i, { title: e.target.value })} />
          </label>{" "}
          <label>
            {t("quality.editor.weight")}{" "}
            <input
              type="number"
              min={0}
              max={100}
              step={0.5}
              value={s.weight}
              aria-invalid={sum !== 100 || undefined}
              onChange={(e) => setSection(i, { weight: Number(e.target.value) })}
            />
          </label>
          <table>
            <caption>{t("quality.editor.criteria", { title: s.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("quality.criterion")}</th>
                <th scope="col">{t("quality.editor.max")}</th>
                <th scope="col">{t("quality.form.na")}</th>
                <th scope="col">{t("quality.form.critical")}</th>
              </tr>
            </thead>
            <tbody>
              {s.criteria.map((c, k) => (
                <tr key={c.key}>
                  <td>
                    <textarea
                      aria-label={t("quality.editor.criterionText", { number: k + 1 })}
                      rows={2}
                      value={c.text}
                      onChange={(e) => setCriterion(i, k, { text: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      aria-label={t("quality.editor.criterionMax", { number: k + 1 })}
                      min={0}
                      step="any"
                      value={c.max}
                      onChange={(e) => setCriterion(i, k, { max: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t("quality.editor.criterionNa", { number: k + 1 })}
                      checked={!!c.notApplicableAllowed}
                      onChange={(e) => setCriterion(i, k, { notApplicableAllowed: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t("quality.editor.criterionCritical", { number: k + 1 })}
                      checked={!!c.critical}
                      onChange={(e) => setCriterion(i, k, { critical: e.target.checked })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() =>
              setSection(i, {
                criteria: [
                  ...s.criteria,
                  {
                    key: `${s.key}-${Date.now().toString(36)}`,
                    text: t("quality.editor.newCriterion"),
                    max: 1,
                  },
                ],
              })
            }
          >
            {t("quality.editor.addCriterion", { title: s.title })}
          </button>
        </fieldset>
      ))}
      {errors.other.length > 0 && (
        <ul className="field-error">
          {errors.other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <ErrorAlert error={activate.error ?? save.error} fields={["__none__"]} />
      <div className="form-actions">
        <button
          type="button"
          disabled={save.isPending}
          onClick={() => save.mutate(def, { onSuccess: () => setStatus(t("quality.editor.saved")) })}
        >
          {t("quality.editor.save")}
        </button>
        <button
          type="button"
          disabled={save.isPending || activate.isPending}
          onClick={() =>
            // Awaited as promises: activation replaces the draft, and this editor with it.
            save
              .mutateAsync(def)
              .then(() => activate.mutateAsync(undefined))
              .then(() => setStatus(t("quality.editor.activated")))
              .catch(() => {})
          }
        >
          {t("quality.editor.activate")}
        </button>
      </div>
    </section>
  );
}
