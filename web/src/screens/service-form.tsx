import { type FormEvent, useRef, useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { DepartmentSelect } from "../components/DepartmentSelect.tsx";
import { CodeField, codeFromForm } from "../components/CodeField.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField } from "../components/Field.tsx";
import { FormActions } from "../components/FormActions.tsx";
import { FormSection } from "../components/FormSection.tsx";
import { NameFields } from "../components/NameFields.tsx";
import { useSave } from "../lib/catalogue.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors, text } from "../lib/form.ts";
import { NAME_LANGUAGES, namesFromForm } from "../lib/names.ts";
import { AUDIENCES, type Department, type Names, SERVICE_TYPES, type Service } from "../lib/types.ts";

const FIELDS = ["names.et", "names.en", "names.ru", "type", "audience", "departmentId", "code"];

type ServiceBody = {
  names: Names;
  type: string;
  audience: string;
  departmentId?: string | null;
  code?: string | null;
};
type ServiceFormProps = {
  service: Service | null;
  departments: Department[];
  onDone: (message?: string) => void;
};

/** Adds a service, or edits one when given. */
export function ServiceForm({ service, departments, onDone }: ServiceFormProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const save = useSave<ServiceBody>("services");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(save.error), ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const names = namesFromForm(data, NAME_LANGUAGES, service?.names);
    const found: FieldErrors = {};
    if (!names.et) found["names.et"] = t("field.nameEtRequired");
    setClientErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);

    const departmentId = text(data, "departmentId") || null;
    const body: ServiceBody = {
      names,
      type: text(data, "type"),
      audience: text(data, "audience"),
      ...codeFromForm(data, service),
    };
    // A new service without a department leaves the field out; an edit may clear it.
    if (service || departmentId) body.departmentId = departmentId;
    save.mutate(
      { id: service?.id, body },
      {
        onSuccess: () => {
          const message = t(service ? "status.updated" : "status.created", { name: names.et });
          if (service) return onDone(message);
          form.current?.reset();
          onDone(message);
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection
      title={service ? t("services.edit", { name: service.names.et ?? "" }) : t("services.add")}
      focus={!!service}
    >
      <ErrorAlert error={save.error} fields={FIELDS} />
      <form ref={form} onSubmit={submit} noValidate>
        <NameFields names={service?.names} errors={errors} />
        <CodeField defaultValue={service?.code} error={save.error} fieldError={errors.code} />
        <SelectField
          label={t("field.serviceType")}
          name="type"
          defaultValue={service?.type ?? "customer_service"}
          error={errors.type}
        >
          {SERVICE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`serviceType.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("field.audience")}
          name="audience"
          defaultValue={service?.audience ?? "external"}
          error={errors.audience}
        >
          {AUDIENCES.map((audience) => (
            <option key={audience} value={audience}>
              {t(`audience.${audience}`)}
            </option>
          ))}
        </SelectField>
        <DepartmentSelect
          label={t("field.department")}
          name="departmentId"
          departments={departments}
          defaultValue={service?.departmentId}
          emptyLabel={t("field.noDepartment")}
          error={errors.departmentId}
        />
        <FormActions
          submitLabel={t(service ? "common.save" : "services.addSubmit")}
          pending={save.isPending}
          onCancel={service ? () => onDone() : undefined}
        />
      </form>
    </FormSection>
  );
}
