import type { ReactNode } from "react";

export type DataColumn<T> = { header: string; cell: (row: T) => ReactNode; numeric?: boolean };

type DataTableProps<T> = {
  /** The id of the heading (or caption text) that names the table. */
  labelledBy: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  empty: string;
  /** The first column heads each row (true by default). */
  rowHeaders?: boolean;
};

/** A read-only table in a keyboard-scrollable region. */
export function DataTable<T>({
  labelledBy,
  columns,
  rows,
  rowKey,
  empty,
  rowHeaders = true,
}: DataTableProps<T>) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c, j) =>
                j === 0 && rowHeaders ? (
                  <th key={c.header} scope="row" className={c.numeric ? "num" : undefined}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} className={c.numeric ? "num" : undefined}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
