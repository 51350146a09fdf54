import type { ReactNode } from "react";

export type Figure = { label: string; value: ReactNode };

/** A few labelled numbers side by side (a description list, so each number keeps its label). */
export function Figures({ items }: { items: Figure[] }) {
  return (
    <dl className="figures">
      {items.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
