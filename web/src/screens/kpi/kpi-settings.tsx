import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useT } from "../../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import { type KpiSettings, SKA_DEFAULTS, useKpiSettings, useSaveKpiSettings } from "../../lib/kpi.ts";
import { useCan } from "../../lib/me.ts";

type Field = {
  /** The API's field path, dotted. */
  name: string;
  min: number;
  max: number;
  /** Whole numbers only (the thresholds); targets may have decimals. */
  whole: boolean;
  get: (s: KpiSettings) => number;
};

const FIELDS: Field[] = [
  { name: "serviceLevelSeconds", min: 1, max: 3600, whole: true, get: (s) => s.serviceLevelSeconds },
  { name: "shortAbandonSeconds", min: 0, max: 600, whole: true, get: (s) => s.shortAbandonSeconds },
  { name: "fcrWindowDays", min: 1, max: 90, whole: true, get: (s) => s.fcrWindowDays },
  { name: "retentionMonths", min: 1, max: 120, whole: true, get: (s) => s.retentionMonths },
  { name: "targets.serviceLevel", min: 0, max: 100, whole: false, get: (s) => s.targets.serviceLevel },
  { name: "targets.answerRate", min: 0, max: 100, whole: false, get: (s) => s.targets.answerRate },
  {
    name: "targets.firstContactResolution",
    min: 0,
    max: 100,
    whole: false,
    get: (s) => s.targets.firstContactResolution,
  },
  {
    name: "targets.officeWaitMinutes",
    min: 0,
    max: 1440,
    whole: false,
    get: (s) => s.targets.officeWaitMinutes,
  },
  { name: "targets.repliesOnTime", min: 0, max: 100, whole: false, get: (s) => s.targets.repliesOnTime },
];

const draftOf = (s: KpiSettings) => Object.fromEntries(FIELDS.map((f) => [f.name, String(f.get(s))]));

/** The KPI thresholds, the FCR window, how long contact details are kept, and the targets. */
export function KpiSettingsScreen() {
  const t = useT();
  const settings = useKpiSettings();
  return (
    <Page title={t("kpiSettings.title")}>
      <p>{t("kpiSettings.intro")}</p>
      <ErrorAlert error={settings.error} />
      {settings.isPending && <Loading />}
      {settings.data && <KpiSettingsForm settings={settings.data} />}
    </Page>
  );
}

function KpiSettingsForm({ settings }: { settings: KpiSettings }) {
  const t = useT();
  const canManage = useCan("kpi:manage");
  const save = useSaveKpiSettings();
  const form = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useStatusMessage();
  const [draft, setDraft] = useState<Record<string, string>>(() => draftOf(settings));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(save.error), ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const values: Record<string, number> = {};
    for (const f of FIELDS) {
      const text = (draft[f.name] ?? "").trim().replace(",", ".");
      const n = Number(text);
      if (text === "" || !Number.isFinite(n) || n < f.min || n > f.max || (f.whole && !Number.isInteger(n)))
        found[f.name] = t(f.whole ? "kpiSettings.wholeBetween" : "kpiSettings.numberBetween", {
          min: f.min,
          max: f.max,
        });
      values[f.name] = n;
    }
    setClientErrors(found);
    setStatus("");
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    const body: KpiSettings = {
      serviceLevelSeconds: values.serviceLevelSeconds,
      shortAbandonSeconds: values.shortAbandonSeconds,
      fcrWindowDays: values.fcrWindowDays,
      retentionMonths: values.retentionMonths,
      targets: {
        serviceLevel: values["targets.serviceLevel"],
        answerRate: values["targets.answerRate"],
        firstContactResolution: values["targets.firstContactResolution"],
        officeWaitMinutes: values["targets.officeWaitMinutes"],
        repliesOnTime: values["targets.repliesOnTime"],
      },
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        setDraft(draftOf(saved));
        setStatus(t("kpiSettings.saved"));
      },
      onError: () => focusFirstInvalid(form.current),
    });
  };

  const field = (f: Field) => (
    <TextField
      key={f.name}
      label={t(`kpiSettings.${f.name}` as MessageId)}
      hint={`${t(`kpiSettings.${f.name}.help` as MessageId)} ${t("kpiSettings.default", { value: f.get(SKA_DEFAULTS) })}`}
      name={f.name}
      type="number"
      inputMode={f.whole ? "numeric" : "decimal"}
      min={f.min}
      max={f.max}
      step={f.whole ? 1 : "any"}
      value={draft[f.name] ?? ""}
      error={errors[f.name]}
      onChange={(e) => setDraft((d) => ({ ...d, [f.name]: e.target.value }))}
    />
  );

  return (
    <>
      <StatusMessage message={status} />
      {!canManage && <p className="hint">{t("kpiSettings.readOnly")}</p>}
      <ErrorAlert error={save.error} fields={FIELDS.map((f) => f.name)} />
      <form ref={form} onSubmit={submit} noValidate>
        <fieldset disabled={!canManage} className="plain-fieldset">
          <fieldset>
            <legend>{t("kpiSettings.counting")}</legend>
            <p className="hint">{t("kpiSettings.countingHint")}</p>
            {FIELDS.slice(0, 4).map(field)}
          </fieldset>
          <fieldset>
            <legend>{t("kpiSettings.targets")}</legend>
            <p className="hint">{t("kpiSettings.targetsHint")}</p>
            {FIELDS.slice(4).map(field)}
          </fieldset>
          {canManage && <FormActions submitLabel={t("kpiSettings.save")} pending={save.isPending} />}
        </fieldset>
      </form>
    </>
  );
}
