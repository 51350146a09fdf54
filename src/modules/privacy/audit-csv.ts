import type { TColumn } from "../insights/exports/table-export.ts";
import type { TAuditEvent } from "./audit-contracts.ts";

/** The audit log's CSV columns (the API's field names, details as JSON). */
export const AUDIT_CSV_COLUMNS: TColumn<TAuditEvent>[] = [
  { header: "id", value: (e) => e.id },
  { header: "at", value: (e) => e.at },
  { header: "action", value: (e) => e.action },
  { header: "actorType", value: (e) => e.actorType },
  { header: "actorId", value: (e) => e.actorId },
  { header: "actorName", value: (e) => e.actorName },
  { header: "targetType", value: (e) => e.targetType },
  { header: "targetId", value: (e) => e.targetId },
  { header: "details", value: (e) => JSON.stringify(e.details) },
];
