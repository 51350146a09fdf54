import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import { streamUploads, withUpload, XLSX_TYPE, ZUploadBody } from "../../http/tabular-file.ts";
import type { Api } from "../../http/types.ts";
import {
  ZContactKind,
  ZContactRecordsRequest,
  ZContactRecordsResponse,
  ZKpiRow,
  ZKpiSettings,
  ZKpiTotal,
  ZQueue,
  ZQueueListItem,
} from "./contracts.ts";
import { fieldProblem } from "../../http/errors.ts";
import { requestLanguage } from "../../http/problem-language.ts";
import { checkFilterIds } from "../insights/check-filter-ids.ts";
import { auditedRows, auditExport, filterDetails } from "../privacy/audited-rows.ts";
import { sendTable, type TTableFormat } from "../insights/exports/table-export.ts";
import { KPI_EXPORT_COLUMNS, kpiExportRows } from "./export-kpis.ts";
import { findKpis, KPI_GROUPS, KPI_PERIODS } from "./find-kpis.ts";
import { deleteQueue, findQueues, listQueues, saveQueue } from "./queues.ts";
import { getKpiSettings, publicSettings } from "./settings.ts";
import { CONTACT_FILE_COLUMNS, MAX_FILE_RECORDS } from "./read-contact-file.ts";
import { takeInContactRecords } from "./take-in-contact-records.ts";
import { MAX_REPORTED, uploadContactRecords } from "./upload-contact-records.ts";
import { updateKpiSettings } from "./update-kpi-settings.ts";
import { registerWrittenRequestRoutes } from "./written-request-routes.ts";

const ZDate = z.iso.date({ message: "must be a date YYYY-MM-DD" });

export const ZKpiQuery = z.strictObject({
  from: ZDate,
  to: ZDate,
  period: z.enum(KPI_PERIODS).default("month"),
  by: z.enum(KPI_GROUPS).default("none"),
  kind: ZContactKind.default("call"),
  queueId: z.string().min(1).max(200).optional(),
  serviceId: z.string().min(1).max(200).optional(),
  departmentId: z.string().min(1).max(200).optional(),
  employeeId: z.string().min(1).max(200).optional(),
});

/** A filter id of another organisation (or none) is a 404 naming the field, not an empty report. */
async function checkKpiFilterIds(db: AppDeps["db"], orgId: string, q: z.infer<typeof ZKpiQuery>) {
  await checkFilterIds(db, orgId, {
    serviceId: q.serviceId,
    departmentId: q.departmentId,
    employeeId: q.employeeId,
  });
  if (q.queueId && !(await findQueues(db, orgId)).some((x) => x.id === q.queueId))
    throw fieldProblem(
      "querystring.queueId",
      { key: "problem.field.noSuchQueue" },
      { code: "NOT_FOUND", detail: { key: "problem.kpi.queueNotFound" } },
    );
}

/** A CSV file is streamed (a million rows take ~120 MB); a workbook is read whole to check its archive. */
export const CSV_FILE_LIMIT = 256 * 1024 * 1024;
export const XLSX_FILE_LIMIT = 50 * 1024 * 1024;

const ZUploadReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(
    z.object({
      line: z.number().int(),
      field: z.string(),
      code: z.string().describe("stable code of the reason, such as unknown_queue or before_arrival"),
      message: z
        .string()
        .describe("the reason in the language asked for with Accept-Language (else English)"),
    }),
  ),
});

const ZKpiResponse = z.object({
  meta: z.object({ source: z.string(), settings: ZKpiSettings }),
  rows: z.array(ZKpiRow),
  /** The whole range over all rows; null when there were no contacts. */
  total: ZKpiTotal.nullable(),
});

