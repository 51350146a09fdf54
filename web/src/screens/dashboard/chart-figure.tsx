import type { ReactNode } from "react";
import { useT } from "../../i18n/use-t.ts";

type ChartFigureProps = {
  /** The accessible name of the picture (what it shows). */
  label: string;
  /** One sentence saying what the chart says. */
  summary: string;
  width: number;
  height: number;
  svg: ReactNode;
  /** The same figures as a table. */
  table: ReactNode;
};

/** A chart: an SVG picture with a name, a one-sentence summary beside it and its data as a table. */
export function ChartFigure({ label, summary, width, height, svg, table }: ChartFigureProps) {
  const t = useT();
  return (
    <figure className="dash-figure">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        className="dash-chart"
        preserveAspectRatio="xMinYMin meet"
      >
        {svg}
      </svg>
      <figcaption className="dash-summary">{summary}</figcaption>
      <details className="dash-data">
        <summary>{t("dash.asTable")}</summary>
        {table}
      </details>
    </figure>
  );
}
