import { useEffect, useId, useRef } from "react";
import { CopyButton } from "../components/CopyButton.tsx";
import { useT } from "../i18n/use-t.ts";
import type { NewApiKey } from "../lib/types.ts";

type NewKeyBoxProps = { apiKey: NewApiKey; onDismiss: () => void };

/** The new key, shown this one time, with a copy button and a warning; takes focus when it appears. */
export function NewKeyBox({ apiKey, onDismiss }: NewKeyBoxProps) {
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
        {t("apiKeys.newTitle", { name: apiKey.name })}
      </h2>
      <p className="warning">
        <strong>{t("apiKeys.newWarning")}</strong>
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t("apiKeys.key")}</label>
        <input
          id={inputId}
          className="key-value"
          readOnly
          value={apiKey.key}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <CopyButton text={apiKey.key} label={t("apiKeys.copy")} />
        <button type="button" onClick={onDismiss}>
          {t("apiKeys.done")}
        </button>
      </div>
    </section>
  );
}
