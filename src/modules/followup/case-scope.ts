import { eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { employee } from "../../db/schema.ts";
import { departmentSubtree } from "../responses/visibility.ts";
import { getFollowUpRule, managedDepartments } from "./rule.ts";
import { followUpCase } from "./schema.ts";

/** Roles that see every case of the organisation (analysts without contact details). */
const SEE_ALL = new Set(["owner", "admin", "analyst"]);

/**
 * The condition on cases an actor may see: all (owner, admin, analyst), a manager's departments (where
 * the manager's employee record sits, the departments below, and those the rule names them manager of)
 * plus their own cases, or an agent's own cases.
 */
export async function caseScope(db: Db, actor: TActor): Promise<SQL | undefined> {
  if (actor.kind !== "user") return sql`false`;
  if (SEE_ALL.has(actor.role)) return undefined;
  const mine = eq(followUpCase.ownerId, actor.userId);
  if (actor.role !== "manager") return mine;
  const departments = await managerDepartments(db, actor.orgId, actor.userId);
  return departments.length ? or(mine, inArray(followUpCase.departmentId, departments)) : mine;
}

/** The departments whose queue a manager works. */
export async function managerDepartments(db: Db, orgId: string, userId: string): Promise<string[]> {
  const [rule, own] = await Promise.all([
    getFollowUpRule(db, orgId),
    db
      .select({ departmentId: employee.departmentId })
      .from(employee)
      .where(inOrg(employee, orgId, eq(employee.userId, userId), isNull(employee.archivedAt))),
  ]);
  const roots = [
    ...own.map((e) => e.departmentId).filter((d): d is string => Boolean(d)),
    ...managedDepartments(rule, userId),
  ];
  return roots.length ? departmentSubtree(db, orgId, roots) : [];
}

/** Whether the actor may see the respondent's contact details (never analysts or viewers). */
export function seesContact(actor: TActor): boolean {
  return can(actor, "cases:contact");
}
