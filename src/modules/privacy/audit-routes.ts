import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { apiRoutes } from "../../http/route.ts";
import type { Api } from "../../http/types.ts";
import { sendTable } from "../insights/exports/table-export.ts";
import { ZAuditFilters, ZAuditPage, ZAuditQuery } from "./audit-contracts.ts";
import { AUDIT_CSV_COLUMNS } from "./audit-csv.ts";
import { auditedRows, filterDetails } from "./audited-rows.ts";
import { allAuditEvents, findAuditEvents } from "./find-audit-events.ts";
import { recordAudit } from "./record-audit.ts";

/** The audit log: read in pages or downloaded as CSV, by owners and auditors; nothing here changes it. */
export function registerAuditRoutes(app: Api, deps: AppDeps): void {
  const route = apiRoutes(app, deps);
  const tags = ["privacy"] as const;
  route.get(
    "/audit-events",
    {
      access: "audit:read",
      schema: {
        tags,
        operationId: "findAuditEvents",
        summary: "The organisation's audit log, newest first, filtered by action, actor and period",
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    async (request, _reply, actor) => findAuditEvents(deps.db, actor.orgId, request.query),
  );
  route.get(
    "/audit-events.csv",
    {
      access: "audit:read",
      schema: {
        tags,
        operationId: "exportAuditEventsCsv",
        summary: "The audit log with the same filters as CSV (streamed); the download itself is logged",
        querystring: ZAuditFilters,
        response: { 200: z.any().describe("the file") },
      },
    },
    async (request, reply, actor) => {
      const rows = auditedRows(allAuditEvents(deps.db, actor.orgId, request.query), (count, complete) =>
        recordAudit(deps.db, {
          orgId: actor.orgId,
          actor,
          action: "audit.export",
          details: { format: "csv", filters: filterDetails(request.query), rows: count, complete },
        }),
      );
      return sendTable(reply, "csv", {
        name: "audit-log",
        sheet: "Audit log",
        columns: AUDIT_CSV_COLUMNS,
        rows,
      });
    },
  );
}
