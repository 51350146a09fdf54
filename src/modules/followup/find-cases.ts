import { asc, eq, inArray, type SQL } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { caseColumns, isOverdue, toCase } from "./case-columns.ts";
import type { TCase, TFindCasesQuery } from "./case-contracts.ts";
import { caseScope, managerDepartments } from "./case-scope.ts";
import { followUpCase } from "./schema.ts";

/** A page of the cases the actor may see, soonest deadline first: all, mine, my departments', overdue. */
export async function findCases(
  db: Db,
  actor: TActor,
  q: TFindCasesQuery,
  now = new Date(),
): Promise<{ items: TCase[] }> {
  const scope = await caseScope(db, actor);
  const userId = actor.kind === "user" ? actor.userId : "";
  let view: SQL | undefined;
  if (q.view === "mine") view = eq(followUpCase.ownerId, userId);
  else if (q.view === "overdue") view = isOverdue(now);
  else if (q.view === "department") {
    const departments = await managerDepartments(db, actor.orgId, userId);
    view = departments.length ? inArray(followUpCase.departmentId, departments) : eq(followUpCase.id, "");
  }
  const rows = await db
    .select(caseColumns)
    .from(followUpCase)
    .innerJoin(response, inOrg(response, followUpCase.orgId, eq(response.id, followUpCase.responseId)))
    .where(
      inOrg(
        followUpCase,
        actor.orgId,
        scope,
        view,
        q.state ? eq(followUpCase.state, q.state) : undefined,
        q.departmentId ? eq(followUpCase.departmentId, q.departmentId) : undefined,
        q.responseId ? eq(followUpCase.responseId, q.responseId) : undefined,
      ),
    )
    .orderBy(asc(followUpCase.dueAt), asc(followUpCase.id))
    .limit(q.limit);
  return { items: rows.map((r) => toCase(r, now)) };
}
