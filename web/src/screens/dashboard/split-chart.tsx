import { useId } from "react";
import { useT } from "../../i18n/use-t.ts";
import type { ReportFigures, Summary } from "../../lib/reports.ts";
import { ChartFigure } from "./chart-figure.tsx";
import { useReportFormat } from "./format.ts";

const W = 680;
const H = 96;
const BAR = { x: 8, y: 8, w: W - 16, h: 40 };
// On white: green 5.8:1, grey 5:1, red 5.7:1; neighbours are told apart by pattern and a white gap too.
const COLOURS = { promoter: "#146c2e", passive: "#6b6f76", detractor: "#b3261e" };
type Part = "promoter" | "passive" | "detractor";

/** The promoter / passive / detractor split as one stacked bar, named with the organisation's group labels. */
export function SplitChart({
  figures,
  labels,
}: {
  figures: ReportFigures;
  labels: Summary["meta"]["groupLabels"];
}) {
  const t = useT();
  const f = useReportFormat();
  const headingId = useId();
  const patternId = useId();
  const parts: { key: Part; count: number | null; pct: number | null }[] = [
    { key: "promoter", count: figures.promoters, pct: figures.promoterPct },
    { key: "passive", count: figures.passives, pct: figures.passivePct },
    { key: "detractor", count: figures.detractors, pct: figures.detractorPct },
  ];
  const withheld = figures.withheld || figures.promoterPct === null;
  const values = {
    promoter: labels.promoter,
    passive: labels.passive,
    detractor: labels.detractor,
    p: f.pct(figures.promoterPct ?? 0),
    pa: f.pct(figures.passivePct ?? 0),
    d: f.pct(figures.detractorPct ?? 0),
    count: figures.answers,
  };
  const summary = withheld ? t("dash.split.withheld") : t("dash.split.summary", values);

  let offset = BAR.x;
  const svg = withheld ? (
    <rect
      x={BAR.x}
      y={BAR.y}
      width={BAR.w}
      height={BAR.h}
      fill="none"
      stroke={COLOURS.passive}
      strokeDasharray="4 4"
    />
  ) : (
    <>
      <defs>
        <pattern
          id={`${patternId}-p`}
          width="8"
          height="8"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="8" height="8" fill={COLOURS.passive} />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#fff" strokeWidth="2" />
        </pattern>
        <pattern id={`${patternId}-d`} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={COLOURS.detractor} />
          <circle cx="4" cy="4" r="1.5" fill="#fff" />
        </pattern>
      </defs>
      {parts.map((part) => {
        const w = ((part.pct ?? 0) / 100) * BAR.w;
        const x = offset;
        offset += w;
        const fill =
          part.key === "promoter"
            ? COLOURS.promoter
            : `url(#${patternId}-${part.key === "passive" ? "p" : "d"})`;
        return (
          <g key={part.key}>
            <rect x={x} y={BAR.y} width={w} height={BAR.h} fill={fill} stroke="#fff" strokeWidth={2} />
            {w > 90 && (
              <text x={x + 6} y={BAR.y + BAR.h + 20} fontSize="13" fill="#1b1b1f">
                {`${labels[part.key]} ${f.pct(part.pct ?? 0)}`}
              </text>
            )}
          </g>
        );
      })}
    </>
  );

  const table = (
    // biome-ignore lint/a11y/useSemanticElements: a scrollable region must be reachable by keyboard
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
      <table aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t("dash.col.group")}</th>
            <th scope="col" className="num">
              {t("dash.col.answers")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.share")}
            </th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part) => (
            <tr key={part.key}>
              <th scope="row">
                <span className={`dash-swatch dash-swatch-${part.key}`} aria-hidden="true" />{" "}
                {labels[part.key]} ({t(`group.${part.key}.range`)})
              </th>
              <td className="num">{part.count === null ? t("dash.withheld") : f.count(part.count)}</td>
              <td className="num">{part.pct === null ? t("dash.withheld") : f.pct(part.pct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <section aria-labelledby={headingId} className="dash-section">
      <h2 id={headingId}>{t("dash.split.title")}</h2>
      <ChartFigure
        label={withheld ? summary : t("dash.split.label", values)}
        summary={summary}
        width={W}
        height={H}
        svg={svg}
        table={table}
      />
    </section>
  );
}
