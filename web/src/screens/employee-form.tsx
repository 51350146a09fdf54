import { type FormEvent, useRef, useState } from "react";
import { DepartmentSelect } from "../components/DepartmentSelect.tsx";
import { CodeField, codeFromForm } from "../components/CodeField.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { FormActions } from "../components/FormActions.tsx";
import { FormSection } from "../components/FormSection.tsx";
import { useT } from "../i18n/use-t.ts";
import { useSave } from "../lib/catalogue.ts";
import { useCan } from "../lib/me.ts";
import { useMembers } from "../lib/members.ts";
import { type FieldErrors, focusFirstInvalid, looksLikeEmail, serverFieldErrors, text } from "../lib/form.ts";
import type { Department, Employee } from "../lib/types.ts";

const FIELDS = ["name", "email", "departmentId", "userId", "code"];

type EmployeeBody = {
  name: string;
  email?: string | null;
  departmentId?: string | null;
  userId?: string | null;
  code?: string | null;
};
type EmployeeFormProps = {
  employee: Employee | null;
  departments: Department[];
  onDone: (message?: string) => void;
};

/** Adds an employee, or edits one when given. */
export function EmployeeForm({ employee, departments, onDone }: EmployeeFormProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const save = useSave<EmployeeBody>("employees");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(save.error), ...clientErrors };
  // Linking a user needs the member list; without it the link is left as it is.
  const canLink = useCan("members:read");
  const members = useMembers();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = text(data, "name");
    const email = text(data, "email") || null;
    const departmentId = text(data, "departmentId") || null;
    const userId = text(data, "userId") || null;
    const found: FieldErrors = {};
    if (!name) found.name = t("field.personNameRequired");
    if (email && !looksLikeEmail(email)) found.email = t("field.emailInvalid");
    setClientErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);

    // New employees leave empty optional fields out; edits send null to clear them.
    const body: EmployeeBody = { name, ...codeFromForm(data, employee) };
    if (employee || email) body.email = email;
    if (employee || departmentId) body.departmentId = departmentId;
    if (canLink && (employee || userId)) body.userId = userId;
    save.mutate(
      { id: employee?.id, body },
      {
        onSuccess: () => {
          if (!employee) form.current?.reset();
          onDone(t(employee ? "status.updated" : "status.created", { name }));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection
      title={employee ? t("employees.edit", { name: employee.name }) : t("employees.add")}
      focus={!!employee}
    >
      <ErrorAlert error={save.error} fields={FIELDS} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.personName")}
          name="name"
          defaultValue={employee?.name ?? ""}
          required
          error={errors.name}
        />
        <TextField
          label={t("field.emailOptional")}
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={employee?.email ?? ""}
          error={errors.email}
        />
        <CodeField defaultValue={employee?.code} error={save.error} fieldError={errors.code} />
        <DepartmentSelect
          label={t("field.department")}
          name="departmentId"
          departments={departments}
          defaultValue={employee?.departmentId}
          emptyLabel={t("field.noDepartment")}
          error={errors.departmentId}
        />
        {canLink && (
          <SelectField
            label={t("month.employee.user")}
            hint={t("month.employee.userHint")}
            name="userId"
            defaultValue={employee?.userId ?? ""}
            error={errors.userId}
            key={`${employee?.id ?? "new"}-${members.data?.length ?? 0}`}
          >
            <option value="">{t("month.employee.noUser")}</option>
            {(members.data ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ? `${m.name} (${m.email})` : m.email}
              </option>
            ))}
          </SelectField>
        )}
        <FormActions
          submitLabel={t(employee ? "common.save" : "employees.addSubmit")}
          pending={save.isPending}
          onCancel={employee ? () => onDone() : undefined}
        />
      </form>
    </FormSection>
  );
}
