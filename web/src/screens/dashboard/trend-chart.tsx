import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { useT } from "../../i18n/use-t.ts";
import type { ImprovementAction } from "../../lib/followup.ts";
import type { ReportGroup } from "../../lib/reports.ts";
import { ChartFigure } from "./chart-figure.tsx";
import { FigureText, ReliabilityFlag } from "./flags.tsx";
import { useReportFormat } from "./format.ts";

const W = 680;
const H = 280;
const PAD = { left: 48, right: 56, top: 24, bottom: 48 };
// Graphics colours on white: accent line 6.4:1, interval and axis grey 5:1 (≥ 3:1 for graphics).
const LINE = "#0b57d0";
const GREY = "#6b6f76";
const TEXT = "#1b1b1f";
// Completed improvement actions: a dark orange (5.9:1 on white), dashed, so it never reads as the NPS line.
const ACTION = "#a14a00";

/** The first day (YYYY-MM-DD) of a month group. */
const monthOf = (g: ReportGroup) => g.keys[0]?.id ?? g.keys[0]?.label ?? "";

/**
 * Monthly NPS as a line with its 95 % intervals; withheld months leave a gap, never a zero. Months in which
 * an improvement action was completed carry a marker; the table, the summary and a list name the actions.
 */
export function TrendChart({
  groups,
  actions = [],
}: {
  groups: ReportGroup[];
  actions?: ImprovementAction[];
}) {
  const t = useT();
  const f = useReportFormat();
  const headingId = useId();
  const months = [...groups].sort((a, b) => monthOf(a).localeCompare(monthOf(b)));
  const done = actions
    .filter((a) => a.completedOn)
    .sort((a, b) => (a.completedOn ?? "").localeCompare(b.completedOn ?? ""));
  /** The actions completed in a month group. */
  const actionsIn = (g: ReportGroup) =>
    done.filter((a) => a.completedOn?.slice(0, 7) === monthOf(g).slice(0, 7));
  const shown = months.filter((g) => g.nps !== null);

  const lows = shown.map((g) => g.npsInterval?.low ?? g.nps ?? 0);
  const highs = shown.map((g) => g.npsInterval?.high ?? g.nps ?? 0);
  const top = Math.min(100, Math.ceil((Math.max(0, ...highs) + 5) / 10) * 10);
  const bottom = Math.max(-100, Math.floor((Math.min(0, ...lows) - 5) / 10) * 10);
  const x = (i: number) =>
    PAD.left +
    (months.length <= 1
      ? (W - PAD.left - PAD.right) / 2
      : (i * (W - PAD.left - PAD.right)) / (months.length - 1));
  const y = (v: number) => PAD.top + ((top - v) * (H - PAD.top - PAD.bottom)) / (top - bottom || 1);
  const step = top - bottom > 100 ? 50 : top - bottom > 40 ? 20 : 10;
  const ticks: number[] = [];
  for (let v = Math.ceil(bottom / step) * step; v <= top; v += step) ticks.push(v);

  // Consecutive shown months are joined; a withheld month breaks the line.
  const segments: string[] = [];
  let path = "";
  months.forEach((g, i) => {
    if (g.nps === null) {
      if (path) segments.push(path);
      path = "";
      return;
    }
    path += `${path ? "L" : "M"}${x(i).toFixed(1)},${y(g.nps).toFixed(1)}`;
  });
  if (path) segments.push(path);

  const first = shown[0];
  const last = shown[shown.length - 1];
  const span = first && last ? months.indexOf(last) - months.indexOf(first) + 1 : 0;
  const summary = !first
    ? t("dash.trend.none")
    : first === last
      ? t("dash.trend.single", { month: f.month(monthOf(first)), last: f.index(first.nps ?? 0) })
      : t(
          (last.nps ?? 0) > (first.nps ?? 0)
            ? "dash.trend.rose"
            : (last.nps ?? 0) < (first.nps ?? 0)
              ? "dash.trend.fell"
              : "dash.trend.same",
          { first: f.index(first.nps ?? 0), last: f.index(last.nps ?? 0), months: span },
        );
  const marked = months.reduce((n, g) => n + actionsIn(g).length, 0);
  const fullSummary = marked ? `${summary} ${t("dash.trend.actions", { count: marked })}` : summary;
  const label =
    months.length > 0
      ? t("dash.trend.label", {
          from: f.month(monthOf(months[0])),
          to: f.month(monthOf(months[months.length - 1])),
        })
      : t("dash.trend.title");

  const svg = (
    <>
      {ticks.map((v) => (
        <g key={v}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(v)}
            y2={y(v)}
            stroke={GREY}
            strokeWidth={v === 0 ? 1.5 : 0.5}
            strokeDasharray={v === 0 ? undefined : "2 4"}
          />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="12" fill={TEXT}>
            {f.index(v)}
          </text>
        </g>
      ))}
      {months.map((g, i) => (
        <text key={monthOf(g)} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="11" fill={TEXT}>
          {f.monthName(monthOf(g))}
          {(i === 0 || monthOf(g).slice(5, 7) === "01") && (
            <tspan x={x(i)} dy="14">
              {monthOf(g).slice(0, 4)}
            </tspan>
          )}
        </text>
      ))}
      {months.map((g, i) =>
        g.npsInterval ? (
          <line
            key={`i${monthOf(g)}`}
            x1={x(i)}
            x2={x(i)}
            y1={y(g.npsInterval.low)}
            y2={y(g.npsInterval.high)}
            stroke={GREY}
            strokeWidth={2}
          />
        ) : null,
      )}
      {months.map((g, i) => {
        const here = actionsIn(g);
        if (!here.length) return null;
        return (
          <g key={`a${monthOf(g)}`}>
            <title>{here.map((a) => a.title).join(", ")}</title>
            <line
              x1={x(i)}
              x2={x(i)}
              y1={PAD.top - 6}
              y2={H - PAD.bottom}
              stroke={ACTION}
              strokeWidth={1.5}
              strokeDasharray="6 3"
            />
            <path
              d={`M${x(i)},${PAD.top - 14}l6,6l-6,6l-6,-6z`}
              fill={ACTION}
              stroke="#fff"
              strokeWidth={1}
            />
          </g>
        );
      })}
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke={LINE} strokeWidth={2.5} />
      ))}
      {months.map((g, i) =>
        g.nps === null ? (
          <text
            key={`w${monthOf(g)}`}
            x={x(i)}
            y={y(bottom) - 4}
            textAnchor="middle"
            fontSize="14"
            fill={GREY}
          >
            –
          </text>
        ) : (
          <g key={`p${monthOf(g)}`}>
            <circle
              cx={x(i)}
              cy={y(g.nps)}
              r={4}
              fill={g.lowReliability ? "#fff" : LINE}
              stroke={LINE}
              strokeWidth={2}
            />
            <text x={x(i) + 6} y={y(g.nps) - 6} fontSize="11" fill={TEXT}>
              {f.index(g.nps)}
            </text>
          </g>
        ),
      )}
    </>
  );

  const table = (
    // biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
      <table aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t("dash.col.month")}</th>
            <th scope="col" className="num">
              {t("dash.col.answers")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.nps")}
            </th>
            <th scope="col">{t("dash.col.interval")}</th>
            <th scope="col" className="num">
              {t("dash.col.satisfaction")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.rate")}
            </th>
            <th scope="col">{t("dash.col.note")}</th>
            <th scope="col">{t("dash.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((g) => (
            <tr key={monthOf(g)}>
              <th scope="row">{f.month(monthOf(g))}</th>
              <td className="num">{f.count(g.answers)}</td>
              <td className="num">
                <FigureText value={g.nps} format={f.index} />
              </td>
              <td>{g.npsInterval ? t("dash.range", f.interval(g.npsInterval)) : ""}</td>
              <td className="num">
                <FigureText value={g.satisfaction.index} format={f.index} />
              </td>
              <td className="num">{g.responseRate === null ? "" : f.pct(g.responseRate)}</td>
              <td>
                <ReliabilityFlag
                  withheld={g.withheld}
                  lowReliability={g.lowReliability}
                  answers={g.answers}
                />
              </td>
              <td>
                {actionsIn(g)
                  .map((a) => a.title)
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <section aria-labelledby={headingId} className="dash-section">
      <h2 id={headingId}>{t("dash.trend.title")}</h2>
      <ChartFigure label={label} summary={fullSummary} width={W} height={H} svg={svg} table={table} />
      <p className="hint">
        {t("dash.trend.legend")}
        {marked > 0 && ` ${t("dash.trend.actionsLegend")}`}
      </p>
      {marked > 0 && (
        <>
          <p>{t("dash.trend.actionsList")}</p>
          <ul className="dash-actions">
            {months.flatMap((g) =>
              actionsIn(g).map((a) => (
                <li key={a.id}>
                  <Link to="/improvement-actions/$actionId" params={{ actionId: a.id }}>
                    {a.title}
                  </Link>{" "}
                  ({f.day(a.completedOn ?? "")})
                </li>
              )),
            )}
          </ul>
        </>
      )}
    </section>
  );
}
