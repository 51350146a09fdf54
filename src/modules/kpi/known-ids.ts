import { and, sql } from "drizzle-orm";
import { employee, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TKnownIds } from "./check-contact-record.ts";
import type { TContactRecordInput } from "./contracts.ts";
import { kpiQueue } from "./schema.ts";
import type { TTx } from "./settings.ts";

export interface TKnownCatalogue extends TKnownIds {
  employeeDepartments: Map<string, string | null>;
  serviceDepartments: Map<string, string | null>;
}

const inList = (ids: string[]) => sql`= any(${sql.param(ids)}::text[])`;

/** The queues, employees and services (not archived) that the records name, with their departments. */
export async function knownIds(
  tx: TTx,
  orgId: string,
  records: TContactRecordInput[],
): Promise<TKnownCatalogue> {
  const employeeIds = [...new Set(records.flatMap((r) => (r.employeeId ? [r.employeeId] : [])))];
  const serviceIds = [...new Set(records.flatMap((r) => (r.serviceId ? [r.serviceId] : [])))];
  const [queues, employees, services] = await Promise.all([
    tx
      .select({ id: kpiQueue.id })
      .from(kpiQueue)
      .where(inOrg(kpiQueue, orgId, sql`${kpiQueue.archivedAt} is null`)),
    employeeIds.length
      ? tx
          .select({ id: employee.id, departmentId: employee.departmentId })
          .from(employee)
          .where(and(inOrg(employee, orgId, sql`${employee.id} ${inList(employeeIds)}`)))
      : [],
    serviceIds.length
      ? tx
          .select({ id: service.id, departmentId: service.departmentId })
          .from(service)
          .where(inOrg(service, orgId, sql`${service.id} ${inList(serviceIds)}`))
      : [],
  ]);
  return {
    queues: new Set(queues.map((q) => q.id)),
    employees: new Set(employees.map((e) => e.id)),
    services: new Set(services.map((s) => s.id)),
    employeeDepartments: new Map(employees.map((e) => [e.id, e.departmentId])),
    serviceDepartments: new Map(services.map((s) => [s.id, s.departmentId])),
  };
}
