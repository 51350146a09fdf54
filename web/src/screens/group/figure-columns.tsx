import type { DataColumn } from "../../components/DataTable.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { ReportFigures } from "../../lib/reports.ts";
import { FigureText, ReliabilityFlag } from "../dashboard/flags.tsx";
import { useReportFormat } from "../dashboard/format.ts";

/** The figure columns every ministry table shares: answers, NPS with its interval, satisfaction, response rate. */
export function useFigureColumns<T>(figures: (row: T) => ReportFigures): DataColumn<T>[] {
  const t = useT();
  const f = useReportFormat();
  return [
    { header: t("dash.col.answers"), numeric: true, cell: (r) => f.count(figures(r).answers) },
    {
      header: t("dash.col.nps"),
      numeric: true,
      cell: (r) => <FigureText value={figures(r).nps} format={f.index} />,
    },
    {
      header: t("dash.col.interval"),
      cell: (r) => {
        const i = figures(r).npsInterval;
        return i ? t("dash.range", f.interval(i)) : "";
      },
    },
    {
      header: t("dash.col.satisfaction"),
      numeric: true,
      cell: (r) => <FigureText value={figures(r).satisfaction.index} format={f.index} />,
    },
    {
      header: t("dash.col.rate"),
      numeric: true,
      cell: (r) => {
        const rate = figures(r).responseRate;
        return rate === null ? "" : f.pct(rate);
      },
    },
    {
      header: t("dash.col.note"),
      cell: (r) => {
        const x = figures(r);
        return (
          <ReliabilityFlag withheld={x.withheld} lowReliability={x.lowReliability} answers={x.answers} />
        );
      },
    },
  ];
}
