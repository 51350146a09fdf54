import { useId } from "react";
import { useIntl } from "react-intl";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ExportButtons } from "../../components/ExportButtons.tsx";
import { Loading } from "../../components/Loading.tsx";
import type { MessageId } from "../../i18n/messages.ts";
import { useT } from "../../i18n/use-t.ts";
import {
  type DashboardFilters,
  type GroupBy,
  type Period,
  type ReportGroup,
  summaryQuery,
  useSummary,
} from "../../lib/reports.ts";
import { FigureText, ReliabilityFlag } from "./flags.tsx";
import { useReportFormat } from "./format.ts";

type GroupTableProps = {
  by: Extract<GroupBy, "service" | "serviceType" | "channel" | "department" | "employee" | "audience">;
  filters: DashboardFilters;
  period: Period;
  /** Shown open at first (the others open on demand, keeping the page short). */
  open?: boolean;
};

const TITLES: Record<GroupTableProps["by"], MessageId> = {
  service: "dash.by.service",
  serviceType: "dash.by.serviceType",
  channel: "dash.by.channel",
  department: "dash.by.department",
  employee: "dash.by.employee",
  audience: "month.dash.byAudience",
};

/** The period's figures by one dimension (services, channels…), the most answered first. */
export function GroupTable({ by, filters, period, open = false }: GroupTableProps) {
  const t = useT();
  const f = useReportFormat();
  const { locale } = useIntl();
  const headingId = useId();
  const summary = useSummary(filters, period, by, locale);
  const rows = [...(summary.data?.groups ?? [])].sort((a, b) => b.answers - a.answers);
  const labels = summary.data?.meta.groupLabels;
  const name = (g: ReportGroup) => g.keys[0]?.label ?? t("dash.unassigned");

  return (
    <details className="dash-section dash-details" data-table={by} open={open}>
      <summary>
        <h2 id={headingId}>{t(TITLES[by])}</h2>
      </summary>
      <ExportButtons path="summary" query={summaryQuery(filters, period, by, locale)} table={t(TITLES[by])} />
      <ErrorAlert error={summary.error} />
      {summary.isPending ? (
        <Loading />
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={rows}
          rowKey={(g) => g.keys[0]?.id ?? "none"}
          empty={t("dash.empty")}
          columns={[
            { header: t("dash.col.name"), cell: name },
            { header: t("dash.col.answers"), numeric: true, cell: (g) => f.count(g.answers) },
            {
              header: t("dash.col.nps"),
              numeric: true,
              cell: (g) => <FigureText value={g.nps} format={f.index} />,
            },
            {
              header: t("dash.col.interval"),
              cell: (g) => (g.npsInterval ? t("dash.range", f.interval(g.npsInterval)) : ""),
            },
            {
              header: t("dash.col.satisfaction"),
              numeric: true,
              cell: (g) => <FigureText value={g.satisfaction.index} format={f.index} />,
            },
            {
              header: t("dash.col.groupShare", { group: labels?.promoter ?? t("group.promoter") }),
              numeric: true,
              cell: (g) => <FigureText value={g.promoterPct} format={f.pct} />,
            },
            {
              header: t("dash.col.groupShare", { group: labels?.detractor ?? t("group.detractor") }),
              numeric: true,
              cell: (g) => <FigureText value={g.detractorPct} format={f.pct} />,
            },
            {
              header: t("dash.col.rate"),
              numeric: true,
              cell: (g) => (g.responseRate === null ? "" : f.pct(g.responseRate)),
            },
            {
              header: t("dash.col.note"),
              cell: (g) => (
                <ReliabilityFlag
                  withheld={g.withheld}
                  lowReliability={g.lowReliability}
                  answers={g.answers}
                />
              ),
            },
          ]}
        />
      )}
    </details>
  );
}
