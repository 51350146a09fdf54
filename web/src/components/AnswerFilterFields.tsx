import { useIntl } from "react-intl";
import { useT } from "../i18n/use-t.ts";
import { useGroupLabel } from "../lib/groups.ts";
import { useNames } from "../lib/lookups.ts";
import { pickName } from "../lib/names.ts";
import { GROUPS } from "../lib/survey-types.ts";
import { SelectField } from "./Field.tsx";

/** The catalogue filters' current values (ids) as a filter form shows them. */
export type TCatalogueFilterValues = {
  surveyId?: string;
  serviceId?: string;
  departmentId?: string;
  employeeId?: string;
  channelId?: string;
};

/** "Any", then the items by name in the screen's language, an archived item marked as such. */
function useOptions() {
  const t = useT();
  const { locale } = useIntl();
  return <T extends { id: string; archivedAt?: string | null }>(items: T[], name: (x: T) => string) =>
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
}

/** Survey, service, department, employee and channel as selects (form fields named by their filter key). */
export function CatalogueFilterFields({ values }: { values: TCatalogueFilterValues }) {
  const t = useT();
  const { locale } = useIntl();
  const names = useNames();
  const options = useOptions();
  const any = t("answers.any");
  return (
    <>
      <SelectField label={t("answers.survey")} name="surveyId" defaultValue={values.surveyId ?? ""}>
        <option value="">{any}</option>
        {options(names.surveys, (s) => s.name)}
      </SelectField>
      <SelectField label={t("answers.service")} name="serviceId" defaultValue={values.serviceId ?? ""}>
        <option value="">{any}</option>
        {options(names.services, (s) => pickName(s.names, locale))}
      </SelectField>
      <SelectField label={t("field.department")} name="departmentId" defaultValue={values.departmentId ?? ""}>
        <option value="">{any}</option>
        {options(names.departments, (d) => d.name)}
      </SelectField>
      <SelectField label={t("answers.employee")} name="employeeId" defaultValue={values.employeeId ?? ""}>
        <option value="">{any}</option>
        {options(names.employees, (e) => e.name)}
      </SelectField>
      <SelectField label={t("answers.channel")} name="channelId" defaultValue={values.channelId ?? ""}>
        <option value="">{any}</option>
        {options(names.channels, (c) => pickName(c.names, locale))}
      </SelectField>
    </>
  );
}

/** The NPS group as a select, each group under the organisation's label with its score range. */
export function GroupFilterField({ value }: { value?: string }) {
  const t = useT();
  const groupLabel = useGroupLabel();
  return (
    <SelectField label={t("answers.group")} name="group" defaultValue={value ?? ""}>
      <option value="">{t("answers.any")}</option>
      {GROUPS.map((g) => (
        <option key={g} value={g}>
          {groupLabel(g)} ({t(`group.${g}.range`)})
        </option>
      ))}
    </SelectField>
  );
}
