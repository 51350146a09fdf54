import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../components/Field.tsx";
import { FormActions } from "../components/FormActions.tsx";
import { FormSection } from "../components/FormSection.tsx";
import { useT } from "../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, looksLikeEmail, serverFieldErrors, text } from "../lib/form.ts";
import { useInvite } from "../lib/members.ts";
import { ROLES, type Role } from "../lib/types.ts";

/** Invites someone by e-mail; the chosen role's description is shown under the select. */
export function InviteForm({ onStatus }: { onStatus: (message: string) => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const invite = useInvite();
  const [role, setRole] = useState<Role>("viewer");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(invite.error), ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = text(new FormData(event.currentTarget), "email");
    setClientErrors(looksLikeEmail(email) ? {} : { email: t("field.emailInvalid") });
    if (!looksLikeEmail(email)) return focusFirstInvalid(form.current);
    invite.mutate(
      { email, role },
      {
        onSuccess: () => {
          form.current?.reset();
          setRole("viewer");
          onStatus(t("invitations.sent", { email }));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection title={t("invitations.invite")} focus={false}>
      <ErrorAlert error={invite.error} fields={["email", "role"]} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.email")}
          name="email"
          type="email"
          autoComplete="off"
          required
          error={errors.email}
        />
        <SelectField
          label={t("field.role")}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          hint={t(`role.${role}.description`)}
          error={errors.role}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <FormActions submitLabel={t("invitations.send")} pending={invite.isPending} />
      </form>
    </FormSection>
  );
}
