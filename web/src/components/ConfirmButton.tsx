import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/use-t.ts";

type ConfirmButtonProps = {
  /** The visible label of the first button, e.g. "Revoke". */
  label: string;
  /** Its accessible name, containing the label and naming the item, e.g. "Revoke: CRM key". */
  accessibleName: string;
  /** The question shown before the action, e.g. "Revoke this key? This cannot be undone." */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
};

/** A destructive action that asks for confirmation inline (no browser dialog), keeping focus in place. */
export function ConfirmButton({
  label,
  accessibleName,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: ConfirmButtonProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className="danger-outline"
        aria-label={accessibleName}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span>{question}</span>{" "}
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        onClick={() => {
          wasAsking.current = false;
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{" "}
      <button type="button" onClick={() => setAsking(false)}>
        {t("common.no")}
      </button>
    </span>
  );
}
