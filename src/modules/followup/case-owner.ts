import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { employee, member, service } from "../../db/schema.ts";
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

/**
 * The owner of a new case: the manager the rule names for the department, else a member with the manager
 * role whose employee record sits in the department, else the organisation's default owner, else nobody
 * (the case waits in the department's queue).
 */
export async function caseOwner(
  tx: Db,
  orgId: string,
  rule: TFollowUpRule,
  departmentId: string | null,
): Promise<string | null> {
  if (!departmentId) return rule.defaultOwnerId;
  const named = rule.departmentManagers[departmentId];
  if (named) return named;
  const [m] = await tx
    .select({ userId: member.userId })
    .from(employee)
    .innerJoin(member, and(eq(member.userId, employee.userId), eq(member.organizationId, orgId)))
    .where(
      and(
        inOrg(employee, orgId, eq(employee.departmentId, departmentId), isNull(employee.archivedAt)),
        eq(member.role, "manager"),
      ),
    )
    .orderBy(asc(member.createdAt))
    .limit(1);
  return m?.userId ?? rule.defaultOwnerId;
}
