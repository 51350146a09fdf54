import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { DataTable, type DataColumn } from "../../components/DataTable.tsx";
import { ExportButtons } from "../../components/ExportButtons.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  defaultKpiFilters,
  KPI_GRAINS,
  KPI_KINDS,
  KPI_RANGES,
  KPI_SPLITS,
  kpiDates,
  kpiQuery,
  type KpiFigure,
  type KpiFilters,
  type KpiGrain,
  type KpiKind,
  type KpiRange,
  type KpiRow,
  type KpiSplit,
  useKpiQueues,
  useKpis,
  useReplyCompliance,
} from "../../lib/kpi.ts";
import { useNames } from "../../lib/lookups.ts";
import { useCan } from "../../lib/me.ts";
import { KpiCards } from "./kpi-cards.tsx";
import { KpiTrendChart } from "./kpi-trend-chart.tsx";

/** A percentage beside its target, with "met" or "not met" in words. */
function FigureCell({ figure }: { figure: KpiFigure }) {
  const t = useT();
  if (!figure) return <>–</>;
  return (
    <>
      {figure.value.toFixed(1)} % <span className="muted">{t("kpi.target", { target: figure.target })}</span>{" "}
      <strong>{figure.meetsTarget ? t("kpi.met") : t("kpi.notMet")}</strong>
    </>
  );
}

const seconds = (v: number | null) => (v === null ? "–" : `${Math.round(v)} s`);