/** Contact records, queues, KPI settings and the KPI report. */
export function registerKpiRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["kpi"] as const;
  route.post(
    "/contact-records",
    {
      access: "kpi:write",
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags,
        operationId: "takeInContactRecords",
        summary: "Send up to 10,000 contact records; idempotent on sourceId, all or nothing",
        body: ZContactRecordsRequest,
        response: { 200: ZContactRecordsResponse },
      },
    },
    async (request, _reply, actor) => takeInContactRecords(deps.db, actor.orgId, request.body.records),
  );
  // The file arrives as a stream, in a scope of its own (elsewhere CSV bodies are parsed to text).
  app.register(async (scope) => {
    streamUploads(scope);
    registerUploadRoute(scope.withTypeProvider<ZodTypeProvider>(), deps);
  });
  route.get(
    "/kpi",
    {
      access: "kpi:read",
      schema: {
        tags,
        operationId: "getKpis",
        summary: "Service level, answer rate, ASA, waits, FCR by day, week or month and one dimension",
        querystring: ZKpiQuery,
        response: { 200: ZKpiResponse },
      },
    },
    async (request, _reply, actor) => {
      await checkKpiFilterIds(deps.db, actor.orgId, request.query);
      const report = await findKpis(deps.db, actor.orgId, request.query);
      const settings = publicSettings(await getKpiSettings(deps.db, actor.orgId));
      return { meta: { source: report.source, settings }, rows: report.rows, total: report.total };
    },
  );
  for (const format of ["csv", "xlsx"] as TTableFormat[]) {
    route.get(
      `/exports/kpi.${format}`,
      {
        access: "kpi:read",
        schema: {
          tags,
          operationId: `exportKpis${format === "csv" ? "Csv" : "Xlsx"}`,
          summary: `The table of GET /kpi as ${format.toUpperCase()} (same query, same figures, then the total)`,
          querystring: ZKpiQuery,
          response: { 200: z.any().describe("the file") },
        },
      },
      async (request, reply, actor) => {
        await checkKpiFilterIds(deps.db, actor.orgId, request.query);
        const report = await findKpis(deps.db, actor.orgId, request.query);
        return sendTable(reply, format, {
          name: "kpi",
          sheet: "KPI",
          columns: KPI_EXPORT_COLUMNS,
          rows: auditedRows(kpiExportRows(report), (rows, complete) =>
            auditExport(deps.db, actor, {
              what: "kpi",
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
    "/kpi/queues",
    {
      access: "kpi:read",
      schema: {
        tags,
        operationId: "findKpiQueues",
        summary:
          "Queues of the phone and chat systems and service offices, each with the contacts recorded under it",
        response: { 200: z.object({ items: z.array(ZQueueListItem) }) },
      },
    },
    async (_request, _reply, actor) => ({ items: await listQueues(deps.db, actor.orgId) }),
  );
  route.put(
    "/kpi/queues/:id",
    {
      access: "kpi:manage",
      schema: {
        tags,
        operationId: "saveKpiQueue",
        summary: "Add a queue or office under the source system's id, or rename it",
        params: z.strictObject({ id: z.string().trim().min(1).max(200) }),
        body: ZQueue.omit({ id: true }),
        response: { 200: ZQueue },
      },
    },
    async (request, _reply, actor) =>
      saveQueue(deps.db, actor.orgId, { id: request.params.id, ...request.body }),
  );
  route.delete(
    "/kpi/queues/:id",
    {
      access: "kpi:manage",
      schema: {
        tags,
        operationId: "deleteKpiQueue",
        summary: "Remove a queue or office that has no contact records (one with records is a 409)",
        params: z.strictObject({ id: z.string().trim().min(1).max(200) }),
        response: { 204: z.null().describe("removed") },
      },
    },
    async (request, reply, actor) => {
      await deleteQueue(deps.db, actor.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
  route.get(
    "/kpi/settings",
    {
      access: "kpi:read",
      schema: {
        tags,
        operationId: "getKpiSettings",
        summary: "Service-level threshold, short abandons, FCR window, retention and targets",
        response: { 200: ZKpiSettings },
      },
    },
    async (_request, _reply, actor) => publicSettings(await getKpiSettings(deps.db, actor.orgId)),
  );
  route.put(
    "/kpi/settings",
    {
      access: "kpi:manage",
      schema: {
        tags,
        operationId: "updateKpiSettings",
        summary:
          "Change the KPI settings; a change of threshold, short abandons or FCR window recounts the rollups",
        body: ZKpiSettings,
        response: { 200: ZKpiSettings },
      },
    },
    async (request, _reply, actor) => updateKpiSettings(deps.db, actor.orgId, request.body),
  );
  registerWrittenRequestRoutes(app, deps);
}

/** Contact records from a file, streamed: counts and the bad rows come back. */
function registerUploadRoute(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["kpi"] as const;
  route.post(
    "/contact-records/upload",
    {
      access: "kpi:write",
      schema: {
        tags,
        operationId: "uploadContactRecords",
        summary: `Contact records from a CSV (text/csv) or XLSX file; columns: ${CONTACT_FILE_COLUMNS.join(", ")}. at most ${MAX_FILE_RECORDS} rows. dryRun=true (the default) only reports bad rows (the first ${MAX_REPORTED}, all counted); a real run writes every row or none`,
        querystring: z.strictObject({ dryRun: z.stringbool().default(true) }),
        consumes: ["text/csv", XLSX_TYPE],
        body: ZUploadBody,
        response: { 200: ZUploadReport },
      },
    },
    async (request, _reply, actor) => {
      const limits = { maxBytes: CSV_FILE_LIMIT, maxXlsxBytes: XLSX_FILE_LIMIT };
      return withUpload(request.body, request.headers["content-type"], limits, (upload) =>
        uploadContactRecords(deps.db, actor.orgId, upload, {
          dryRun: request.query.dryRun,
          locale: requestLanguage(request.headers["accept-language"]) ?? "en",
        }),
      );
    },
  );
}
