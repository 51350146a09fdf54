import SVGtoPDF from "svg-to-pdfkit";
import { t } from "../../../i18n/account-mail.ts";
import type { TFigures } from "../report-types.ts";
import { formatNumber, formatSigned, monthLabel } from "./format.ts";
import type { TChange, TMonthlyReportData } from "./monthly-report-data.ts";
import { startPdf, type TPdfDoc } from "./pdf-document.ts";
import { forStandardFont, pdfFonts, type TPdfFonts } from "./pdf-fonts.ts";
import type * as ReportCharts from "./report-charts.ts";

/** The chart module, set by renderMonthlyReportPdf before anything draws. */
let charts: typeof ReportCharts;

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const INK = "#1b1f24";
const MUTED = "#4a525a";

type TDoc = TPdfDoc;

interface TWriter {
  doc: TDoc;
  /** Text as the chosen font can draw it. */
  s: (text: string) => string;
  m: (key: string, values?: Record<string, string>) => string;
  locale: string;
}

function ensureRoom(doc: TDoc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(w: TWriter, text: string): void {
  ensureRoom(w.doc, 60);
  w.doc
    .moveDown(0.8)
    .font("bold")
    .fontSize(12)
    .fillColor(INK)
    .text(w.s(text), MARGIN, w.doc.y, { width: WIDTH });
  w.doc.moveDown(0.3);
}

function changeLine(w: TWriter, change: TChange | null): string {
  if (!change) return w.m("report.noComparison");
  return w.m("report.change", {
    diff: formatSigned(w.locale, change.diff),
    significance: w.m(change.significant ? "report.significant" : "report.notSignificant"),
  });
}

/** One headline figure (NPS or satisfaction index) with its interval, base and change, in a column at `x`. */
function headline(
  w: TWriter,
  x: number,
  top: number,
  o: { label: string; value: number | null; interval: { low: number; high: number } | null; answers: number },
  withheld: boolean,
  lowReliability: boolean,
  change: string,
  minSample: number,
): number {
  const width = WIDTH / 2 - 10;
  const { doc, s, m, locale } = w;
  doc.font("bold").fontSize(11).fillColor(INK).text(s(o.label), x, top, { width });
  if (o.answers === 0 || withheld || o.value === null) {
    doc
      .moveDown(0.4)
      .font("body")
      .fontSize(11)
      .text(s(m(o.answers === 0 ? "report.noAnswers" : "report.withheld", { min: String(minSample) })), {
        width,
      });
  } else {
    doc
      .font("bold")
      .fontSize(30)
      .text(s(formatSigned(locale, o.value)), x, doc.y + 4, { width });
    doc.font("body").fontSize(9).fillColor(MUTED);
    if (o.interval)
      doc.text(
        s(
          m("report.interval", {
            low: formatSigned(locale, o.interval.low),
            high: formatSigned(locale, o.interval.high),
          }),
        ),
        { width },
      );
  }
  doc.font("body").fontSize(9).fillColor(MUTED);
  doc.text(s(m("report.answers", { count: formatNumber(locale, o.answers) })), { width });
  if (lowReliability) doc.text(s(m("report.lowReliability")), { width });
  doc.text(s(change), { width });
  return doc.y;
}

function headlines(w: TWriter, d: TMonthlyReportData): void {
  const cur: TFigures = d.current;
  const top = w.doc.y + 6;
  const left = headline(
    w,
    MARGIN,
    top,
    { label: w.m("report.nps"), value: cur.nps, interval: cur.npsInterval, answers: cur.answers },
    cur.withheld,
    cur.lowReliability,
    changeLine(w, d.npsChange),
    d.minSample,
  );
  const sat = cur.satisfaction;
  const right = headline(
    w,
    MARGIN + WIDTH / 2 + 10,
    top,
    { label: w.m("report.satisfaction"), value: sat.index, interval: sat.interval, answers: sat.answers },
    sat.withheld,
    sat.lowReliability,
    changeLine(w, d.satisfactionChange),
    d.minSample,
  );
  w.doc.x = MARGIN;
  w.doc.y = Math.max(left, right);
}

function chart(w: TWriter, svg: string, height: number): void {
  ensureRoom(w.doc, height + 10);
  const y = w.doc.y;
  SVGtoPDF(w.doc, svg, MARGIN, y, {
    assumePt: true,
    fontCallback: (_f: string, bold: boolean) => (bold ? "bold" : "body"),
  });
  w.doc.x = MARGIN;
  w.doc.y = y + height + 6;
}

function trend(w: TWriter, d: TMonthlyReportData): void {
  heading(w, w.m("report.trend"));
  const points = d.trend.map((p) => ({
    label: w.s(monthLabel(w.locale, p.month, "short")),
    nps: p.nps,
    text: p.nps === null ? "" : w.s(formatSigned(w.locale, p.nps)),
  }));
  chart(w, charts.trendChartSvg(points, { width: WIDTH }), 190);
}

function split(w: TWriter, d: TMonthlyReportData): void {
  const c = d.current;
  if (c.withheld || c.promoterPct === null || c.passivePct === null || c.detractorPct === null) return;
  heading(w, w.m("report.split"));
  const parts = [
    { group: "promoter" as const, pct: c.promoterPct },
    { group: "passive" as const, pct: c.passivePct },
    { group: "detractor" as const, pct: c.detractorPct },
  ].map((p) => ({ ...p, text: w.s(`${formatNumber(w.locale, p.pct)} %`) }));
  chart(w, charts.splitChartSvg(parts, { width: WIDTH }), 46);
  let x = MARGIN;
  const y = w.doc.y;
  w.doc.font("body").fontSize(9);
  for (const p of parts) {
    const label = w.s(`${d.groupLabels[p.group]} ${p.text}`);
    w.doc.rect(x, y + 1, 8, 8).fill(charts.GROUP_COLOURS[p.group]);
    w.doc.fillColor(INK).text(label, x + 12, y, { lineBreak: false });
    x += 24 + w.doc.widthOfString(label);
  }
  w.doc.x = MARGIN;
  w.doc.y = y + 16;
}

function serviceTable(
  w: TWriter,
  title: string,
  rows: { name: string; nps: number; answers: number }[],
): void {
  if (!rows.length) return;
  heading(w, title);
  const cols = [WIDTH - 150, 70, 80];
  const row = (cells: string[], font: string) => {
    ensureRoom(w.doc, 16);
    const y = w.doc.y;
    let x = MARGIN;
    w.doc.font(font).fontSize(9.5).fillColor(INK);
    cells.forEach((cell, i) => {
      w.doc.text(w.s(cell), x, y, {
        width: cols[i] - 6,
        align: i === 0 ? "left" : "right",
        lineBreak: i === 0,
      });
      x += cols[i];
    });
    w.doc.x = MARGIN;
    w.doc.y = Math.max(w.doc.y, y + 14);
  };
  row([w.m("report.service"), "NPS", w.m("report.answersColumn")], "bold");
  for (const r of rows)
    row([r.name, formatSigned(w.locale, r.nps), formatNumber(w.locale, r.answers)], "body");
}

function services(w: TWriter, d: TMonthlyReportData): void {
  if (!d.top.length) {
    heading(w, w.m("report.topServices"));
    w.doc
      .font("body")
      .fontSize(10)
      .fillColor(INK)
      .text(w.s(w.m("report.noServices")), { width: WIDTH });
    return;
  }
  serviceTable(w, w.m("report.topServices"), d.top);
  serviceTable(w, w.m("report.bottomServices"), d.bottom);
}

function comments(w: TWriter, d: TMonthlyReportData): void {
  heading(w, w.m("report.comments"));
  if (!d.comments.length) {
    w.doc
      .font("body")
      .fontSize(10)
      .fillColor(INK)
      .text(w.s(w.m("report.noComments")), { width: WIDTH });
    return;
  }
  for (const c of d.comments) {
    ensureRoom(w.doc, 40);
    const label = [w.m("report.score", { score: String(c.score) }), c.praise ? w.m("report.praise") : null];
    w.doc
      .font("bold")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(w.s(label.filter(Boolean).join(" · ")), { width: WIDTH });
    w.doc
      .font("body")
      .fontSize(10)
      .fillColor(INK)
      .text(w.s(`“${c.text}”`), { width: WIDTH });
    w.doc.moveDown(0.5);
  }
}

function quality(w: TWriter, d: TMonthlyReportData): void {
  const q = d.quality;
  if (!q) return;
  w.doc.addPage();
  heading(w, w.m("report.quality.title"));
  const line = (text: string, font = "body") =>
    w.doc.font(font).fontSize(10).fillColor(INK).text(w.s(text), MARGIN, w.doc.y, { width: WIDTH });
  line(
    w.m("report.quality.summary", {
      count: formatNumber(w.locale, q.evaluations),
      average: formatNumber(w.locale, q.averagePct),
    }),
    "bold",
  );
  line(
    w.m("report.quality.bands", {
      veryGood: formatNumber(w.locale, q.bands.very_good),
      good: formatNumber(w.locale, q.bands.good),
      modest: formatNumber(w.locale, q.bands.modest),
    }),
  );
  if (q.departments.length) {
    heading(w, w.m("report.quality.department"));
    for (const dep of q.departments)
      line(
        `${dep.name || "–"}: ${formatNumber(w.locale, dep.averagePct)} % (${formatNumber(w.locale, dep.evaluations)})`,
      );
  }
  if (q.failing.length) {
    heading(w, w.m("report.quality.failing"));
    for (const c of q.failing) line(`${formatNumber(w.locale, c.failedPct)} % · ${c.text}`);
  }
}

function kpis(w: TWriter, d: TMonthlyReportData): void {
  if (!d.kpi) return;
  heading(w, w.m("report.kpi.title"));
  const figures = [
    ["report.kpi.serviceLevel", d.kpi.calls?.serviceLevel],
    ["report.kpi.answerRate", d.kpi.calls?.answerRate],
    ["report.kpi.fcr", d.kpi.calls?.firstContactResolution],
    ["report.kpi.repliesOnTime", d.kpi.repliesOnTime],
  ] as const;
  for (const [name, f] of figures) {
    if (!f) continue;
    ensureRoom(w.doc, 16);
    w.doc
      .font("body")
      .fontSize(10)
      .fillColor(INK)
      .text(
        w.s(
          w.m("report.kpi.line", {
            name: w.m(name),
            value: formatNumber(w.locale, f.value),
            target: formatNumber(w.locale, f.target),
            met: w.m(f.meetsTarget ? "report.kpi.met" : "report.kpi.notMet"),
          }),
        ),
        MARGIN,
        w.doc.y,
        { width: WIDTH },
      );
  }
}

function themes(w: TWriter, d: TMonthlyReportData): void {
  if (!d.themes) return;
  heading(w, w.m("report.themes.title"));
  for (const t of d.themes) {
    ensureRoom(w.doc, 16);
    const nps = t.nps === null ? w.m("report.themes.withheld") : formatNumber(w.locale, t.nps);
    const change =
      t.npsChange === null ? "" : ` (${t.npsChange > 0 ? "+" : ""}${formatNumber(w.locale, t.npsChange)})`;
    w.doc
      .font("body")
      .fontSize(10)
      .fillColor(INK)
      .text(
        w.s(
          w.m("report.themes.line", {
            name: t.name,
            mentions: formatNumber(w.locale, t.mentions),
            nps: `${nps}${change}`,
          }),
        ),
        MARGIN,
        w.doc.y,
        { width: WIDTH },
      );
  }
}

/** Renders the monthly report as a PDF (A4): headline figures, trend and split charts, services, comments, and a quality page when there are evaluations. */
export async function renderMonthlyReportPdf(
  d: TMonthlyReportData,
  { compress = true, fonts = pdfFonts() }: { compress?: boolean; fonts?: TPdfFonts } = {},
): Promise<Buffer> {
  // pdfkit and the charts (Plot, linkedom) are loaded on the first report, not at every process start.
  charts = await import("./report-charts.ts");
  const title = t(d.locale, "report.title");
  const { doc, finish } = await startPdf(
    { compress, lang: d.locale, title: `${title} – ${d.orgName} – ${d.month}`, margin: MARGIN },
    fonts,
  );
  const w: TWriter = {
    doc,
    locale: d.locale,
    s: fonts.unicode ? (x) => x : forStandardFont,
    m: (key, values) => t(d.locale, key, values),
  };
  doc.font("bold").fontSize(18).fillColor(INK).text(w.s(title));
  doc
    .font("body")
    .fontSize(12)
    .fillColor(MUTED)
    .text(w.s(`${d.orgName} · ${monthLabel(d.locale, d.month)}`));
  doc.moveDown(0.6);
  headlines(w, d);
  trend(w, d);
  split(w, d);
  services(w, d);
  comments(w, d);
  themes(w, d);
  kpis(w, d);
  quality(w, d);
  ensureRoom(doc, 40);
  doc
    .moveDown(1)
    .font("body")
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(w.s(w.m("report.method")), MARGIN, doc.y, { width: WIDTH });
  return finish();
}
