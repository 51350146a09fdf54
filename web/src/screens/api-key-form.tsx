import { type FormEvent, useId, useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { TextField } from "../components/Field.tsx";
import { FormActions } from "../components/FormActions.tsx";
import { FormSection } from "../components/FormSection.tsx";
import { useT } from "../i18n/use-t.ts";
import { useCreateApiKey } from "../lib/api-keys.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors, text } from "../lib/form.ts";
import { type NewApiKey, SCOPES } from "../lib/types.ts";

/** Creates an API key with a name and chosen scopes. */
export function ApiKeyForm({ onCreated }: { onCreated: (key: NewApiKey) => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const scopesError = useId();
  const create = useCreateApiKey();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = text(data, "name");
    const scopes = data.getAll("scopes").map(String);
    const found: FieldErrors = {};
    if (!name) found.name = t("field.nameRequired");
    if (scopes.length === 0) found.scopes = t("apiKeys.scopesRequired");
    setClientErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    create.mutate(
      { name, scopes },
      {
        onSuccess: (key) => {
          form.current?.reset();
          onCreated(key);
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection title={t("apiKeys.create")} focus={false}>
      <ErrorAlert error={create.error} fields={["name", "scopes"]} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("field.name")}
          hint={t("apiKeys.nameHint")}
          name="name"
          required
          error={errors.name}
        />
        <fieldset aria-describedby={errors.scopes ? scopesError : undefined}>
          <legend>{t("apiKeys.scopes")}</legend>
          {SCOPES.map((scope, i) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                aria-invalid={i === 0 && errors.scopes ? true : undefined}
                aria-describedby={errors.scopes ? scopesError : undefined}
              />
              <span>
                <code>{scope}</code> – {t(`scope.${scope}`)}
              </span>
            </label>
          ))}
          {errors.scopes && (
            <p id={scopesError} className="field-error">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <FormActions submitLabel={t("apiKeys.createSubmit")} pending={create.isPending} />
      </form>
    </FormSection>
  );
}
