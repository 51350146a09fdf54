import { useId } from "react";
import { DataTable } from "../../components/DataTable.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { GroupFigures, KpiBlock, KpiFigures, KpiShare } from "../../lib/group.ts";
import { useReportFormat } from "../dashboard/format.ts";

type Row = { key: string; name: string; kpi: KpiBlock };

/** A KPI share as text: value, target and whether it was met in words, and the 95 % range. */
function ShareCell({ share }: { share: KpiShare }) {
  const t = useT();
  const f = useReportFormat();
  if (!share) return <>{t("group.kpi.noData")}</>;
  return (
    <>
      {f.pct(share.value)} <span className="muted">{t("kpi.target", { target: f.pct(share.target) })}</span>{" "}
      <strong>{share.meetsTarget ? t("kpi.met") : t("kpi.notMet")}</strong>
      {share.interval && (
        <span className="muted">
          {" "}
          {t("group.pctRange", { low: f.pct(share.interval.low), high: f.pct(share.interval.high) })}
        </span>
      )}
    </>
  );
}

/** The KPI columns shared by the agencies' table and the months' table. */
function useKpiColumns<T>(figures: (row: T) => KpiFigures | null) {
  const t = useT();
  const f = useReportFormat();
  const noData = t("group.kpi.noData");
  const contacts = (r: T) => figures(r)?.contacts ?? null;
  return [
    {
      header: t("kpi.col.offered"),
      numeric: true,
      cell: (r: T) => {
        const c = contacts(r);
        return c ? f.count(c.offered) : noData;
      },
    },
    {
      header: t("group.col.answered"),
      numeric: true,
      cell: (r: T) => {
        const c = contacts(r);
        return c ? f.count(c.answered) : noData;
      },
    },
    {
      header: t("group.col.serviceLevel"),
      cell: (r: T) => <ShareCell share={contacts(r)?.serviceLevel ?? null} />,
    },
    {
      header: t("kpi.col.answerRate"),
      cell: (r: T) => <ShareCell share={contacts(r)?.answerRate ?? null} />,
    },
    {
      header: t("kpi.col.fcr"),
      cell: (r: T) => <ShareCell share={contacts(r)?.firstContactResolution ?? null} />,
    },
    {
      header: t("kpi.col.asa"),
      numeric: true,
      cell: (r: T) => {
        const asa = contacts(r)?.averageSpeedOfAnswerSeconds;
        return asa === null || asa === undefined ? noData : t("group.seconds", { seconds: f.count(asa) });
      },
    },
    {
      header: t("group.col.repliesOnTime"),
      cell: (r: T) => {
        const replies = figures(r)?.repliesOnTime;
        if (!replies) return noData;
        return replies.rate ? (
          <ShareCell share={replies.rate} />
        ) : (
          t("group.kpi.noneDue", { count: replies.pending })
        );
      },
    },
  ];
}

/** Each agency's service KPIs and the pooled ones, and (split by month) the months of the pool and each agency. */
export function GroupKpiSection({ data }: { data: GroupFigures }) {
  const t = useT();
  const f = useReportFormat();
  const headingId = useId();
  const monthsId = useId();
  const columns = useKpiColumns<Row>((r) => r.kpi?.total ?? null);
  const pooled = data.pooled.kpi;
  const months = pooled?.groups ?? [];
  type MonthRow = { key: string; figures: KpiFigures };
  const monthColumns = useKpiColumns<MonthRow>((r) => r.figures);
  if (!pooled)
    return (
      <>
        <h3 id={headingId}>{t("group.kpi.title", { kind: t(`kpi.kind.${data.meta.contactKind}`) })}</h3>
        <p>{t("group.kpi.filtered")}</p>
      </>
    );
  const rows: Row[] = [
    ...data.agencies.map((a) => ({ key: a.agency.id, name: a.agency.name, kpi: a.kpi })),
    { key: "pooled", name: t("group.pooled", { count: data.agencies.length }), kpi: pooled },
  ];
  const threshold = (k: KpiBlock) =>
    k?.serviceLevelSeconds ? t("group.seconds", { seconds: f.count(k.serviceLevelSeconds) }) : "";
  return (
    <>
      <h3 id={headingId}>{t("group.kpi.title", { kind: t(`kpi.kind.${data.meta.contactKind}`) })}</h3>
      <p className="hint">{t("group.kpi.help")}</p>
      <DataTable
        labelledBy={headingId}
        rows={rows}
        rowKey={(r) => r.key}
        empty={t("dash.empty")}
        columns={[
          { header: t("group.col.agency"), cell: (r) => r.name },
          ...columns,
          { header: t("group.col.threshold"), numeric: true, cell: (r) => threshold(r.kpi) },
        ]}
      />
      {data.meta.groupBy === "month" && months.length > 0 && (
        <>
          <h3 id={monthsId}>{t("group.kpi.monthsTitle")}</h3>
          <DataTable
            labelledBy={monthsId}
            rows={months.map((g) => ({ key: g.key ?? "", figures: g }))}
            rowKey={(r) => r.key}
            empty={t("dash.empty")}
            columns={[
              { header: t("group.split.month"), cell: (r) => f.month(r.key) },
              ...monthColumns,
              ...data.agencies.map((a) => ({
                header: t("group.col.serviceLevelOf", { name: a.agency.name }),
                cell: (r: MonthRow) => (
                  <ShareCell
                    share={a.kpi?.groups.find((g) => g.key === r.key)?.contacts?.serviceLevel ?? null}
                  />
                ),
              })),
            ]}
          />
        </>
      )}
    </>
  );
}
