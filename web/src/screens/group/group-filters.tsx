import { type FormEvent, useId } from "react";
import { SelectField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { CONTACT_KINDS, GROUP_DIMENSIONS, type GroupFilters, parseGroupFilters } from "../../lib/group.ts";
import { CHANNEL_KINDS, SERVICE_TYPES } from "../../lib/types.ts";

type Props = { filters: GroupFilters; onChange: (f: GroupFilters) => void; withSplit?: boolean };

/** Month range, service type, channel kind and (on the overview) the split and the KPIs' contacts; applied with the button. */
export function GroupFiltersForm({ filters, onChange, withSplit = true }: Props) {
  const t = useT();
  const headingId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange(parseGroupFilters(Object.fromEntries(new FormData(event.currentTarget))));
  };
  return (
    <section aria-labelledby={headingId} className="filters">
      <h2 id={headingId}>{t("dash.filters")}</h2>
      <form onSubmit={submit} noValidate>
        <div className="filter-grid">
          <TextField
            label={t("group.fromMonth")}
            name="fromMonth"
            type="month"
            hint={t("group.monthHint")}
            defaultValue={filters.fromMonth ?? ""}
          />
          <TextField
            label={t("group.toMonth")}
            name="toMonth"
            type="month"
            hint={t("group.monthHint")}
            defaultValue={filters.toMonth ?? ""}
          />
          <SelectField
            label={t("dash.serviceType")}
            name="serviceType"
            defaultValue={filters.serviceType ?? ""}
          >
            <option value="">{t("dash.any")}</option>
            {SERVICE_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`serviceType.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("dash.channel")} name="channel" defaultValue={filters.channel ?? ""}>
            <option value="">{t("dash.any")}</option>
            {CHANNEL_KINDS.map((c) => (
              <option key={c} value={c}>
                {t(`channelKind.${c}`)}
              </option>
            ))}
          </SelectField>
          {withSplit && (
            <SelectField label={t("group.split")} name="groupBy" defaultValue={filters.groupBy ?? ""}>
              <option value="">{t("group.split.none")}</option>
              {GROUP_DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`group.split.${d}`)}
                </option>
              ))}
            </SelectField>
          )}
          {withSplit && (
            <SelectField
              label={t("group.contactKind")}
              name="contactKind"
              hint={t("group.contactKindHint")}
              defaultValue={filters.contactKind ?? "call"}
            >
              {CONTACT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kpi.kind.${k}`)}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("dash.apply")}
          </button>
          <button type="button" onClick={() => onChange({})}>
            {t("dash.clear")}
          </button>
        </div>
      </form>
    </section>
  );
}
