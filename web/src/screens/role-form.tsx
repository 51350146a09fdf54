import { type FormEvent, useId, useState } from "react";
import { useT } from "../i18n/use-t.ts";
import { ROLES, type Role } from "../lib/types.ts";

type RoleFormProps = { name: string; role: Role; pending: boolean; onSave: (role: Role) => void };

/**
 * A member's role as a select with its own save button (no change happens on merely choosing). The select is
 * labelled by the member's name alone, so that "Role" names only the invitation form's field.
 */
export function RoleForm({ name, role, pending, onSave }: RoleFormProps) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState<Role>(role);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== role) onSave(value);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {name}
      </label>
      <select id={id} value={value} onChange={(e) => setValue(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>{" "}
      <button type="submit" disabled={pending || value === role} aria-label={t("users.saveRoleOf", { name })}>
        {t("users.saveRole")}
      </button>
    </form>
  );
}
