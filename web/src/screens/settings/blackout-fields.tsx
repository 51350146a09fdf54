import { useId } from "react";
import { TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { Blackout } from "../../lib/contact-rules.ts";
import type { FieldErrors } from "../../lib/form.ts";

/** A blackout with a key that stays with it while the list changes. */
export type KeyedBlackout = Blackout & { key: string };

let nextKey = 0;
/** Gives a blackout its list key. */
export const keyed = (b: Blackout): KeyedBlackout => ({ ...b, key: `b${++nextKey}` });

type BlackoutFieldsProps = {
  blackouts: KeyedBlackout[];
  onChange: (blackouts: KeyedBlackout[]) => void;
  errors: FieldErrors;
  canWrite: boolean;
};

/** Periods without surveys (e.g. a summer break): first and last day, an optional name; add and remove. */
export function BlackoutFields({ blackouts, onChange, errors, canWrite }: BlackoutFieldsProps) {
  const t = useT();
  const id = useId();
  const update = (i: number, patch: Partial<Blackout>) =>
    onChange(blackouts.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const add = () => {
    onChange([...blackouts, keyed({ from: "", to: "" })]);
    requestAnimationFrame(() =>
      document.getElementById(`${id}-${blackouts.length}`)?.querySelector<HTMLElement>("input")?.focus(),
    );
  };
  const remove = (i: number) => {
    onChange(blackouts.filter((_, j) => j !== i));
    requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus());
  };
  return (
    <fieldset>
      <legend>{t("rules.blackouts")}</legend>
      <p className="hint">{t("rules.blackoutsHint")}</p>
      {blackouts.length === 0 && <p className="muted">{t("rules.noBlackouts")}</p>}
      {blackouts.map((b, i) => {
        const n = i + 1;
        return (
          <fieldset key={b.key} id={`${id}-${i}`} className="question">
            <legend>{t("rules.blackoutN", { n })}</legend>
            <div className="field-row">
              <TextField
                label={t("rules.blackoutFrom")}
                name={`blackouts.${i}.from`}
                type="date"
                value={b.from}
                error={errors[`blackouts.${i}.from`]}
                onChange={(e) => update(i, { from: e.target.value })}
              />
              <TextField
                label={t("rules.blackoutTo")}
                name={`blackouts.${i}.to`}
                type="date"
                value={b.to}
                error={errors[`blackouts.${i}.to`]}
                onChange={(e) => update(i, { to: e.target.value })}
              />
              <TextField
                label={t("rules.blackoutName")}
                name={`blackouts.${i}.name`}
                value={b.name ?? ""}
                maxLength={100}
                error={errors[`blackouts.${i}.name`]}
                onChange={(e) => update(i, { name: e.target.value })}
              />
            </div>
            {canWrite && (
              <button
                type="button"
                className="danger-outline"
                aria-label={t("rules.removeBlackoutNamed", { n })}
                onClick={() => remove(i)}
              >
                {t("rules.removeBlackout")}
              </button>
            )}
          </fieldset>
        );
      })}
      {canWrite && (
        <button type="button" id={`${id}-add`} onClick={add}>
          {t("rules.addBlackout")}
        </button>
      )}
    </fieldset>
  );
}
