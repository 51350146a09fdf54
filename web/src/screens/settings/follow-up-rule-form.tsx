import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { CheckboxField, SelectField, TextField } from "../../components/Field.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { SurveySelect } from "../../components/SurveySelect.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  type FollowUpRule,
  type SurveyRuleOverride,
  useCaseWorkers,
  useSaveFollowUpRule,
} from "../../lib/follow-up-rule.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import { useCan } from "../../lib/me.ts";
import { useSurveys } from "../../lib/surveys.ts";

/** "follow" keeps the organisation's value; "on"/"off" change it for one survey. */
type Tri = "follow" | "on" | "off";

type OverrideDraft = {
  key: number;
  surveyId: string;
  enabled: Tri;
  npsMax: string;
  satisfactionMax: string;
  recoveryQuestion: Tri;
};

type Draft = {
  enabled: boolean;
  npsMax: string;
  satisfactionMax: string;
  deadlineWorkingDays: string;
  unreachableAfter: string;
  defaultOwnerId: string;
  recoveryQuestion: boolean;
  recoveryDelayDays: string;
  overrides: OverrideDraft[];
};

const FIELDS = [
  "enabled",
  "npsMax",
  "satisfactionMax",
  "deadlineWorkingDays",
  "unreachableAfter",
  "defaultOwnerId",
  "recoveryQuestion",
  "recoveryDelayDays",
];
const OVERRIDE_FIELDS = ["enabled", "npsMax", "satisfactionMax", "recoveryQuestion"];

let nextKey = 1;
const tri = (value: boolean | undefined): Tri => (value === undefined ? "follow" : value ? "on" : "off");
const fromTri = (value: Tri) => (value === "follow" ? undefined : value === "on");
const num = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

/** The form's values from the rule in force. */
function draftOf(rule: FollowUpRule): Draft {
  return {
    enabled: rule.enabled,
    npsMax: num(rule.npsMax),
    satisfactionMax: num(rule.satisfactionMax),
    deadlineWorkingDays: String(rule.deadlineWorkingDays),
    unreachableAfter: String(rule.unreachableAfter),
    defaultOwnerId: rule.defaultOwnerId ?? "",
    recoveryQuestion: rule.recoveryQuestion,
    recoveryDelayDays: String(rule.recoveryDelayDays),
    overrides: Object.entries(rule.surveys).map(([surveyId, o]) => ({
      key: nextKey++,
      surveyId,
      enabled: tri(o.enabled),
      npsMax: num(o.npsMax),
      satisfactionMax: num(o.satisfactionMax),
      recoveryQuestion: tri(o.recoveryQuestion),
    })),
  };
}

