import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { useIntl } from "react-intl";
import { DataTable } from "../../components/DataTable.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  type AgencyFigures,
  type GroupDimension,
  type GroupFigures,
  type GroupFilters,
  useGroupFigures,
} from "../../lib/group.ts";
import type { ReportFigures } from "../../lib/reports.ts";
import { FigureText } from "../dashboard/flags.tsx";
import { useReportFormat } from "../dashboard/format.ts";
import { useFigureColumns } from "./figure-columns.tsx";
import { GroupCasesSection } from "./group-cases.tsx";
import { GroupKpiSection } from "./group-kpis.tsx";

type Row = { kind: "agency"; a: AgencyFigures } | { kind: "pooled"; agencies: number; total: ReportFigures };

/** The linked agencies side by side with the pooled figure, and (when split) one row per month, type or channel. */
export function GroupFiguresSection({ filters }: { filters: GroupFilters }) {
  const t = useT();
  const { locale } = useIntl();
  const headingId = useId();
  const figures = useGroupFigures(filters, locale);
  const data = figures.data;
  const columns = useFigureColumns<Row>((r) => (r.kind === "agency" ? r.a.total : r.total));
  const rows: Row[] = data
    ? [
        ...data.agencies.map((a) => ({ kind: "agency" as const, a })),
        { kind: "pooled" as const, agencies: data.pooled.agencies, total: data.pooled.total },
      ]
    : [];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("group.figures.title")}</h2>
      <p className="hint">{t("group.figures.help")}</p>
      <ErrorAlert error={figures.error} />
      {figures.isPending ? (
        <Loading />
      ) : data && data.agencies.length === 0 ? (
        <p>{t("group.figures.none")}</p>
      ) : (
        <DataTable
          labelledBy={headingId}
          rows={rows}
          rowKey={(r) => (r.kind === "agency" ? r.a.agency.id : "pooled")}
          empty={t("group.figures.none")}
          columns={[
            {
              header: t("group.col.agency"),
              cell: (r) =>
                r.kind === "agency" ? (
                  <Link to="/group/agencies/$agencyId" params={{ agencyId: r.a.agency.id }} search={filters}>
                    {r.a.agency.name}
                  </Link>
                ) : (
                  t("group.pooled", { count: r.agencies })
                ),
            },
            ...columns,
          ]}
        />
      )}
      {data?.meta.groupBy && data.agencies.length > 0 && <SplitTable data={data} by={data.meta.groupBy} />}
      {data && data.agencies.length > 0 && (
        <>
          <GroupCasesSection data={data} />
          <GroupKpiSection data={data} />
        </>
      )}
    </section>
  );
}

/** One row per month, service type or channel kind: each agency's NPS beside the pooled NPS and its interval. */
function SplitTable({ data, by }: { data: GroupFigures; by: GroupDimension }) {
  const t = useT();
  const f = useReportFormat();
  const headingId = useId();
  const label = (key: string | null) => {
    if (key === null) return t("dash.unassigned");
    if (by === "month") return f.month(key);
    if (by === "serviceType") return t(`serviceType.${key}` as "serviceType.training");
    if (key === "own" || key === "none") return t(`group.channel.${key}`);
    return t(`channelKind.${key}` as "channelKind.web");
  };
  const rows = data.pooled.groups;
  return (
    <>
      <h3 id={headingId}>{t(`group.splitTitle.${by}`)}</h3>
      <DataTable
        labelledBy={headingId}
        rows={rows}
        rowKey={(g) => g.key ?? "none"}
        empty={t("dash.empty")}
        columns={[
          { header: t(`group.split.${by}`), cell: (g) => label(g.key) },
          ...data.agencies.map((a) => ({
            header: t("group.col.npsOf", { name: a.agency.name }),
            numeric: true,
            cell: (g: (typeof rows)[number]) => {
              const cell = a.groups.find((x) => x.key === g.key);
              return cell ? <FigureText value={cell.nps} format={f.index} /> : "";
            },
          })),
          {
            header: t("group.col.pooledNps"),
            numeric: true,
            cell: (g) => <FigureText value={g.nps} format={f.index} />,
          },
          {
            header: t("dash.col.interval"),
            cell: (g) => (g.npsInterval ? t("dash.range", f.interval(g.npsInterval)) : ""),
          },
          { header: t("group.col.pooledAnswers"), numeric: true, cell: (g) => f.count(g.answers) },
        ]}
      />
    </>
  );
}
