import { type FormEvent, useId, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextField } from "../../components/Field.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { FormSection } from "../../components/FormSection.tsx";
import { useT } from "../../i18n/use-t.ts";
import { type FieldErrors, focusFirstInvalid, serverFieldErrors, text } from "../../lib/form.ts";
import { type NewWebhook, useCreateWebhook, WEBHOOK_EVENTS } from "../../lib/webhooks.ts";

/** Registers an HTTPS endpoint for chosen events. */
export function WebhookForm({ onCreated }: { onCreated: (webhook: NewWebhook) => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const eventsError = useId();
  const create = useCreateWebhook();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const url = text(data, "url");
    const events = data.getAll("events").map(String);
    const found: FieldErrors = {};
    if (!url) found.url = t("webhooks.urlRequired");
    else if (!/^https:\/\/[^\s/]+/i.test(url)) found.url = t("webhooks.urlHttps");
    if (events.length === 0) found.events = t("webhooks.eventsRequired");
    setClientErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form.current);
    create.mutate(
      { url, events },
      {
        onSuccess: (w) => {
          form.current?.reset();
          onCreated(w);
        },
        onError: () => focusFirstInvalid(form.current),
      },
    );
  };

  return (
    <FormSection title={t("webhooks.add")} focus={false}>
      <ErrorAlert error={create.error} fields={["url", "events"]} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField
          label={t("webhooks.url")}
          hint={t("webhooks.urlHint")}
          name="url"
          type="url"
          inputMode="url"
          spellCheck={false}
          required
          error={errors.url}
        />
        <fieldset aria-describedby={errors.events ? eventsError : undefined}>
          <legend>{t("webhooks.events")}</legend>
          {WEBHOOK_EVENTS.map((e, i) => (
            <label key={e} className="checkbox">
              <input
                type="checkbox"
                name="events"
                value={e}
                aria-invalid={i === 0 && errors.events ? true : undefined}
              />
              <span>
                <code>{e}</code> – {t(`webhookEvent.${e}`)}
              </span>
            </label>
          ))}
          {errors.events && (
            <p id={eventsError} className="field-error">
              {errors.events}
            </p>
          )}
        </fieldset>
        <FormActions submitLabel={t("webhooks.addSubmit")} pending={create.isPending} />
      </form>
    </FormSection>
  );
}
