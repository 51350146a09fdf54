import { useId } from "react";
import { useT } from "../../i18n/use-t.ts";
import type { KpiFigure, KpiRow } from "../../lib/kpi.ts";

const W = 640;
const H = 220;
const PAD = { left: 52, right: 16, top: 14, bottom: 36 };
const LINE = "#0b57d0"; // 6.6:1 on white
const TARGET = "#b3261e"; // 6.5:1 on white, dashed
const GRID = "#6b6f76";

type TrendChartProps = {
  /** The figure's name, e.g. "Service level (20 s)". */
  title: string;
  rows: KpiRow[];
  figure: (r: KpiRow) => KpiFigure;
  /** "%" for shares (scale 0–100), "min" for the office wait (scale from 0 to the largest value). */
  unit: "%" | "min";
};

/**
 * One KPI over the periods as a line, with its target as a dashed line. The picture is named by its title and
 * described in one sentence; the table above holds the same figures.
 */
export function KpiTrendChart({ title, rows, figure, unit }: TrendChartProps) {
  const t = useT();
  const id = useId();
  const points = rows.flatMap((r) => {
    const f = figure(r);
    return f ? [{ period: r.period, ...f }] : [];
  });
  if (points.length === 0) return null;
  const target = points[points.length - 1].target;
  const top =
    unit === "%"
      ? 100
      : Math.max(1, Math.ceil((Math.max(target, ...points.map((p) => p.value)) * 1.1) / 5) * 5);
  const plotW = W - PAD.left - PAD.right;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => PAD.top + ((top - Math.min(v, top)) * (H - PAD.top - PAD.bottom)) / top;
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  const met = points.filter((p) => p.meetsTarget).length;
  const last = points[points.length - 1];
  const fmt = (v: number) => `${v.toFixed(1)}${unit === "%" ? " %" : " min"}`;
  const description = t("kpi.chart.desc", {
    first: points[0].period,
    last: last.period,
    latest: fmt(last.value),
    target: fmt(target),
    met,
    count: points.length,
  });
  // Label every period when few, else about eight of them.
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="dash-figure kpi-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${W} ${H}`}
        className="dash-chart"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, top / 2, top].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={GRID} strokeDasharray="2 4" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#1b1b1f">
              {fmt(v).replace(".0", "")}
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(target)}
          y2={y(target)}
          stroke={TARGET}
          strokeWidth="2"
          strokeDasharray="8 4"
          data-target={target}
        />
        <text x={W - PAD.right} y={y(target) - 5} textAnchor="end" fontSize="12" fill={TARGET}>
          {t("kpi.target", { target })}
        </text>
        <path d={d} fill="none" stroke={LINE} strokeWidth="2" />
        {points.map((p, i) => (
          <circle key={p.period} cx={x(i)} cy={y(p.value)} r="3.5" fill={LINE} />
        ))}
        {points.map((p, i) =>
          i % every === 0 || i === points.length - 1 ? (
            <text
              key={p.period}
              x={x(i)}
              y={H - PAD.bottom + 18}
              textAnchor="middle"
              fontSize="11"
              fill="#1b1b1f"
            >
              {p.period}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="dash-summary">
        <strong>{title}</strong>: {description}
      </figcaption>
    </figure>
  );
}
