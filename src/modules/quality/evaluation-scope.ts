import { and, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { departmentSubtree } from "../responses/visibility.ts";
import { qualityEvaluation } from "./schema.ts";

/** Roles that see and evaluate every employee of the organisation. */
const WHOLE_ORGANISATION = new Set(["owner", "admin", "analyst", "quality_specialist"]);

/** The actor's own employee records (a user may be an employee of the organisation). */
export async function ownEmployees(db: Db, actor: TActor) {
  if (actor.kind !== "user") return [];
  return db
    .select({ id: employee.id, departmentId: employee.departmentId })
    .from(employee)
    .where(inOrg(employee, actor.orgId, eq(employee.userId, actor.userId), isNull(employee.archivedAt)));
}

/** The departments a manager leads (their employee record's department and everything below it). */
export async function managedDepartments(db: Db, actor: TActor): Promise<string[]> {
  if (actor.kind !== "user" || actor.role !== "manager") return [];
  const roots = (await ownEmployees(db, actor))
    .map((e) => e.departmentId)
    .filter((d): d is string => Boolean(d));
  return roots.length ? departmentSubtree(db, actor.orgId, roots) : [];
}

/**
 * Which evaluations the actor sees: all (owner, admin, analyst, quality specialist); a manager those of their
 * departments and those they wrote; everyone their own once submitted (never a draft about them).
 */
export async function evaluationScope(db: Db, actor: TActor): Promise<SQL | undefined> {
  if (actor.kind !== "user") return sql`false`;
  if (WHOLE_ORGANISATION.has(actor.role)) return undefined;
  const own = (await ownEmployees(db, actor)).map((e) => e.id);
  const mine = own.length
    ? and(inArray(qualityEvaluation.employeeId, own), ne(qualityEvaluation.state, "draft"))
    : sql`false`;
  if (actor.role !== "manager") return mine;
  const departments = await managedDepartments(db, actor);
  return or(
    mine,
    eq(qualityEvaluation.evaluatorId, actor.userId),
    departments.length ? inArray(qualityEvaluation.departmentId, departments) : sql`false`,
  );
}

/** Whether the actor may evaluate this employee: anyone organisation-wide, a manager within their departments. */
export async function mayEvaluate(
  db: Db,
  actor: TActor,
  target: { id: string; departmentId: string | null },
): Promise<boolean> {
  if (actor.kind !== "user") return false;
  if ((await ownEmployees(db, actor)).some((e) => e.id === target.id)) return false;
  if (WHOLE_ORGANISATION.has(actor.role)) return true;
  if (actor.role !== "manager" || !target.departmentId) return false;
  return (await managedDepartments(db, actor)).includes(target.departmentId);
}
