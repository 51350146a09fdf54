import { useEffect, useId, useRef } from "react";
import { CopyButton } from "../../components/CopyButton.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { NewWebhook } from "../../lib/webhooks.ts";

type NewSecretBoxProps = { webhook: NewWebhook; onDismiss: () => void };

/** The new endpoint's signing secret, shown this one time, with how to check signatures; takes focus. */
export function NewSecretBox({ webhook, onDismiss }: NewSecretBoxProps) {
  const t = useT();
  const headingId = useId();
  const inputId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="new-key" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t("webhooks.newTitle")}
      </h2>
      <p>
        <code className="break">{webhook.url}</code>
      </p>
      <p className="warning">
        <strong>{t("webhooks.newWarning")}</strong>
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t("webhooks.secret")}</label>
        <input
          id={inputId}
          className="key-value"
          readOnly
          value={webhook.secret}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <p className="small">{t("webhooks.signatureHelp")}</p>
      <pre className="mail-text small">
        {'Kaja-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>'}
      </pre>
      <div className="actions">
        <CopyButton text={webhook.secret} label={t("webhooks.copySecret")} />
        <button type="button" onClick={onDismiss}>
          {t("apiKeys.done")}
        </button>
      </div>
    </section>
  );
}
