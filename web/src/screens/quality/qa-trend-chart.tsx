import { useId } from "react";
import { useT } from "../../i18n/use-t.ts";
import type { EmployeeOverview } from "../../lib/quality.ts";
import { pct1 } from "../../lib/quality.ts";
import { ChartFigure } from "../dashboard/chart-figure.tsx";

const W = 680;
const H = 260;
const PAD = { left: 48, right: 120, top: 16, bottom: 40 };
// Colours with at least 3:1 against white, told apart by their dashes too.
const COLOURS = ["#0b57d0", "#b3261e", "#146c2e", "#7a4d00", "#6b3fa0"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2"];
const GREY = "#6b6f76";

type Trend = EmployeeOverview["quality"]["trend"];

/** The QA total by month, one line per channel, with the band thresholds; its table lists sections and bands. */
export function QaTrendChart({
  trend,
  bands,
}: {
  trend: Trend;
  bands: { veryGoodFrom: number; goodFrom: number };
}) {
  const t = useT();
  const tableId = useId();
  const months = [...new Set(trend.map((r) => r.month))].sort();
  const channels = [...new Set(trend.map((r) => r.channel))].sort();
  const x = (m: string) =>
    PAD.left +
    (months.length <= 1
      ? (W - PAD.left - PAD.right) / 2
      : (months.indexOf(m) * (W - PAD.left - PAD.right)) / (months.length - 1));
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / 100;
  const channelName = (c: string) => t(`quality.channel.${c as "other"}`);
  const latest = trend.filter((r) => r.month === months[months.length - 1]);
  const summary =
    months.length === 0
      ? t("quality.trend.none")
      : t("quality.trend.summary", {
          month: months[months.length - 1],
          list: latest.map((r) => `${channelName(r.channel)} ${pct1(r.averagePct)}`).join(", "),
        });
  const svg = (
    <>
      {[0, bands.goodFrom, bands.veryGoodFrom, 100].map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={GREY} strokeDasharray="2 4" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#1b1b1f">
            {v} %
          </text>
        </g>
      ))}
      {months.map((m) => (
        <text key={m} x={x(m)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="12" fill="#1b1b1f">
          {m}
        </text>
      ))}
      {channels.map((c, i) => {
        const points = months.flatMap((m) => {
          const r = trend.find((p) => p.month === m && p.channel === c);
          return r ? [[x(m), y(r.averagePct)] as const] : [];
        });
        const d = points.map(([px, py], k) => `${k ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
        const colour = COLOURS[i % COLOURS.length];
        const last = points[points.length - 1];
        return (
          <g key={c}>
            <path
              d={d}
              fill="none"
              stroke={colour}
              strokeWidth="2"
              strokeDasharray={DASHES[i % DASHES.length]}
            />
            {points.map(([px, py]) => (
              <circle key={`${px}-${py}`} cx={px} cy={py} r="3.5" fill={colour} />
            ))}
            {last && (
              <text x={W - PAD.right + 8} y={last[1] + 4} fontSize="12" fill={colour}>
                {channelName(c)}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
  const table = (
    <table aria-labelledby={tableId}>
      <caption id={tableId}>{t("quality.trend.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("quality.month")}</th>
          <th scope="col">{t("quality.channel")}</th>
          <th scope="col">{t("quality.trend.evaluations")}</th>
          <th scope="col">{t("quality.total")}</th>
          <th scope="col">{t("quality.trend.sections")}</th>
        </tr>
      </thead>
      <tbody>
        {trend.map((r) => (
          <tr key={`${r.month}-${r.channel}`}>
            <th scope="row">{r.month}</th>
            <td>{channelName(r.channel)}</td>
            <td>{r.evaluations}</td>
            <td>
              {pct1(r.averagePct)} – {t(`quality.band.${r.band}`)}
            </td>
            <td>{r.sections.map((s) => `${s.title} ${pct1(s.averagePct)}`).join("; ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure
      label={t("quality.trend.title")}
      summary={summary}
      width={W}
      height={H}
      svg={svg}
      table={table}
    />
  );
}
