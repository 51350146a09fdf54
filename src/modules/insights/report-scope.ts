import { eq, isNull } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { departmentSubtree } from "../responses/visibility.ts";
import type { TReportScope } from "./report-types.ts";

/** Roles whose reports cover the whole organisation (viewers see aggregates, never single answers). */
const WHOLE_ORGANISATION = new Set(["owner", "admin", "analyst", "viewer"]);

/**
 * Which answers the actor's reports count: the organisation (owner, admin, analyst, viewer, API keys), a manager's
 * departments and everything below them, or an agent's own answers. Without an employee record: nothing.
 */
export async function reportScope(db: Db, actor: TActor): Promise<TReportScope> {
  if (actor.kind === "apiKey" || WHOLE_ORGANISATION.has(actor.role)) return { kind: "organisation" };
  const own = await db
    .select({ id: employee.id, departmentId: employee.departmentId })
    .from(employee)
    .where(inOrg(employee, actor.orgId, eq(employee.userId, actor.userId), isNull(employee.archivedAt)));
  if (actor.role === "manager") {
    const roots = own.map((e) => e.departmentId).filter((d): d is string => Boolean(d));
    return {
      kind: "departments",
      departmentIds: roots.length ? await departmentSubtree(db, actor.orgId, roots) : [],
    };
  }
  return { kind: "employees", employeeIds: own.map((e) => e.id) };
}
