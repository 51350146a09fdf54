import { type FormEvent, useId, useRef, useState } from "react";
import { useIntl } from "react-intl";
import { ConfirmButton } from "../../components/ConfirmButton.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { CheckboxField, TextField } from "../../components/Field.tsx";
import { StatusMessage, useStatusMessage } from "../../components/StatusMessage.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  type Blackout,
  type ContactRules,
  type RulesView,
  useSaveContactRules,
} from "../../lib/contact-rules.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import { useCan } from "../../lib/me.ts";
import { BlackoutFields, type KeyedBlackout, keyed } from "./blackout-fields.tsx";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const FIELDS = [
  "delayWorkingDays",
  "window.start",
  "window.end",
  "window.days",
  "quarantineDays",
  "expiryDays",
  "reminderAfterDays",
];

/** A weekday's name (1 = Monday … 7 = Sunday) in the interface language. */
const weekdayName = (locale: string, day: number) =>
  new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, day)),
  );

type Draft = {
  delayWorkingDays: string;
  start: string;
  end: string;
  days: number[];
  quarantineDays: string;
  expiryDays: string;
  reminder: boolean;
  reminderAfterDays: string;
  blackouts: KeyedBlackout[];
};

/** The form's values from the rules in force (defaults filled in). */
function draftOf({ effective: e }: RulesView): Draft {
  return {
    delayWorkingDays: String(e.delayWorkingDays),
    start: e.window.start,
    end: e.window.end,
    days: e.window.days,
    quarantineDays: String(e.quarantineDays),
    expiryDays: String(e.expiryDays),
    reminder: e.reminderAfterDays !== null,
    reminderAfterDays: String(e.reminderAfterDays ?? 3),
    blackouts: e.blackouts.map(keyed),
  };
}

