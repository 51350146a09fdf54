import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ZCalendarMonth } from "../../../http/strict-input.ts";
import { apiRoutes } from "../../../http/route.ts";
import type { Api } from "../../../http/types.ts";
import { UI_LOCALES } from "../../../i18n/locales.ts";
import { checkFilterIds } from "../check-filter-ids.ts";
import { tagIds, ZAnswerFilters } from "../comments/routes.ts";
import { getGroupLabels } from "../group-labels.ts";
import { ZSummaryQuery } from "../report-schemas.ts";
import { getSummary } from "../summarize.ts";
import { answerColumns, answerRows } from "./export-responses.ts";
import { summaryColumns, summaryRows } from "./export-summary.ts";
import { monthlyReportData } from "./monthly-report-data.ts";
import { renderMonthlyReportPdf } from "./render-monthly-report.ts";
import { sendTable, type TTableFormat } from "./table-export.ts";
import { auditedRows, auditExport, filterDetails } from "../../privacy/audited-rows.ts";

const ZAnswerExportQuery = ZAnswerFilters.extend({
  hasComment: z.stringbool().optional(),
  locale: z.enum(UI_LOCALES).default("et").describe("language of service and channel names"),
});

const FORMATS: TTableFormat[] = ["csv", "xlsx"];
const files = { 200: z.any().describe("the file") };

/** Downloads: answers and report tables as CSV or XLSX, and the monthly PDF report. */
export function registerExportRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["exports"] as const;
  for (const format of FORMATS) {
    const ext = format === "csv" ? "Csv" : "Xlsx";
    route.get(
      `/exports/responses.${format}`,
      {
        access: "responses:read",
        schema: {
          operationId: `exportResponses${ext}`,
          tags,
          summary: `Answers as ${format.toUpperCase()}, with the filters of GET /responses (streamed)`,
          querystring: ZAnswerExportQuery,
          response: files,
        },
      },
      async (request, reply, actor) => {
        const { locale, ...filters } = request.query;
        await checkFilterIds(deps.db, actor.orgId, tagIds(filters));
        return sendTable(reply, format, {
          name: "answers",
          sheet: "Answers",
          columns: answerColumns(
            actor,
            locale,
            (await getGroupLabels(deps.db, actor.orgId)).byLocale[locale],
          ),
          rows: auditedRows(answerRows(deps.db, actor, filters), (rows, complete) =>
            auditExport(deps.db, actor, {
              what: "answers",
              format,
              filters: filterDetails(filters),
              rows,
              complete,
            }),
          ),
        });
      },
    );
    route.get(
      `/exports/summary.${format}`,
      {
        access: "reports:read",
        schema: {
          operationId: `exportSummary${ext}`,
          tags,
          summary: `The table of GET /reports/summary as ${format.toUpperCase()} (same query, same figures)`,
          querystring: ZSummaryQuery,
          response: files,
        },
      },
      async (request, reply, actor) => {
        await checkFilterIds(deps.db, actor.orgId, request.query);
        const summary = await getSummary(deps.db, actor, request.query);
        return sendTable(reply, format, {
          name: "summary",
          sheet: "Summary",
          columns: summaryColumns(summary.meta.groupBy),
          rows: auditedRows(summaryRows(summary), (rows, complete) =>
            auditExport(deps.db, actor, {
              what: "summary",
              format,
              filters: filterDetails(request.query),
              rows,
              complete,
            }),
          ),
        });
      },
    );
  }
  route.get(
    "/exports/monthly-report.pdf",
    {
      access: "reports:read",
      schema: {
        operationId: "exportMonthlyReportPdf",
        tags,
        summary:
          "The monthly PDF report: headline figures with change, 12-month trend, split, services, comments",
        querystring: z.object({ month: ZCalendarMonth, lang: z.enum(UI_LOCALES).optional() }),
        response: files,
      },
    },
    async (request, reply, actor) => {
      const locale = request.query.lang ?? "et";
      const data = await monthlyReportData(deps.db, actor, { month: request.query.month, locale });
      const pdf = await renderMonthlyReportPdf(data);
      await auditExport(deps.db, actor, {
        what: "monthly_report",
        format: "pdf",
        filters: filterDetails(request.query),
        rows: null,
        complete: true,
      });
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="report-${request.query.month}.pdf"`)
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );
}
