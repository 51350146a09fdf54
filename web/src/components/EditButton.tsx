import { useT } from "../i18n/use-t.ts";

/** "Edit" with the item's name in its accessible name. */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const t = useT();
  return (
    <button type="button" aria-label={t("action.editNamed", { name })} onClick={onClick}>
      {t("action.edit")}
    </button>
  );
}
