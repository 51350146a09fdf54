import { useIntl } from "react-intl";
import { useT } from "../i18n/use-t.ts";
import { useNames } from "../lib/lookups.ts";
import { pickName } from "../lib/names.ts";
import { AUDIENCES } from "../lib/types.ts";
import { SelectField } from "./Field.tsx";

type TagFieldsProps = { errors: Record<string, string> };

/** The tags chosen at send time (service, department, employee, channel, audience): they decide the breakdowns. */
export function TagFields({ errors }: TagFieldsProps) {
  const t = useT();
  const { locale } = useIntl();
  const names = useNames();
  const none = t("sending.noTag");
  const sorted = <T,>(items: T[], name: (x: T) => string) =>
    items.map((x) => ({ x, name: name(x) })).sort((a, b) => a.name.localeCompare(b.name, locale));
  const active = <T extends { archivedAt: string | null }>(items: T[]) => items.filter((x) => !x.archivedAt);
  return (
    <fieldset>
      <legend>{t("sending.tags")}</legend>
      <p className="hint">{t("sending.tagsHint")}</p>
      <div className="field-row">
        <SelectField
          label={t("answers.service")}
          name="tags.serviceId"
          defaultValue=""
          error={errors["tags.serviceId"]}
        >
          <option value="">{none}</option>
          {sorted(active(names.services), (s) => pickName(s.names, locale)).map(({ x, name }) => (
            <option key={x.id} value={x.id}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("field.department")}
          name="tags.departmentId"
          defaultValue=""
          error={errors["tags.departmentId"]}
        >
          <option value="">{none}</option>
          {sorted(active(names.departments), (d) => d.name).map(({ x, name }) => (
            <option key={x.id} value={x.id}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field-row">
        <SelectField
          label={t("answers.employee")}
          name="tags.employeeId"
          defaultValue=""
          error={errors["tags.employeeId"]}
        >
          <option value="">{none}</option>
          {sorted(active(names.employees), (e) => e.name).map(({ x, name }) => (
            <option key={x.id} value={x.id}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("answers.channel")}
          name="tags.channelId"
          defaultValue=""
          error={errors["tags.channelId"]}
        >
          <option value="">{none}</option>
          {sorted(active(names.channels), (c) => pickName(c.names, locale)).map(({ x, name }) => (
            <option key={x.id} value={x.id}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        label={t("field.audience")}
        name="tags.audience"
        defaultValue=""
        error={errors["tags.audience"]}
      >
        <option value="">{none}</option>
        {AUDIENCES.map((a) => (
          <option key={a} value={a}>
            {t(`audience.${a}`)}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

/** Reads the tag selects of a form into the API's tags object (only chosen ones). */
export function tagsFromForm(data: FormData) {
  const tags: Record<string, string> = {};
  for (const key of ["serviceId", "departmentId", "employeeId", "channelId", "audience"]) {
    const value = String(data.get(`tags.${key}`) ?? "");
    if (value) tags[key] = value;
  }
  return tags;
}
