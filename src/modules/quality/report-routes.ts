import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { sendTable, type TTableFormat } from "../insights/exports/table-export.ts";
import { ZMonthQuery, ZQualityReport, ZQueue, ZReportQuery } from "./contracts.ts";
import { fieldError } from "./problems.ts";
import { evaluationQueue } from "./queue.ts";
import { qualityReport, reportRows } from "./report.ts";

type TRow = ReturnType<typeof reportRows>[number];
const COLUMNS = [
  { header: "dimension", value: (r: TRow) => r.dimension },
  { header: "key", value: (r: TRow) => r.key },
  { header: "label", value: (r: TRow) => r.label },
  { header: "evaluations", value: (r: TRow) => r.evaluations },
  { header: "average %", value: (r: TRow) => r.averagePct },
  { header: "very good", value: (r: TRow) => r.veryGood },
  { header: "good", value: (r: TRow) => r.good },
  { header: "modest", value: (r: TRow) => r.modest },
  { header: "failed %", value: (r: TRow) => r.failedPct },
];

async function* each<T>(rows: T[]): AsyncGenerator<T> {
  yield* rows;
}

const checkRange = (q: { from: string; to: string }) => {
  if (q.from > q.to) throw fieldError("querystring.from", { key: "problem.field.afterTo" });
};

/** Quality reports, their CSV / XLSX exports and the evaluators' sampling queue. */
export function registerQualityReportRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["quality"] as const;
  route.get(
    "/quality/reports/summary",
    {
      access: "quality:read",
      schema: {
        tags,
        operationId: "getQualityReport",
        summary:
          "QA by department, channel, month, model section and criterion, over the evaluations the caller sees",
        querystring: ZReportQuery,
        response: { 200: ZQualityReport },
      },
    },
    async (request, _reply, actor) => {
      checkRange(request.query);
      return qualityReport(deps.db, actor, request.query.from, request.query.to);
    },
  );
  for (const format of ["csv", "xlsx"] as TTableFormat[]) {
    route.get(
      `/quality/exports/report.${format}`,
      {
        access: "quality:read",
        schema: {
          tags,
          operationId: `exportQualityReport${format === "csv" ? "Csv" : "Xlsx"}`,
          summary: `The quality report as ${format.toUpperCase()}: one row per department, channel, month, section, criterion`,
          querystring: ZReportQuery,
          response: { 200: z.any().describe("the file") },
        },
      },
      async (request, reply, actor) => {
        checkRange(request.query);
        const report = await qualityReport(deps.db, actor, request.query.from, request.query.to);
        return sendTable(reply, format, {
          name: "quality",
          sheet: "Quality",
          columns: COLUMNS,
          rows: each(reportRows(report)),
        });
      },
    );
  }
  route.get(
    "/quality/queue",
    {
      access: "quality:evaluate",
      schema: {
        tags,
        operationId: "getQualityQueue",
        summary:
          "Contacts proposed for evaluation per employee and model in a month (reproducible sample), with quota progress",
        querystring: ZMonthQuery,
        response: { 200: ZQueue },
      },
    },
    async (request, _reply, actor) => evaluationQueue(deps.db, actor, request.query.month),
  );
}
