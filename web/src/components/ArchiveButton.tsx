import { useT } from "../i18n/use-t.ts";

type ArchiveButtonProps = { name: string; archived: boolean; disabled?: boolean; onClick: () => void };

/** "Archive" for an active item, "Restore" for an archived one; the accessible name includes the item. */
export function ArchiveButton({ name, archived, disabled, onClick }: ArchiveButtonProps) {
  const t = useT();
  const id = archived ? "action.restore" : "action.archive";
  return (
    <button
      type="button"
      disabled={disabled}
      aria-label={t(archived ? "action.restoreNamed" : "action.archiveNamed", { name })}
      onClick={onClick}
    >
      {t(id)}
    </button>
  );
}
