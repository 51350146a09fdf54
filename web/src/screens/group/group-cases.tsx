import { useId } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { CaseFigures, GroupFigures } from "../../lib/group.ts";
import { useReportFormat } from "../dashboard/format.ts";

type Row = { key: string; name: string; cases: CaseFigures };

/** Follow-up cases opened in the period per agency and pooled, with the share contacted by the deadline. */
export function GroupCasesSection({ data }: { data: GroupFigures }) {
  const t = useT();
  const f = useReportFormat();
  const headingId = useId();
  const rows: Row[] = [
    ...data.agencies.map((a) => ({ key: a.agency.id, name: a.agency.name, cases: a.cases })),
    {
      key: "pooled",
      name: t("group.pooled", { count: data.pooled.cases.agencies }),
      cases: data.pooled.cases,
    },
  ];
  return (
    <>
      <h3 id={headingId}>{t("group.cases.title")}</h3>
      <p className="hint">{t("group.cases.help")}</p>
      <DataTable
        labelledBy={headingId}
        rows={rows}
        rowKey={(r) => r.key}
        empty={t("dash.empty")}
        columns={[
          { header: t("group.col.agency"), cell: (r) => r.name },
          { header: t("group.col.openedCases"), numeric: true, cell: (r) => f.count(r.cases.opened) },
          { header: t("group.col.openCases"), numeric: true, cell: (r) => f.count(r.cases.open) },
          { header: t("group.col.overdueCases"), numeric: true, cell: (r) => f.count(r.cases.overdue) },
          {
            header: t("group.col.contactedInTime"),
            numeric: true,
            cell: (r) =>
              r.cases.withheld
                ? t("group.cases.withheld", { count: r.cases.dueOrContacted })
                : r.cases.contactedWithinDeadlinePct === null
                  ? ""
                  : f.pct(r.cases.contactedWithinDeadlinePct),
          },
          {
            header: t("dash.col.interval"),
            cell: (r) => {
              const i = r.cases.contactedWithinDeadlineInterval;
              return i ? t("group.pctRange", { low: f.pct(i.low), high: f.pct(i.high) }) : "";
            },
          },
        ]}
      />
    </>
  );
}
