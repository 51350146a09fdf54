import type { ReactNode } from "react";
import { useT } from "../i18n/use-t.ts";

export type Column<T> = { header: string; cell: (item: T) => ReactNode };

type ItemTableProps<T> = {
  /** The id of the heading that names the table. */
  labelledBy: string;
  columns: Column<T>[];
  items: T[];
  /** Buttons for one row; omit for a read-only table. */
  actions?: (item: T) => ReactNode;
  empty: string;
};

/** A list as a table: the first column heads each row, archived rows are marked, actions last. */
export function ItemTable<T extends { id: string; archivedAt?: string | null }>({
  labelledBy,
  columns,
  items,
  actions,
  empty,
}: ItemTableProps<T>) {
  const t = useT();
  const [first, ...rest] = columns;
  return (
    // A scrollable region must be reachable by keyboard (WCAG 2.1.1); a section would add a landmark per table.
    // biome-ignore lint/a11y/useSemanticElements: see above
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">{t("common.actions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns.length + (actions ? 1 : 0)}>{empty}</td>
            </tr>
          )}
          {items.map((item) => (
            <tr key={item.id} className={item.archivedAt ? "archived" : undefined}>
              <th scope="row">
                {first.cell(item)}
                {item.archivedAt && (
                  <>
                    {" "}
                    <span className="badge">{t("common.archived")}</span>
                  </>
                )}
              </th>
              {rest.map((c) => (
                <td key={c.header}>{c.cell(item)}</td>
              ))}
              {actions && <td className="row-actions">{actions(item)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
