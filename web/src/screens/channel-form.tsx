import { type FormEvent, useRef, useState } from "react";
import { CodeField, codeFromForm } from "../components/CodeField.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormActions } from "../components/FormActions.tsx";
import { FormSection } from "../components/FormSection.tsx";
import { NameFields } from "../components/NameFields.tsx";
import { useT } from "../i18n/use-t.ts";
import { ApiError, fieldPath } from "../api.ts";
import { useSave } from "../lib/catalogue.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors } from "../lib/form.ts";
import { NAME_LANGUAGES, namesFromForm } from "../lib/names.ts";
import type { Channel, Names } from "../lib/types.ts";

const FIELDS = ["names.et", "names.en", "names.ru", "code"];

type ChannelFormProps = { channel: Channel | null; onDone: (message?: string) => void };

/** Adds one of the organisation's own channels, or renames one. */
export function ChannelForm({ channel, onDone }: ChannelFormProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const save = useSave<{ names: Names; code?: string | null }>("channels");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // A name another channel has already: said in the user's language, beside each field concerned.
  const duplicate =
    save.error instanceof ApiError
      ? (save.error.problem.errors ?? []).filter((e) => e.code === "duplicate_name")
      : [];
  const errors = {
    ...serverFieldErrors(save.error),
    ...Object.fromEntries(
      duplicate.map((e) => [fieldPath(e.path), t("catalogue.duplicateChannelNameField")]),
    ),
    ...clientErrors,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const names = namesFromForm(data, NAME_LANGUAGES, channel?.names);
    setClientErrors(names.et ? {} : { "names.et": t("field.nameEtRequired") });
    if (!names.et) return focusFirstInvalid(form.current);

    save.mutate(
      { id: channel?.id, body: { names, ...codeFromForm(data, channel) } },
      {
        onSuccess: () => {
          if (!channel) form.current?.reset();
          onDone(t(channel ? "status.updated" : "status.created", { name: names.et }));
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection
      title={channel ? t("channels.edit", { name: channel.names.et ?? "" }) : t("channels.add")}
      focus={!!channel}
    >
      <ErrorAlert
        error={save.error}
        fields={FIELDS}
        message={duplicate.length ? t("catalogue.duplicateChannelName") : undefined}
      />
      <form ref={form} onSubmit={submit} noValidate>
        <NameFields names={channel?.names} errors={errors} />
        <CodeField defaultValue={channel?.code} error={save.error} fieldError={errors.code} />
        <FormActions
          submitLabel={t(channel ? "common.save" : "channels.addSubmit")}
          pending={save.isPending}
          onCancel={channel ? () => onDone() : undefined}
        />
      </form>
    </FormSection>
  );
}
