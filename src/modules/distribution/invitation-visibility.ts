import { inArray, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { surveyInvitation } from "../../db/schema.ts";
import { reportScope } from "../insights/report-scope.ts";

/**
 * The extra condition on survey invitations an actor may see, the same slices as answers: the organisation
 * (owner, admin, analyst, API keys), a manager's departments and those below them, an agent's own service
 * contacts. A viewer counts the organisation's invitations in `figures` (aggregates, like reports) but sees
 * no single invitation. Returns undefined for no limit, `sql\`false\`` for nothing.
 */
export async function invitationVisibility(
  db: Db,
  actor: TActor,
  use: "rows" | "figures",
): Promise<SQL | undefined> {
  if (use === "rows" && actor.kind === "user" && actor.role === "viewer") return sql`false`;
  const scope = await reportScope(db, actor);
  if (scope.kind === "organisation") return undefined;
  const ids = scope.kind === "departments" ? scope.departmentIds : scope.employeeIds;
  if (ids.length === 0) return sql`false`;
  const column = scope.kind === "departments" ? surveyInvitation.departmentId : surveyInvitation.employeeId;
  return inArray(column, ids);
}
