import type { TColumn } from "../insights/exports/table-export.ts";
import type { TKpiFigures } from "./kpi-figures.ts";
import type { TKpiReport } from "./find-kpis.ts";

/** A row of the KPI table: one period and key, or the total over the range (period and key empty). */
export type TKpiExportRow = {
  row: "period" | "total";
  period: string | null;
  key: string | null;
} & TKpiFigures;

const figure = (
  name: string,
  pick: (r: TKpiExportRow) => { value: number; target: number; meetsTarget: boolean } | null,
): TColumn<TKpiExportRow>[] => [
  { header: name, value: (r) => pick(r)?.value ?? null },
  { header: `${name}Target`, value: (r) => pick(r)?.target ?? null },
  { header: `${name}Met`, value: (r) => (pick(r) ? String(pick(r)?.meetsTarget) : null) },
];

/** The columns: the API's field names, each KPI as value, target and whether it is met. */
export const KPI_EXPORT_COLUMNS: TColumn<TKpiExportRow>[] = [
  { header: "row", value: (r) => r.row },
  { header: "period", value: (r) => r.period },
  { header: "key", value: (r) => r.key },
  { header: "offered", value: (r) => r.offered },
  { header: "answered", value: (r) => r.answered },
  { header: "abandoned", value: (r) => r.abandoned },
  { header: "shortAbandoned", value: (r) => r.shortAbandoned },
  { header: "answeredWithinThreshold", value: (r) => r.answeredWithinThreshold },
  ...figure("serviceLevel", (r) => r.serviceLevel),
  ...figure("answerRate", (r) => r.answerRate),
  ...figure("firstContactResolution", (r) => r.firstContactResolution),
  { header: "fcrMeasured", value: (r) => r.fcrMeasured },
  { header: "averageSpeedOfAnswerSeconds", value: (r) => r.averageSpeedOfAnswerSeconds },
  { header: "averageWaitSeconds", value: (r) => r.averageWaitSeconds },
  { header: "p90WaitSeconds", value: (r) => r.p90WaitSeconds },
  ...figure("officeWaitMinutes", (r) => r.officeWait),
];

/** The report's rows, then its total. */
export async function* kpiExportRows(report: TKpiReport): AsyncGenerator<TKpiExportRow> {
  for (const r of report.rows) yield { ...r, row: "period" };
  if (report.total) yield { ...report.total, row: "total", period: null, key: null };
}
