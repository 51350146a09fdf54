import { useT } from "../i18n/use-t.ts";

type FormActionsProps = { submitLabel: string; pending: boolean; onCancel?: () => void };

/** Submit and, when editing, cancel. */
export function FormActions({ submitLabel, pending, onCancel }: FormActionsProps) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      )}
    </div>
  );
}
