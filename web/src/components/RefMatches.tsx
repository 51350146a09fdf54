import { useId } from "react";
import { useT } from "../i18n/use-t.ts";
import type { RefMatch } from "../lib/types.ts";
import { DataTable } from "./DataTable.tsx";

/** What each service, department, employee and channel value of an uploaded file matched (id, code or name). */
export function RefMatches({ matches }: { matches: RefMatch[] }) {
  const t = useT();
  const id = useId();
  if (matches.length === 0) return null;
  return (
    <>
      <h3 id={id}>{t("matches.title")}</h3>
      <p>{t("matches.intro")}</p>
      <DataTable
        labelledBy={id}
        rows={matches}
        rowKey={(m) => `${m.kind}:${m.given}`}
        empty=""
        columns={[
          {
            header: t("matches.lines"),
            cell: (m) =>
              m.rows > m.lines.length
                ? t("matches.moreRows", { lines: m.lines.join(", "), rows: m.rows })
                : m.lines.join(", "),
          },
          {
            header: t("matches.match"),
            cell: (m) => (
              <>
                {t("matches.sentence", {
                  kind: t("matches.kind", { kind: m.kind }),
                  given: m.given,
                  name: m.code ? t("matches.withCode", { name: m.name, code: m.code }) : m.name,
                })}
                <span className="block small muted">{t("matches.by", { by: m.by })}</span>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
