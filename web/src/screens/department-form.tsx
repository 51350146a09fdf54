import { type FormEvent, useRef, useState } from "react";
import { DepartmentSelect } from "../components/DepartmentSelect.tsx";
import { CodeField, codeFromForm } from "../components/CodeField.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { FormActions } from "../components/FormActions.tsx";
import { FormSection } from "../components/FormSection.tsx";
import { useT } from "../i18n/use-t.ts";
import { useSave } from "../lib/catalogue.ts";
import { subtreeIds } from "../lib/departments.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors, text } from "../lib/form.ts";
import type { Department } from "../lib/types.ts";

const FIELDS = ["name", "parentId", "code"];

type DepartmentBody = { name: string; parentId?: string | null; code?: string | null };
type DepartmentFormProps = {
  department: Department | null;
  departments: Department[];
  onDone: (message?: string) => void;
};

/** Adds a department (optionally under a parent), or edits one when given. */
export function DepartmentForm({ department, departments, onDone }: DepartmentFormProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const save = useSave<DepartmentBody>("departments");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(save.error), ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = text(data, "name");
    const parentId = text(data, "parentId") || null;
    setClientErrors(name ? {} : { name: t("field.nameRequired") });
    if (!name) return focusFirstInvalid(form.current);

    const body: DepartmentBody = { name, ...codeFromForm(data, department) };
    if (department || parentId) body.parentId = parentId;
    save.mutate(
      { id: department?.id, body },
      {
        onSuccess: () => {
          if (!department) form.current?.reset();
          onDone(t(department ? "status.updated" : "status.created", { name }));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection
      title={department ? t("departments.edit", { name: department.name }) : t("departments.add")}
      focus={!!department}
    >
      <ErrorAlert error={save.error} fields={FIELDS} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.name")}
          name="name"
          defaultValue={department?.name ?? ""}
          required
          error={errors.name}
        />
        <DepartmentSelect
          label={t("field.parentDepartment")}
          name="parentId"
          departments={departments}
          defaultValue={department?.parentId}
          exclude={department ? subtreeIds(departments, department.id) : undefined}
          emptyLabel={t("field.noParent")}
          error={errors.parentId}
        />
        <CodeField defaultValue={department?.code} error={save.error} fieldError={errors.code} />
        <FormActions
          submitLabel={t(department ? "common.save" : "departments.addSubmit")}
          pending={save.isPending}
          onCancel={department ? () => onDone() : undefined}
        />
      </form>
    </FormSection>
  );
}
