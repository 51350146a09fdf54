import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useIntl } from "react-intl";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ExportButtons, MonthlyReportLink } from "../../components/ExportButtons.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useCompletedActions } from "../../lib/followup.ts";
import { useCan } from "../../lib/me.ts";
import {
  addDays,
  comparisonPeriod,
  currentPeriod,
  isTwelveMonths,
  summaryQuery,
  useSummary,
} from "../../lib/reports.ts";
import { DashboardFiltersForm } from "./filters.tsx";
import { useReportFormat } from "./format.ts";
import { GroupTable } from "./group-table.tsx";
import { FollowUpCards } from "../followup/follow-up-cards.tsx";
import { DashboardKpiCards } from "../kpi/kpi-cards.tsx";
import { Headline } from "./headline.tsx";
import { ResponseChart } from "./response-chart.tsx";
import { SplitChart } from "./split-chart.tsx";
import { TrendChart } from "./trend-chart.tsx";
import "./dashboard.css";

const route = getRouteApi("/authed/dashboard");

/** NPS and satisfaction at a glance: headline with intervals and change, trend, split, response rate, tables. */
export function DashboardScreen() {
  const t = useT();
  const f = useReportFormat();
  const { locale } = useIntl();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const period = currentPeriod(filters);
  const previous = comparisonPeriod(filters, period);
  const current = useSummary(filters, period, undefined, locale);
  const before = useSummary(filters, previous, undefined, locale);
  const trend = useSummary(filters, period, "month", locale);
  const meta = current.data?.meta;
  // Completed improvement actions are marked on the trend (the period's `to` is exclusive).
  const canSeeActions = useCan("actions:read");
  const actions = useCompletedActions(period.from, addDays(period.to, -1), filters.serviceId, canSeeActions);

  return (
    <Page title={t("dash.title")}>
      <DashboardFiltersForm
        key={JSON.stringify(filters)}
        filters={filters}
        period={period}
        onChange={(search) => navigate({ to: "/dashboard", search, replace: false })}
      />
      <p className="dash-period" aria-live="polite">
        {t(isTwelveMonths(filters) ? "month.dash.compare12m" : "dash.showing", {
          ...f.period(period),
          ...prefixed(f.period(previous)),
        })}
        {meta?.scope === "departments" && ` ${t("dash.scope.departments")}`}
        {meta?.scope === "employees" && ` ${t("dash.scope.employees")}`}
      </p>
      <ErrorAlert error={current.error ?? trend.error} />
      {current.isPending ? (
        <Loading />
      ) : current.data ? (
        <>
          <Headline
            current={current.data.total}
            previous={before.data?.total}
            minSample={current.data.meta.minSample}
          />
          <DashboardKpiCards
            from={period.from}
            to={addDays(period.to, -1)}
            serviceId={filters.serviceId}
            departmentId={filters.departmentId}
            employeeId={filters.employeeId}
          />
          {trend.data ? (
            <TrendChart groups={trend.data.groups} actions={actions.data?.items ?? []} />
          ) : (
            <Loading />
          )}
          <SplitChart figures={current.data.total} labels={current.data.meta.groupLabels} />
          <ResponseChart figures={current.data.total} />
        </>
      ) : null}
      <FollowUpCards />
      <section aria-labelledby="dash-downloads" className="dash-section">
        <h2 id="dash-downloads">{t("month.export.title")}</h2>
        <p className="hint">{t("month.export.help")}</p>
        <ExportButtons
          path="summary"
          query={summaryQuery(filters, period, "month", locale)}
          table={t("month.export.byMonth")}
        />
        <MonthlyReportLink />
      </section>
      <h2 className="dash-section">{t("month.dash.tables")}</h2>
      <p className="hint">{t("month.dash.tablesHelp")}</p>
      <GroupTable by="service" filters={filters} period={period} open />
      <GroupTable by="audience" filters={filters} period={period} />
      <GroupTable by="serviceType" filters={filters} period={period} />
      <GroupTable by="channel" filters={filters} period={period} />
      <GroupTable by="department" filters={filters} period={period} />
      <GroupTable by="employee" filters={filters} period={period} />
    </Page>
  );
}

const prefixed = (p: { from: string; to: string }) => ({ prevFrom: p.from, prevTo: p.to });
