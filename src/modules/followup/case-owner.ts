import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { employee, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TFollowUpRule } from "./rule.ts";

export interface TAnswerTags {
  serviceId: string | null;
  departmentId: string | null;
  employeeId: string | null;
}

/**
 * The department whose queue a case joins: the tagged employee's department, else the tagged service's,
 * else the answer's own department tag.
 */
export async function caseDepartment(tx: Db, orgId: string, tags: TAnswerTags): Promise<string | null> {
  if (tags.employeeId) {
    const [e] = await tx
      .select({ departmentId: employee.departmentId })
      .from(employee)
      .where(inOrg(employee, orgId, eq(employee.id, tags.employeeId)));
    if (e?.departmentId) return e.departmentId;
  }
  if (tags.serviceId) {
    const [s] = await tx
      .select({ departmentId: service.departmentId })
      .from(service)
      .where(inOrg(service, orgId, eq(service.id, tags.serviceId)));
    if (s?.departmentId) return s.departmentId;
  }
  return tags.departmentId;
}

/** The owner of a new case: the department's manager, else the organisation's default owner, else nobody. */
export function caseOwner(rule: TFollowUpRule, departmentId: string | null): string | null {
  return (departmentId && rule.departmentManagers[departmentId]) || rule.defaultOwnerId || null;
}