/** A whole number in [min, max], or null when the text is not one. */
const whole = (value: string, min: number, max: number) => {
  const n = Number(value);
  return value.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** The follow-up rule as a form; read-only for those who may not change it. */
export function FollowUpRuleForm({ rule }: { rule: FollowUpRule }) {
  const t = useT();
  const canWrite = useCan("followup:manage");
  const canReadMembers = useCan("members:read");
  const workers = useCaseWorkers(canReadMembers);
  const surveys = useSurveys();
  const save = useSaveFollowUpRule();
  const form = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useStatusMessage();
  const [d, setD] = useState<Draft>(() => draftOf(rule));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(save.error), ...clientErrors };
  const set = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));
  const setOverride = (key: number, patch: Partial<OverrideDraft>) =>
    set({ overrides: d.overrides.map((o) => (o.key === key ? { ...o, ...patch } : o)) });
  const surveyName = (id: string) => surveys.data?.find((s) => s.id === id)?.name ?? id;
  const unused = (surveys.data ?? []).filter((s) => !d.overrides.some((o) => o.surveyId === s.id));
  const [adding, setAdding] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const threshold = (value: string, field: string) => {
      if (value.trim() === "") return null;
      const n = whole(value, 0, 10);
      if (n === null) found[field] = t("followRule.scoreBetween");
      return n;
    };
    const npsMax = threshold(d.npsMax, "npsMax");
    const satisfactionMax = threshold(d.satisfactionMax, "satisfactionMax");
    const deadline = whole(d.deadlineWorkingDays, 1, 30);
    const unreachable = whole(d.unreachableAfter, 1, 10);
    const delay = whole(d.recoveryDelayDays, 1, 30);
    if (deadline === null) found.deadlineWorkingDays = t("rules.wholeBetween", { min: 1, max: 30 });
    if (unreachable === null) found.unreachableAfter = t("rules.wholeBetween", { min: 1, max: 10 });
    if (delay === null) found.recoveryDelayDays = t("rules.wholeBetween", { min: 1, max: 30 });
    const surveysOut: Record<string, SurveyRuleOverride> = {};
    for (const o of d.overrides) {
      const base = `surveys.${o.surveyId}`;
      const out: SurveyRuleOverride = {};
      const enabled = fromTri(o.enabled);
      if (enabled !== undefined) out.enabled = enabled;
      const recovery = fromTri(o.recoveryQuestion);
      if (recovery !== undefined) out.recoveryQuestion = recovery;
      if (o.npsMax.trim() !== "") out.npsMax = threshold(o.npsMax, `${base}.npsMax`);
      if (o.satisfactionMax.trim() !== "")
        out.satisfactionMax = threshold(o.satisfactionMax, `${base}.satisfactionMax`);
      surveysOut[o.surveyId] = out;
    }
    setClientErrors(found);
    setStatus("");
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    const body: FollowUpRule = {
      ...rule,
      enabled: d.enabled,
      npsMax,
      satisfactionMax,
      surveys: surveysOut,
      deadlineWorkingDays: deadline ?? rule.deadlineWorkingDays,
      unreachableAfter: unreachable ?? rule.unreachableAfter,
      defaultOwnerId: d.defaultOwnerId || null,
      recoveryQuestion: d.recoveryQuestion,
      recoveryDelayDays: delay ?? rule.recoveryDelayDays,
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        setD(draftOf(saved));
        setStatus(t("followRule.saved"));
      },
      onError: () => focusFirstInvalid(form.current),
    });
  };

  const triOptions = (
    <>
      <option value="follow">{t("followRule.followOrg")}</option>
      <option value="on">{t("followRule.on")}</option>
      <option value="off">{t("followRule.off")}</option>
    </>
  );
  const ownerKnown = !d.defaultOwnerId || workers.data?.some((m) => m.userId === d.defaultOwnerId);

  return (
    <>
      <StatusMessage message={status} />
      <ErrorAlert
        error={save.error}
        fields={[
          ...FIELDS,
          ...d.overrides.flatMap((o) => OVERRIDE_FIELDS.map((f) => `surveys.${o.surveyId}.${f}`)),
        ]}
      />
      <form ref={form} onSubmit={submit} noValidate>
        <fieldset disabled={!canWrite} className="plain-fieldset">
          <CheckboxField
            label={t("followRule.enabled")}
            hint={t("followRule.enabledHint")}
            checked={d.enabled}
            onChange={(ev) => set({ enabled: ev.target.checked })}
          />
          <fieldset>
            <legend>{t("followRule.thresholds")}</legend>
            <p className="hint">{t("followRule.thresholdsHint")}</p>
            <div className="field-row">
              <TextField
                label={t("followRule.npsMax")}
                hint={t("followRule.npsMaxHint")}
                name="npsMax"
                type="number"
                min={0}
                max={10}
                inputMode="numeric"
                value={d.npsMax}
                error={errors.npsMax}
                onChange={(ev) => set({ npsMax: ev.target.value })}
              />
              <TextField
                label={t("followRule.satisfactionMax")}
                hint={t("followRule.satisfactionMaxHint")}
                name="satisfactionMax"
                type="number"
                min={0}
                max={10}
                inputMode="numeric"
                value={d.satisfactionMax}
                error={errors.satisfactionMax}
                onChange={(ev) => set({ satisfactionMax: ev.target.value })}
              />
            </div>
          </fieldset>
          <TextField
            label={t("followRule.deadline")}
            hint={t("followRule.deadlineHint")}
            name="deadlineWorkingDays"
            type="number"
            min={1}
            max={30}
            inputMode="numeric"
            value={d.deadlineWorkingDays}
            error={errors.deadlineWorkingDays}
            onChange={(ev) => set({ deadlineWorkingDays: ev.target.value })}
          />
          {canReadMembers ? (
            <SelectField
              label={t("followRule.defaultOwner")}
              hint={t("followRule.defaultOwnerHint")}
              name="defaultOwnerId"
              value={d.defaultOwnerId}
              error={errors.defaultOwnerId}
              onChange={(ev) => set({ defaultOwnerId: ev.target.value })}
            >
              <option value="">{t("followRule.noOwner")}</option>
              {!ownerKnown && <option value={d.defaultOwnerId}>{t("followRule.unknownOwner")}</option>}
              {(workers.data ?? []).map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name ? `${m.name} (${m.email})` : m.email}
                </option>
              ))}
            </SelectField>
          ) : (
            <p>
              {t("followRule.defaultOwner")}:{" "}
              {d.defaultOwnerId ? t("followRule.ownerSet") : t("followRule.noOwner")}
            </p>
          )}
          <TextField
            label={t("followRule.unreachableAfter")}
            hint={t("followRule.unreachableAfterHint")}
            name="unreachableAfter"
            type="number"
            min={1}
            max={10}
            inputMode="numeric"
            value={d.unreachableAfter}
            error={errors.unreachableAfter}
            onChange={(ev) => set({ unreachableAfter: ev.target.value })}
          />
          <fieldset>
            <legend>{t("followRule.recovery")}</legend>
            <CheckboxField
              label={t("followRule.recoveryOn")}
              hint={t("followRule.recoveryHint")}
              checked={d.recoveryQuestion}
              onChange={(ev) => set({ recoveryQuestion: ev.target.checked })}
            />
            <TextField
              label={t("followRule.recoveryDelay")}
              hint={t("followRule.recoveryDelayHint")}
              name="recoveryDelayDays"
              type="number"
              min={1}
              max={30}
              inputMode="numeric"
              value={d.recoveryDelayDays}
              error={errors.recoveryDelayDays}
              onChange={(ev) => set({ recoveryDelayDays: ev.target.value })}
            />
          </fieldset>
          <fieldset>
            <legend>{t("followRule.overrides")}</legend>
            <p className="hint">{t("followRule.overridesHint")}</p>
            {d.overrides.length === 0 ? (
              <p className="muted">{t("followRule.noOverrides")}</p>
            ) : (
              <table>
                <caption className="visually-hidden">{t("followRule.overrides")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("followRule.survey")}</th>
                    <th scope="col">{t("followRule.overrideEnabled")}</th>
                    <th scope="col">{t("followRule.npsMax")}</th>
                    <th scope="col">{t("followRule.satisfactionMax")}</th>
                    <th scope="col">{t("followRule.recovery")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("followRule.remove")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.overrides.map((o) => {
                    const name = surveyName(o.surveyId);
                    const base = `surveys.${o.surveyId}`;
                    return (
                      <tr key={o.key}>
                        <th scope="row">{name}</th>
                        <td>
                          <SelectField
                            label={t("followRule.overrideEnabledOf", { survey: name })}
                            value={o.enabled}
                            error={errors[`${base}.enabled`]}
                            onChange={(ev) => setOverride(o.key, { enabled: ev.target.value as Tri })}
                          >
                            {triOptions}
                          </SelectField>
                        </td>
                        <td>
                          <TextField
                            label={t("followRule.npsMaxOf", { survey: name })}
                            name={`${base}.npsMax`}
                            type="number"
                            min={0}
                            max={10}
                            inputMode="numeric"
                            placeholder={t("followRule.followOrgShort")}
                            value={o.npsMax}
                            error={errors[`${base}.npsMax`]}
                            onChange={(ev) => setOverride(o.key, { npsMax: ev.target.value })}
                          />
                        </td>
                        <td>
                          <TextField
                            label={t("followRule.satisfactionMaxOf", { survey: name })}
                            name={`${base}.satisfactionMax`}
                            type="number"
                            min={0}
                            max={10}
                            inputMode="numeric"
                            placeholder={t("followRule.followOrgShort")}
                            value={o.satisfactionMax}
                            error={errors[`${base}.satisfactionMax`]}
                            onChange={(ev) => setOverride(o.key, { satisfactionMax: ev.target.value })}
                          />
                        </td>
                        <td>
                          <SelectField
                            label={t("followRule.recoveryOf", { survey: name })}
                            value={o.recoveryQuestion}
                            error={errors[`${base}.recoveryQuestion`]}
                            onChange={(ev) =>
                              setOverride(o.key, { recoveryQuestion: ev.target.value as Tri })
                            }
                          >
                            {triOptions}
                          </SelectField>
                        </td>
                        <td>
                          {canWrite && (
                            <button
                              type="button"
                              onClick={() => set({ overrides: d.overrides.filter((x) => x.key !== o.key) })}
                            >
                              {t("followRule.removeOf", { survey: name })}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {canWrite && unused.length > 0 && (
              <div className="field-row">
                <SurveySelect
                  label={t("followRule.addSurvey")}
                  surveys={unused}
                  value={adding}
                  onChange={(ev) => setAdding(ev.target.value)}
                />
                <button
                  type="button"
                  disabled={!adding}
                  onClick={() => {
                    set({
                      overrides: [
                        ...d.overrides,
                        {
                          key: nextKey++,
                          surveyId: adding,
                          enabled: "follow",
                          npsMax: "",
                          satisfactionMax: "",
                          recoveryQuestion: "follow",
                        },
                      ],
                    });
                    setAdding("");
                  }}
                >
                  {t("followRule.add")}
                </button>
              </div>
            )}
          </fieldset>
        </fieldset>
        {canWrite ? (
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t("followRule.save")}
            </button>
          </div>
        ) : (
          <p className="muted">{t("followRule.readOnly")}</p>
        )}
      </form>
    </>
  );
}