const whole = (value: string, min: number, max: number) => {
  const n = Number(value);
  return value.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/** The rules as a form; the fields start from the rules in force (defaults filled in). */
export function ContactRulesForm({ view }: { view: RulesView }) {
  const t = useT();
  const { locale } = useIntl();
  const canWrite = useCan("surveys:write");
  const save = useSaveContactRules();
  const form = useRef<HTMLFormElement>(null);
  const daysId = useId();
  const [status, setStatus] = useStatusMessage();
  const e = view.effective;
  const [d, setD] = useState<Draft>(() => draftOf(view));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(save.error), ...clientErrors };
  const set = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const delay = whole(d.delayWorkingDays, 0, 30);
    const quarantine = whole(d.quarantineDays, 0, 365);
    const expiry = whole(d.expiryDays, 0, 90);
    const reminder = d.reminder ? whole(d.reminderAfterDays, 1, 14) : null;
    if (delay === null) found.delayWorkingDays = t("rules.wholeBetween", { min: 0, max: 30 });
    if (quarantine === null) found.quarantineDays = t("rules.wholeBetween", { min: 0, max: 365 });
    if (expiry === null) found.expiryDays = t("rules.wholeBetween", { min: 0, max: 90 });
    if (d.reminder && reminder === null)
      found.reminderAfterDays = t("rules.wholeBetween", { min: 1, max: 14 });
    if (!d.start) found["window.start"] = t("rules.timeRequired");
    if (!d.end) found["window.end"] = t("rules.timeRequired");
    else if (d.start && d.start >= d.end) found["window.end"] = t("rules.endAfterStart");
    if (d.days.length === 0) found["window.days"] = t("rules.daysRequired");
    d.blackouts.forEach((b, i) => {
      if (!b.from) found[`blackouts.${i}.from`] = t("rules.dateRequired");
      if (!b.to) found[`blackouts.${i}.to`] = t("rules.dateRequired");
      else if (b.from && b.from > b.to) found[`blackouts.${i}.to`] = t("rules.toAfterFrom");
    });
    setClientErrors(found);
    setStatus("");
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    const rules: ContactRules = {
      delayWorkingDays: delay ?? undefined,
      window: { start: d.start, end: d.end, days: [...d.days].sort() },
      // Only what the API knows: the list key stays here.
      blackouts: d.blackouts.map(
        ({ from, to, name }): Blackout => (name?.trim() ? { from, to, name: name.trim() } : { from, to }),
      ),
      quarantineDays: quarantine ?? undefined,
      expiryDays: expiry ?? undefined,
      reminderAfterDays: reminder,
    };
    save.mutate(rules, {
      onSuccess: (saved) => {
        // The form stays (and keeps focus); its values become what the server now holds.
        setD(draftOf(saved));
        setStatus(t("rules.saved"));
      },
      onError: () => focusFirstInvalid(form.current),
    });
  };

  return (
    <>
      <StatusMessage message={status} />
      <ErrorAlert
        error={save.error}
        fields={[
          ...FIELDS,
          ...d.blackouts.flatMap((_, i) => [
            `blackouts.${i}.from`,
            `blackouts.${i}.to`,
            `blackouts.${i}.name`,
          ]),
        ]}
      />
      <form ref={form} onSubmit={submit} noValidate>
        <fieldset disabled={!canWrite} className="plain-fieldset">
          <p className="muted">{t("rules.timeZone", { zone: e.timeZone })}</p>
          <TextField
            label={t("rules.delay")}
            hint={t("rules.delayHint")}
            name="delayWorkingDays"
            type="number"
            min={0}
            max={30}
            inputMode="numeric"
            value={d.delayWorkingDays}
            error={errors.delayWorkingDays}
            onChange={(ev) => set({ delayWorkingDays: ev.target.value })}
          />
          <fieldset>
            <legend>{t("rules.window")}</legend>
            <p className="hint">{t("rules.windowHint")}</p>
            <div className="field-row">
              <TextField
                label={t("rules.windowStart")}
                name="window.start"
                type="time"
                value={d.start}
                error={errors["window.start"]}
                onChange={(ev) => set({ start: ev.target.value })}
              />
              <TextField
                label={t("rules.windowEnd")}
                name="window.end"
                type="time"
                value={d.end}
                error={errors["window.end"] ?? errors.window}
                onChange={(ev) => set({ end: ev.target.value })}
              />
            </div>
            <fieldset aria-describedby={errors["window.days"] ? daysId : undefined}>
              <legend>{t("rules.days")}</legend>
              <div className="checkbox-grid">
                {WEEKDAYS.map((day, i) => (
                  <label key={day} className="checkbox">
                    <input
                      type="checkbox"
                      checked={d.days.includes(day)}
                      aria-invalid={i === 0 && errors["window.days"] ? true : undefined}
                      onChange={(ev) =>
                        set({ days: ev.target.checked ? [...d.days, day] : d.days.filter((x) => x !== day) })
                      }
                    />
                    {weekdayName(locale, day)}
                  </label>
                ))}
              </div>
              {errors["window.days"] && (
                <p id={daysId} className="field-error">
                  {errors["window.days"]}
                </p>
              )}
            </fieldset>
            <p className="hint">{t("rules.holidays")}</p>
          </fieldset>
          <BlackoutFields
            blackouts={d.blackouts}
            onChange={(blackouts) => set({ blackouts })}
            errors={errors}
            canWrite={canWrite}
          />
          <TextField
            label={t("rules.quarantine")}
            hint={t("rules.quarantineHint")}
            name="quarantineDays"
            type="number"
            min={0}
            max={365}
            inputMode="numeric"
            value={d.quarantineDays}
            error={errors.quarantineDays}
            onChange={(ev) => set({ quarantineDays: ev.target.value })}
          />
          <TextField
            label={t("rules.expiry")}
            hint={t("rules.expiryHint")}
            name="expiryDays"
            type="number"
            min={0}
            max={90}
            inputMode="numeric"
            value={d.expiryDays}
            error={errors.expiryDays}
            onChange={(ev) => set({ expiryDays: ev.target.value })}
          />
          <fieldset>
            <legend>{t("rules.reminder")}</legend>
            <CheckboxField
              label={t("rules.reminderOn")}
              checked={d.reminder}
              onChange={(ev) => set({ reminder: ev.target.checked })}
            />
            {d.reminder && (
              <TextField
                label={t("rules.reminderAfter")}
                name="reminderAfterDays"
                type="number"
                min={1}
                max={14}
                inputMode="numeric"
                value={d.reminderAfterDays}
                error={errors.reminderAfterDays}
                onChange={(ev) => set({ reminderAfterDays: ev.target.value })}
              />
            )}
          </fieldset>
        </fieldset>
        {canWrite ? (
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t("rules.save")}
            </button>
            <ConfirmButton
              label={t("rules.reset")}
              accessibleName={t("rules.reset")}
              question={t("rules.resetQuestion")}
              confirmLabel={t("rules.resetConfirm")}
              disabled={save.isPending}
              onConfirm={() =>
                save.mutate(
                  {},
                  {
                    onSuccess: (saved) => {
                      setD(draftOf(saved));
                      setStatus(t("rules.resetDone"));
                    },
                  },
                )
              }
            />
          </div>
        ) : (
          <p className="muted">{t("rules.readOnly")}</p>
        )}
      </form>
    </>
  );
}
