import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Colours of the answer groups (each ≥ 3:1 against white, and told apart by position and label too). */
export const GROUP_COLOURS = { promoter: "#1a7f37", passive: "#6e7781", detractor: "#cf222e" } as const;

/** Renders an Observable Plot chart to SVG text on the server, in a linkedom document instead of a browser's. */
function plotSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const chart = Plot.plot({ ...options, document: document as unknown as Document });
  return (chart as unknown as { outerHTML: string }).outerHTML;
}

export interface TTrendPoint {
  /** Axis label of the month, in the reader's language. */
  label: string;
  /** Null when the month is withheld or has no answers: the line has a gap there, never a zero. */
  nps: number | null;
  /** The figure written above the point. */
  text: string;
}

/** The NPS of each month as a line on the fixed −100..+100 scale, with the figure above each point. */
export function trendChartSvg(
  points: TTrendPoint[],
  { width = 495, height = 190, font = "body" } = {},
): string {
  const shown = points.filter((p) => p.nps !== null);
  return plotSvg({
    width,
    height,
    marginLeft: 36,
    style: { fontFamily: font, fontSize: "9px", color: "#1b1f24" },
    x: { type: "band", domain: points.map((p) => p.label), label: null, tickSize: 0 },
    y: { domain: [-100, 100], ticks: [-100, -50, 0, 50, 100], grid: true, label: null },
    marks: [
      Plot.ruleY([0], { stroke: "#6e7781" }),
      Plot.lineY(points, { x: "label", y: "nps", stroke: "#0b57a4", strokeWidth: 2 }),
      Plot.dot(shown, { x: "label", y: "nps", fill: "#0b57a4", r: 3 }),
      Plot.text(shown, { x: "label", y: "nps", text: "text", dy: -9, fill: "#1b1f24" }),
    ],
  });
}

export interface TSplitPart {
  group: keyof typeof GROUP_COLOURS;
  pct: number;
  /** Written inside the segment when it is wide enough. */
  text: string;
}

/** One horizontal bar split into promoters, passives and detractors (shares of 100 %). */
export function splitChartSvg(parts: TSplitPart[], { width = 495, height = 46, font = "body" } = {}): string {
  // Same data for bars and labels so both stack alike; narrow segments get an empty label.
  const labelled = parts.map((p) => ({ ...p, text: p.pct >= 9 ? p.text : "" }));
  const order = ["promoter", "passive", "detractor"];
  return plotSvg({
    width,
    height,
    margin: 0,
    marginBottom: 0,
    style: { fontFamily: font, fontSize: "10px" },
    x: { domain: [0, 100], axis: null },
    y: { axis: null },
    color: { domain: order, range: order.map((g) => GROUP_COLOURS[g as keyof typeof GROUP_COLOURS]) },
    marks: [
      Plot.barX(labelled, Plot.stackX({ x: "pct", fill: "group", order, inset: 0.5 })),
      Plot.text(
        labelled,
        Plot.stackX({ x: "pct", z: "group", text: "text", order, fill: "white", fontWeight: "bold" }),
      ),
    ],
  });
}
