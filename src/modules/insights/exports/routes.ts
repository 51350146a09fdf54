import { z } from "zod";
import { requireAccess } from "../../../auth/access.ts";
import type { AppDeps } from "../../../context.ts";
import { ZCalendarMonth } from "../../../http/strict-input.ts";
import { type Api, problemResponses } from "../../../http/types.ts";
import { UI_LOCALES } from "../../../i18n/locales.ts";
import { checkFilterIds } from "../check-filter-ids.ts";
import { tagIds, ZAnswerFilters } from "../comments/routes.ts";
import { ZSummaryQuery } from "../report-schemas.ts";
import { getSummary } from "../summarize.ts";
import { answerColumns, answerRows } from "./export-responses.ts";
import { summaryColumns, summaryRows } from "./export-summary.ts";
import { monthlyReportData } from "./monthly-report-data.ts";
import { renderMonthlyReportPdf } from "./render-monthly-report.ts";
import { sendTable, type TTableFormat } from "./table-export.ts";

const ZAnswerExportQuery = ZAnswerFilters.extend({
  hasComment: z.stringbool().optional(),
  locale: z.enum(UI_LOCALES).default("et").describe("language of service and channel names"),
});

const FORMATS: TTableFormat[] = ["csv", "xlsx"];
const files = { 200: z.any().describe("the file"), ...problemResponses };

/** Downloads: answers and report tables as CSV or XLSX, and the monthly PDF report. */
export function registerExportRoutes(app: Api, deps: AppDeps): void {
  const tags = ["exports"];
  for (const format of FORMATS) {
    app.get(
      `/exports/responses.${format}`,
      {
        schema: {
          tags,
          summary: `Answers as ${format.toUpperCase()}, with the filters of GET /responses (streamed)`,
          querystring: ZAnswerExportQuery,
          response: files,
        },
      },
      async (request, reply) => {
        const actor = await requireAccess(deps, request, reply, "responses:read");
        const { locale, ...filters } = request.query;
        await checkFilterIds(deps.db, actor.orgId, tagIds(filters));
        return sendTable(reply, format, {
          name: "answers",
          sheet: "Answers",
          columns: answerColumns(actor, locale),
          rows: answerRows(deps.db, actor, filters),
        });
      },
    );
    app.get(
      `/exports/summary.${format}`,
      {
        schema: {
          tags,
          summary: `The table of GET /reports/summary as ${format.toUpperCase()} (same query, same figures)`,
          querystring: ZSummaryQuery,
          response: files,
        },
      },
      async (request, reply) => {
        const actor = await requireAccess(deps, request, reply, "reports:read");
        await checkFilterIds(deps.db, actor.orgId, request.query);
        const summary = await getSummary(deps.db, actor, request.query);
        return sendTable(reply, format, {
          name: "summary",
          sheet: "Summary",
          columns: summaryColumns(summary.meta.groupBy),
          rows: summaryRows(summary),
        });
      },
    );
  }
  app.get(
    "/exports/monthly-report.pdf",
    {
      schema: {
        tags,
        summary:
          "The monthly PDF report: headline figures with change, 12-month trend, split, services, comments",
        querystring: z.object({ month: ZCalendarMonth, lang: z.enum(UI_LOCALES).optional() }),
        response: files,
      },
    },
    async (request, reply) => {
      const actor = await requireAccess(deps, request, reply, "reports:read");
      const locale = request.query.lang ?? "et";
      const data = await monthlyReportData(deps.db, actor, { month: request.query.month, locale });
      const pdf = await renderMonthlyReportPdf(data);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="report-${request.query.month}.pdf"`)
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );
}
