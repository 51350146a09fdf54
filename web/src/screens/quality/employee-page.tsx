import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactNode, useId } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Page } from "../../components/Page.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useNames } from "../../lib/lookups.ts";
import { useMe } from "../../lib/me.ts";
import {
  defaultQualityBands,
  type EmployeeOverview,
  pct1,
  useEmployeeOverview,
  useQualitySettings,
} from "../../lib/quality.ts";
import "../dashboard/dashboard.css";
import { KpiCards } from "../kpi/kpi-cards.tsx";
import { QaTrendChart } from "./qa-trend-chart.tsx";

const route = getRouteApi("/authed/quality/employees/$employeeId");

/** One employee's page: what clients said and what evaluators found, beside the team median. */
export function EmployeePageScreen() {
  const { employeeId } = route.useParams();
  return <EmployeeOverviewView employeeId={employeeId} />;
}

/** "My page": the employee record linked to the signed-in user. */
export function MyPageScreen() {
  const t = useT();
  const me = useMe().data?.user.id;
  const names = useNames();
  const mine = names.employees.find((e) => e.userId === me && !e.archivedAt);
  if (!mine)
    return (
      <Page title={t("quality.myPage")}>
        <p>{names.employees.length === 0 ? <Loading /> : t("quality.myPage.notLinked")}</p>
      </Page>
    );
  return <EmployeeOverviewView employeeId={mine.id} />;
}

function EmployeeOverviewView({ employeeId }: { employeeId: string }) {
  const t = useT();
  const overview = useEmployeeOverview(employeeId);
  const o = overview.data;
  return (
    <Page title={o ? t("quality.overview.title", { name: o.employee.name }) : t("quality.myPage")}>
      <p className="hint">{t("quality.overview.intro")}</p>
      <ErrorAlert error={overview.error} />
      {overview.isPending && <Loading />}
      {o && <Overview o={o} />}
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const interval = (i: { low: number; high: number } | null, digits = 0) =>
  i ? `${i.low.toFixed(digits)} … ${i.high.toFixed(digits)}` : "";

function Overview({ o }: { o: EmployeeOverview }) {
  const t = useT();
  const names = useNames();
  const bands = useQualitySettings().data?.bands ?? defaultQualityBands;
  const f = o.figures;
  const withheld = <span>{t("quality.overview.withheld", { answers: f.answers })}</span>;
  return (
    <>
      <p>{t("quality.overview.period", { from: o.from, to: o.to })}</p>
      <Section title={t("quality.overview.clients")}>
        <dl className="details">
          <div>
            <dt>{t("quality.overview.nps")}</dt>
            <dd>
              {f.withheld || f.nps === null
                ? withheld
                : t("quality.overview.npsValue", {
                    nps: Math.round(f.nps),
                    interval: interval(f.npsInterval),
                    answers: f.answers,
                  })}
              {f.lowReliability && !f.withheld && ` ${t("quality.overview.lowReliability")}`}
            </dd>
          </div>
          <div>
            <dt>{t("quality.overview.satisfaction")}</dt>
            <dd>
              {f.satisfaction.withheld || f.satisfaction.index === null
                ? t("quality.overview.withheld", { answers: f.satisfaction.answers })
                : t("quality.overview.satisfactionValue", {
                    index: f.satisfaction.index.toFixed(1),
                    interval: interval(f.satisfaction.interval, 1),
                    answers: f.satisfaction.answers,
                  })}
            </dd>
          </div>
          <div>
            <dt>{t("quality.overview.teamNps")}</dt>
            <dd>{o.team.npsMedian === null ? "–" : Math.round(o.team.npsMedian)}</dd>
          </div>
        </dl>
        <p className="hint">{t("quality.overview.withheldHelp")}</p>
      </Section>
      <Section title={t("quality.overview.praise")}>
        {o.praise.length === 0 ? (
          <p>{t("quality.overview.noPraise")}</p>
        ) : (
          <ul>
            {o.praise.map((p) => (
              <li key={`${p.approvedAt}-${p.text.slice(0, 20)}`}>
                <q>{p.text}</q>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t("quality.overview.qa")}>
        <p>
          {t("quality.overview.qaLine", {
            evaluations: o.quality.evaluations,
            average: pct1(o.quality.averagePct),
            team: pct1(o.team.qualityMedianPct),
          })}
        </p>
        <QaTrendChart trend={o.quality.trend} bands={bands} />
      </Section>
      <Section title={t("quality.overview.agreements")}>
        {o.agreements.length === 0 ? (
          <p>{t("quality.agreements.none")}</p>
        ) : (
          <ul>
            {o.agreements.map((a) => (
              <li key={a.id}>
                <Link to="/quality/evaluations/$evaluationId" params={{ evaluationId: a.evaluationId }}>
                  {a.number}. {a.text}
                </Link>{" "}
                —{" "}
                {t("quality.agreementLine", {
                  deadline: a.deadline,
                  state: t(`quality.agreementState.${a.state}`),
                  who: names.employee(a.responsibleEmployeeId) || "–",
                })}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {(o.kpi.calls || o.kpi.writtenReplies.due > 0) && (
        <Section title={t("kpi.cardsTitle")}>
          <KpiCards total={o.kpi.calls} compliance={o.kpi.writtenReplies} />
        </Section>
      )}
      <Section title={t("quality.overview.cases")}>
        {Object.keys(o.cases).length === 0 ? (
          <p>{t("quality.overview.noCases")}</p>
        ) : (
          <ul>
            {Object.entries(o.cases).map(([state, n]) => (
              <li key={state}>
                {t(`caseState.${state as "open"}`)}: {n}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <p className="hint">{t("quality.overview.teamHelp", { employees: o.team.employees })}</p>
    </>
  );
}
