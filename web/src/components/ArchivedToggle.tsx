type ArchivedToggleProps = { label: string; checked: boolean; onChange: (checked: boolean) => void };

/** The "show archived" checkbox above a list. */
export function ArchivedToggle({ label, checked, onChange }: ArchivedToggleProps) {
  return (
    <div className="toolbar">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
    </div>
  );
}