/** Contact-centre figures per day, week or month, each beside its target. */
export function KpiScreen() {
  const t = useT();
  const headingId = useId();
  const [filters, setFilters] = useState<KpiFilters>(defaultKpiFilters);
  const report = useKpis(filters);
  const names = useNames();
  const queues = useKpiQueues();
  const canManage = useCan("kpi:manage");
  const { from, to } = kpiDates(filters);
  const compliance = useReplyCompliance(from, to);
  const settings = report.data?.meta.settings;
  const keyName = (key: string | null) => {
    if (!key) return "–";
    const name =
      filters.by === "queue"
        ? queues.data?.items.find((q) => q.id === key)?.name
        : filters.by === "service"
          ? names.service(key)
          : filters.by === "department"
            ? names.department(key)
            : names.employee(key);
    return name || key;
  };
  const columns: DataColumn<KpiRow>[] = [
    { header: t("kpi.col.period"), cell: (r) => r.period },
    ...(filters.by === "none"
      ? []
      : [
          {
            header: t(`kpi.by.${filters.by}`),
            cell: (r: KpiRow) => keyName(r.key),
          },
        ]),
    { header: t("kpi.col.offered"), numeric: true, cell: (r) => r.offered },
    {
      header: t("kpi.col.serviceLevel", { seconds: settings?.serviceLevelSeconds ?? 0 }),
      cell: (r) => <FigureCell figure={r.serviceLevel} />,
    },
    {
      header: t("kpi.col.answerRate"),
      cell: (r) => <FigureCell figure={r.answerRate} />,
    },
    {
      header: t("kpi.col.asa"),
      numeric: true,
      cell: (r) => seconds(r.averageSpeedOfAnswerSeconds),
    },
    {
      header: t("kpi.col.averageWait"),
      numeric: true,
      cell: (r) => seconds(r.averageWaitSeconds),
    },
    {
      header: t("kpi.col.p90Wait"),
      numeric: true,
      cell: (r) => seconds(r.p90WaitSeconds),
    },
    {
      header: t("kpi.col.abandoned"),
      numeric: true,
      cell: (r) => r.abandoned,
    },
    {
      header: t("kpi.col.fcr"),
      cell: (r) => <FigureCell figure={r.firstContactResolution} />,
    },
  ];
  const set = <K extends keyof KpiFilters>(key: K, value: KpiFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  return (
    <Page title={t("kpi.title")}>
      <p>{t("kpi.intro")}</p>
      {canManage && (
        <p>
          <Link to="/kpi/queues">{t("kpi.manageQueues")}</Link>
        </p>
      )}
      <div className="filters">
        <SelectField
          label={t("kpi.range")}
          name="range"
          value={filters.range}
          onChange={(e) => set("range", e.target.value as KpiRange)}
        >
          {KPI_RANGES.map((r) => (
            <option key={r} value={r}>
              {r === "months" ? t("kpi.range.months") : t("kpi.range.days", { days: Number(r) })}
            </option>
          ))}
        </SelectField>
        {filters.range === "months" && (
          <>
            <TextField
              label={t("kpi.fromMonth")}
              name="fromMonth"
              type="month"
              value={filters.fromMonth}
              onChange={(e) => set("fromMonth", e.target.value)}
            />
            <TextField
              label={t("kpi.toMonth")}
              name="toMonth"
              type="month"
              value={filters.toMonth}
              onChange={(e) => set("toMonth", e.target.value)}
            />
          </>
        )}
        <SelectField
          label={t("kpi.grain")}
          name="grain"
          value={filters.grain}
          onChange={(e) => set("grain", e.target.value as KpiGrain)}
        >
          {KPI_GRAINS.map((g) => (
            <option key={g} value={g}>
              {t(`kpi.grain.${g}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("kpi.split")}
          name="by"
          value={filters.by}
          onChange={(e) => set("by", e.target.value as KpiSplit)}
        >
          {KPI_SPLITS.map((s) => (
            <option key={s} value={s}>
              {t(`kpi.by.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("kpi.kind")}
          name="kind"
          value={filters.kind}
          onChange={(e) => set("kind", e.target.value as KpiKind)}
        >
          {KPI_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kpi.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("kpi.by.queue")}
          name="queueId"
          value={filters.queueId}
          onChange={(e) => set("queueId", e.target.value)}
        >
          <option value="">{t("kpi.any")}</option>
          {(queues.data?.items ?? [])
            .filter((q) => q.kind === filters.kind)
            .map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
        </SelectField>
        <SelectField
          label={t("kpi.by.service")}
          name="serviceId"
          value={filters.serviceId}
          onChange={(e) => set("serviceId", e.target.value)}
        >
          <option value="">{t("kpi.any")}</option>
          {names.services.map((s) => (
            <option key={s.id} value={s.id}>
              {names.service(s.id)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("kpi.by.department")}
          name="departmentId"
          value={filters.departmentId}
          onChange={(e) => set("departmentId", e.target.value)}
        >
          <option value="">{t("kpi.any")}</option>
          {names.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("kpi.by.employee")}
          name="employeeId"
          value={filters.employeeId}
          onChange={(e) => set("employeeId", e.target.value)}
        >
          <option value="">{t("kpi.any")}</option>
          {names.employees.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={report.error} />
      {report.isPending && !report.error && <Loading />}
      {report.data && settings && (
        <section aria-labelledby={`${headingId}-total`}>
          <h2 id={`${headingId}-total`}>{t("kpi.totalTitle", { from, to })}</h2>
          {report.data.total || (compliance.data?.due ?? 0) > 0 ? (
            <KpiCards
              total={report.data.total}
              serviceLevelSeconds={settings.serviceLevelSeconds}
              compliance={compliance.data}
            />
          ) : (
            <p>{t("kpi.empty")}</p>
          )}
        </section>
      )}
      {report.data && settings && report.data.rows.length > 0 && (
        <section aria-labelledby={`${headingId}-trend`}>
          <h2 id={`${headingId}-trend`}>{t("kpi.trendTitle")}</h2>
          {filters.by === "none" ? (
            filters.kind === "office_visit" ? (
              <KpiTrendChart
                title={t("kpi.card.officeWait")}
                rows={report.data.rows}
                figure={(r) => r.officeWait}
                unit="min"
              />
            ) : (
              <>
                <KpiTrendChart
                  title={t("kpi.col.serviceLevel", { seconds: settings.serviceLevelSeconds })}
                  rows={report.data.rows}
                  figure={(r) => r.serviceLevel}
                  unit="%"
                />
                <KpiTrendChart
                  title={t("kpi.col.answerRate")}
                  rows={report.data.rows}
                  figure={(r) => r.answerRate}
                  unit="%"
                />
                <KpiTrendChart
                  title={t("kpi.col.fcr")}
                  rows={report.data.rows}
                  figure={(r) => r.firstContactResolution}
                  unit="%"
                />
              </>
            )
          ) : (
            <p className="hint">{t("kpi.trendSplitHint")}</p>
          )}
        </section>
      )}
      {report.data && (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>{t("kpi.tableTitle")}</h2>
          <DataTable
            labelledBy={headingId}
            columns={columns}
            rows={report.data.rows}
            rowKey={(r) => `${r.period}:${r.key ?? ""}`}
            empty={t("kpi.empty")}
          />
          <ExportButtons path="kpi" query={kpiQuery(filters)} table={t("kpi.tableTitle")} />
        </section>
      )}
      {settings && (
        <section aria-labelledby={`${headingId}-help`}>
          <h2 id={`${headingId}-help`}>{t("kpi.help.title")}</h2>
          <dl>
            <dt>{t("kpi.col.serviceLevel", { seconds: settings.serviceLevelSeconds })}</dt>
            <dd>{t("kpi.help.serviceLevel", { seconds: settings.serviceLevelSeconds })}</dd>
            <dt>{t("kpi.col.answerRate")}</dt>
            <dd>{t("kpi.help.answerRate")}</dd>
            <dt>{t("kpi.col.asa")}</dt>
            <dd>{t("kpi.help.asa")}</dd>
            <dt>{t("kpi.col.averageWait")}</dt>
            <dd>{t("kpi.help.averageWait")}</dd>
            <dt>{t("kpi.col.p90Wait")}</dt>
            <dd>{t("kpi.help.p90Wait")}</dd>
            <dt>{t("kpi.col.abandoned")}</dt>
            <dd>{t("kpi.help.abandoned", { seconds: settings.shortAbandonSeconds })}</dd>
            <dt>{t("kpi.col.fcr")}</dt>
            <dd>{t("kpi.help.fcr", { days: settings.fcrWindowDays })}</dd>
          </dl>
        </section>
      )}
    </Page>
  );
}
