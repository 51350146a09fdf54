import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type ReactNode, useId } from "react";
import { api } from "../../api.ts";
import { useT } from "../../i18n/use-t.ts";
import { type KpiFigure, type KpiReport, type ReplyCompliance, useReplyCompliance } from "../../lib/kpi.ts";
import { useCan } from "../../lib/me.ts";
import "../dashboard/dashboard.css";

/** One KPI: the figure, its target and "met" or "not met" in words. */
function KpiCard({
  title,
  figure,
  unit,
  note,
}: {
  title: string;
  figure: KpiFigure;
  unit: string;
  note?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="dash-card">
      <h3>{title}</h3>
      <p className="dash-big">{figure ? `${figure.value.toFixed(1)}${unit}` : "–"}</p>
      {figure && (
        <p>
          {t("kpi.target", { target: figure.target })}
          {unit}: <strong>{figure.meetsTarget ? t("kpi.met") : t("kpi.notMet")}</strong>
        </p>
      )}
      {note && <p className="hint">{note}</p>}
    </div>
  );
}

type KpiCardsProps = {
  total: KpiReport["total"];
  /** The threshold in the service level's title, when known. */
  serviceLevelSeconds?: number;
  compliance?: ReplyCompliance;
};

/** Service level, answer rate, FCR (or the office wait) and written replies on time, each against its target. */
export function KpiCards({ total, serviceLevelSeconds, compliance }: KpiCardsProps) {
  const t = useT();
  return (
    <div className="dash-cards">
      {total?.officeWait ? (
        <KpiCard title={t("kpi.card.officeWait")} figure={total.officeWait} unit=" min" />
      ) : (
        total && (
          <KpiCard
            title={
              serviceLevelSeconds === undefined
                ? t("kpi.card.serviceLevel")
                : t("kpi.col.serviceLevel", { seconds: serviceLevelSeconds })
            }
            figure={total.serviceLevel}
            unit=" %"
            note={t("kpi.card.contacts", { count: total.offered })}
          />
        )
      )}
      {total && <KpiCard title={t("kpi.col.answerRate")} figure={total.answerRate} unit=" %" />}
      {total && (
        <KpiCard
          title={t("kpi.col.fcr")}
          figure={total.firstContactResolution}
          unit=" %"
          note={t("kpi.card.measured", { count: total.fcrMeasured })}
        />
      )}
      {compliance && compliance.due > 0 && (
        <KpiCard
          title={t("kpi.card.repliesOnTime")}
          figure={compliance.kpi}
          unit=" %"
          note={t("kpi.card.replies", { onTime: compliance.onTime, due: compliance.due })}
        />
      )}
    </div>
  );
}

type DashboardKpiCardsProps = {
  /** The dashboard's period, `to` inclusive. */
  from: string;
  to: string;
  serviceId?: string;
  departmentId?: string;
  employeeId?: string;
};

/** The dashboard's KPI cards beside NPS: shown only to those who may read KPIs, and only when there is KPI data. */
export function DashboardKpiCards(props: DashboardKpiCardsProps) {
  const can = useCan("kpi:read");
  return can ? <DashboardKpiCardsOf {...props} /> : null;
}

function DashboardKpiCardsOf({ from, to, serviceId, departmentId, employeeId }: DashboardKpiCardsProps) {
  const t = useT();
  const headingId = useId();
  const query = new URLSearchParams({ from, to, period: "month", kind: "call" });
  if (serviceId) query.set("serviceId", serviceId);
  if (departmentId) query.set("departmentId", departmentId);
  if (employeeId) query.set("employeeId", employeeId);
  const report = useQuery({
    queryKey: ["kpi", "report", query.toString()],
    queryFn: () => api.get<KpiReport>(`/api/v1/kpi?${query}`),
  });
  const compliance = useReplyCompliance(from, to);
  const total = report.data?.total ?? null;
  const replies = compliance.data && compliance.data.due > 0 ? compliance.data : undefined;
  if (!report.data || (!total && !replies)) return null;
  return (
    <section aria-labelledby={headingId} className="dash-section">
      <h2 id={headingId}>{t("kpi.cardsTitle")}</h2>
      <KpiCards
        total={total}
        serviceLevelSeconds={report.data.meta.settings.serviceLevelSeconds}
        compliance={replies}
      />
      <p>
        <Link to="/kpi">{t("kpi.cardsLink")}</Link>
      </p>
    </section>
  );
}
