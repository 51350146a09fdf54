import { type FormEvent, useId } from "react";
import { SelectField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type AnswerFilters, parseAnswerFilters } from "../../lib/answers.ts";
import { useGroupLabel } from "../../lib/groups.ts";
import { useNames } from "../../lib/lookups.ts";
import { pickName } from "../../lib/names.ts";
import { GROUPS } from "../../lib/survey-types.ts";
import { useIntl } from "react-intl";

type AnswerFiltersFormProps = { filters: AnswerFilters; onApply: (filters: AnswerFilters) => void };

/** The filters as a form; applying them puts them in the address, so a filtered list can be bookmarked. */
export function AnswerFiltersForm({ filters, onApply }: AnswerFiltersFormProps) {
  const t = useT();
  const { locale } = useIntl();
  const names = useNames();
  const groupLabel = useGroupLabel();
  const headingId = useId();
  const any = t("answers.any");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    onApply(parseAnswerFilters(data));
  };

  const options = <T extends { id: string; archivedAt?: string | null }>(
    items: T[],
    name: (x: T) => string,
  ) =>
    items
      .map((x) => ({
        id: x.id,
        name: name(x) + (x.archivedAt ? ` (${t("common.archived").toLowerCase()})` : ""),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .map((x) => (
        <option key={x.id} value={x.id}>
          {x.name}
        </option>
      ));

  return (
    <section aria-labelledby={headingId} className="filters">
      <h2 id={headingId}>{t("answers.filters")}</h2>
      {/* A new key when the address changes, so the fields show what the list shows. */}
      <form key={JSON.stringify(filters)} onSubmit={submit} noValidate>
        <div className="filter-grid">
          <SelectField label={t("answers.survey")} name="surveyId" defaultValue={filters.surveyId ?? ""}>
            <option value="">{any}</option>
            {options(names.surveys, (s) => s.name)}
          </SelectField>
          <SelectField label={t("answers.service")} name="serviceId" defaultValue={filters.serviceId ?? ""}>
            <option value="">{any}</option>
            {options(names.services, (s) => pickName(s.names, locale))}
          </SelectField>
          <SelectField
            label={t("field.department")}
            name="departmentId"
            defaultValue={filters.departmentId ?? ""}
          >
            <option value="">{any}</option>
            {options(names.departments, (d) => d.name)}
          </SelectField>
          <SelectField
            label={t("answers.employee")}
            name="employeeId"
            defaultValue={filters.employeeId ?? ""}
          >
            <option value="">{any}</option>
            {options(names.employees, (e) => e.name)}
          </SelectField>
          <SelectField label={t("answers.channel")} name="channelId" defaultValue={filters.channelId ?? ""}>
            <option value="">{any}</option>
            {options(names.channels, (c) => pickName(c.names, locale))}
          </SelectField>
          <SelectField label={t("answers.group")} name="group" defaultValue={filters.group ?? ""}>
            <option value="">{any}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {groupLabel(g)} ({t(`group.${g}.range`)})
              </option>
            ))}
          </SelectField>
          <TextField label={t("answers.from")} name="from" type="date" defaultValue={filters.from ?? ""} />
          <TextField label={t("answers.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            name="hasComment"
            value="true"
            defaultChecked={filters.hasComment === "true"}
          />
          {t("answers.hasComment")}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t("answers.apply")}
          </button>
          <button type="button" onClick={() => onApply({})}>
            {t("answers.clear")}
          </button>
        </div>
      </form>
    </section>
  );
}
