import { type FormEvent, useId, useState } from "react";
import { useIntl } from "react-intl";
import { SelectField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useNames } from "../../lib/lookups.ts";
import { pickName } from "../../lib/names.ts";
import {
  addDays,
  type DashboardFilters,
  PRESETS,
  type Period,
  parseDashboardFilters,
} from "../../lib/reports.ts";
import { AUDIENCES, SERVICE_TYPES } from "../../lib/types.ts";

type FiltersProps = {
  filters: DashboardFilters;
  period: Period;
  onChange: (filters: DashboardFilters) => void;
};

type Option = { id: string; name: string; archivedAt?: string | null };

/** The dashboard's filters: a change of a list applies at once; dates apply with the button. All go into the address. */
export function DashboardFiltersForm({ filters, period, onChange }: FiltersProps) {
  const t = useT();
  const { locale } = useIntl();
  const names = useNames();
  const headingId = useId();
  const [custom, setCustom] = useState(!!filters.from);
  const any = t("dash.any");

  const set = (key: keyof DashboardFilters, value: string) =>
    onChange(parseDashboardFilters({ ...filters, [key]: value || undefined }));

  const choosePeriod = (value: string) => {
    if (value === "custom") return setCustom(true);
    setCustom(false);
    onChange(parseDashboardFilters({ ...filters, from: undefined, to: undefined, period: value }));
  };

  const applyDates = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onChange(
      parseDashboardFilters({ ...filters, period: undefined, from: data.get("from"), to: data.get("to") }),
    );
  };

  const options = (items: Option[]) =>
    items
      .map((x) => ({
        id: x.id,
        name: x.name + (x.archivedAt ? ` (${t("common.archived").toLowerCase()})` : ""),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .map((x) => (
        <option key={x.id} value={x.id}>
          {x.name}
        </option>
      ));

  const select = (key: keyof DashboardFilters, label: string, items: Option[]) => (
    <SelectField label={label} value={filters[key] ?? ""} onChange={(e) => set(key, e.target.value)}>
      <option value="">{any}</option>
      {options(items)}
    </SelectField>
  );

  return (
    <section aria-labelledby={headingId} className="filters">
      <h2 id={headingId}>{t("dash.filters")}</h2>
      <form onSubmit={applyDates} noValidate>
        <div className="filter-grid">
          <SelectField
            label={t("dash.period")}
            value={custom ? "custom" : (filters.period ?? "12m")}
            onChange={(e) => choosePeriod(e.target.value)}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`dash.period.${p}`)}
              </option>
            ))}
            <option value="custom">{t("dash.period.custom")}</option>
          </SelectField>
          {custom && (
            <>
              <TextField label={t("dash.from")} name="from" type="date" defaultValue={period.from} required />
              <TextField
                label={t("dash.to")}
                name="to"
                type="date"
                defaultValue={addDays(period.to, -1)}
                required
              />
            </>
          )}
          {select("surveyId", t("dash.survey"), names.surveys)}
          {select(
            "serviceId",
            t("dash.service"),
            names.services.map((s) => ({ ...s, name: pickName(s.names, locale) })),
          )}
          {select(
            "serviceType",
            t("dash.serviceType"),
            SERVICE_TYPES.map((id) => ({ id, name: t(`serviceType.${id}`) })),
          )}
          {select(
            "audience",
            t("month.dash.audience"),
            AUDIENCES.map((id) => ({ id, name: t(`audience.${id}`) })),
          )}
          {select(
            "channelId",
            t("dash.channel"),
            names.channels.map((c) => ({ ...c, name: pickName(c.names, locale) })),
          )}
          {select("departmentId", t("dash.department"), names.departments)}
          {select("employeeId", t("dash.employee"), names.employees)}
        </div>
        <div className="actions">
          {custom && (
            <button type="submit" className="primary">
              {t("dash.apply")}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              setCustom(false);
              onChange({});
            }}
          >
            {t("dash.clear")}
          </button>
        </div>
      </form>
    </section>
  );
}
