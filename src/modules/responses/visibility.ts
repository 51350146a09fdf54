import { eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { department, employee, response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";

/** Roles that read every answer of the organisation. */
const READ_ALL = new Set(["owner", "admin", "analyst"]);

/**
 * The extra condition on answers an actor may read: everything (owner, admin, analyst, API keys),
 * answers of the manager's department and its sub-departments, or an agent's own answers.
 * Returns `sql\`false\`` when the actor has no employee record to scope by.
 */
export async function answerVisibility(db: Db, actor: TActor): Promise<SQL | undefined> {
  if (actor.kind === "apiKey" || READ_ALL.has(actor.role)) return undefined;
  const own = await db
    .select({ id: employee.id, departmentId: employee.departmentId })
    .from(employee)
    .where(inOrg(employee, actor.orgId, eq(employee.userId, actor.userId), isNull(employee.archivedAt)));
  if (own.length === 0) return sql`false`;
  if (actor.role === "agent")
    return inArray(
      response.employeeId,
      own.map((e) => e.id),
    );
  if (actor.role === "manager") {
    const roots = own.map((e) => e.departmentId).filter((d): d is string => Boolean(d));
    if (roots.length === 0) return sql`false`;
    const ids = await departmentSubtree(db, actor.orgId, roots);
    return inArray(response.departmentId, ids);
  }
  return sql`false`;
}

/** The given departments and every department below them. */
export async function departmentSubtree(db: Db, orgId: string, roots: string[]): Promise<string[]> {
  const all = await db
    .select({ id: department.id, parentId: department.parentId })
    .from(department)
    .where(inOrg(department, orgId));
  const result = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of all) {
      if (d.parentId && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return [...result];
}

/** Whether the actor may see respondents' names and e-mail addresses (website answers only carry them). */
export function seesRespondentIdentity(actor: TActor): boolean {
  return actor.kind === "user" && READ_ALL.has(actor.role);
}
