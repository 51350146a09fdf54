import { useId } from "react";
import { useT } from "../../i18n/use-t.ts";
import {
  type Change,
  type Interval,
  npsChange,
  type ReportFigures,
  satisfactionChange,
} from "../../lib/reports.ts";
import { FigureText, ReliabilityFlag } from "./flags.tsx";
import { useReportFormat } from "./format.ts";

type HeadlineProps = { current: ReportFigures; previous: ReportFigures | undefined; minSample: number };

/** NPS and the satisfaction index of the period, their 95 % intervals and the change against the previous period. */
export function Headline({ current, previous, minSample }: HeadlineProps) {
  const t = useT();
  const headingId = useId();
  const s = current.satisfaction;
  return (
    <section aria-labelledby={headingId} className="dash-section">
      <h2 id={headingId}>{t("dash.headline")}</h2>
      <div className="dash-cards">
        <Card
          figure="nps"
          title={t("dash.nps")}
          value={current.nps}
          interval={current.npsInterval}
          answers={current.answers}
          withheld={current.withheld}
          lowReliability={current.lowReliability}
          previousValue={previous?.nps ?? null}
          change={previous ? npsChange(previous, current) : null}
        />
        <Card
          figure="satisfaction"
          title={t("dash.satisfaction")}
          value={s.index}
          interval={s.interval}
          answers={s.answers}
          withheld={s.withheld}
          lowReliability={s.lowReliability}
          previousValue={previous?.satisfaction.index ?? null}
          change={previous ? satisfactionChange(previous, current) : null}
        />
      </div>
      <p className="hint">
        {t("dash.withheldHint", { min: minSample })} {t("dash.methodNote")}
      </p>
    </section>
  );
}

type CardProps = {
  figure: string;
  title: string;
  value: number | null;
  interval: Interval | null;
  answers: number;
  withheld: boolean;
  lowReliability: boolean;
  previousValue: number | null;
  change: Change | null;
};

function Card(p: CardProps) {
  const t = useT();
  const f = useReportFormat();
  return (
    <div className="dash-card">
      <h3>{p.title}</h3>
      <p className="dash-big" data-figure={p.figure}>
        <FigureText value={p.value} format={f.index} />
      </p>
      {p.interval && <p>{t("dash.interval", f.interval(p.interval))}</p>}
      <p>
        {t("dash.answers", { count: p.answers })}{" "}
        <ReliabilityFlag withheld={p.withheld} lowReliability={p.lowReliability} answers={p.answers} />
      </p>
      {p.change && p.previousValue !== null ? (
        <p data-change={p.figure}>
          {t("dash.change", { diff: f.diff(p.change.diff), previous: f.index(p.previousValue) })}{" "}
          <strong>{t(p.change.significant ? "dash.significant" : "dash.notSignificant")}</strong>
        </p>
      ) : (
        p.value !== null && <p>{t("dash.noComparison")}</p>
      )}
    </div>
  );
}
