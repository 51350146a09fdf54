import type { TFigures, TGroupBy, TSummary, TSummaryGroup } from "../report-types.ts";
import type { TColumn } from "./table-export.ts";

/** A row of the summary table: a group, or the total (keys empty). */
export type TSummaryRow = { row: "group" | "total"; keys: TSummaryGroup["keys"]; figures: TFigures };

/**
 * The columns of a summary table: each grouping's label and id, then every figure of the API under the same name
 * (interval bounds as …Low/…High). Withheld figures stay empty cells, never 0.
 */
export function summaryColumns(groupBy: TGroupBy[]): TColumn<TSummaryRow>[] {
  const keyColumns = groupBy.flatMap((dimension, i): TColumn<TSummaryRow>[] => [
    { header: dimension, value: (r) => r.keys[i]?.label ?? null },
    { header: `${dimension}Id`, value: (r) => r.keys[i]?.id ?? null },
  ]);
  const f =
    (pick: (x: TFigures) => number | boolean | null): TColumn<TSummaryRow>["value"] =>
    (r) => {
      const v = pick(r.figures);
      return typeof v === "boolean" ? String(v) : v;
    };
  return [
    { header: "row", value: (r) => r.row },
    ...keyColumns,
    { header: "answers", value: f((x) => x.answers) },
    { header: "withheld", value: f((x) => x.withheld) },
    { header: "lowReliability", value: f((x) => x.lowReliability) },
    { header: "promoters", value: f((x) => x.promoters) },
    { header: "passives", value: f((x) => x.passives) },
    { header: "detractors", value: f((x) => x.detractors) },
    { header: "promoterPct", value: f((x) => x.promoterPct) },
    { header: "passivePct", value: f((x) => x.passivePct) },
    { header: "detractorPct", value: f((x) => x.detractorPct) },
    { header: "nps", value: f((x) => x.nps) },
    { header: "npsLow", value: f((x) => x.npsInterval?.low ?? null) },
    { header: "npsHigh", value: f((x) => x.npsInterval?.high ?? null) },
    { header: "satisfactionAnswers", value: f((x) => x.satisfaction.answers) },
    { header: "satisfactionWithheld", value: f((x) => x.satisfaction.withheld) },
    { header: "satisfactionIndex", value: f((x) => x.satisfaction.index) },
    { header: "satisfactionLow", value: f((x) => x.satisfaction.interval?.low ?? null) },
    { header: "satisfactionHigh", value: f((x) => x.satisfaction.interval?.high ?? null) },
    { header: "invitationsSent", value: f((x) => x.invitationsSent) },
    { header: "invitationAnswers", value: f((x) => x.invitationAnswers) },
    { header: "responseRate", value: f((x) => x.responseRate) },
  ];
}

/** The groups of a summary, then its total. */
export async function* summaryRows(summary: TSummary): AsyncGenerator<TSummaryRow> {
  for (const g of summary.groups) {
    const { keys, ...figures } = g;
    yield { row: "group", keys, figures };
  }
  yield { row: "total", keys: [], figures: summary.total };
}
