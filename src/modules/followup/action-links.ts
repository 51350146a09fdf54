import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { department, member, response, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { fieldError } from "./field-error.ts";
import { followUpCase, improvementActionEvidence, improvementActionService } from "./schema.ts";

export interface TActionRefs {
  ownerId?: string | null;
  departmentId?: string | null;
  serviceIds?: string[];
  evidence?: { kind: "response" | "case"; id: string }[];
}

/** Checks that every id an action names belongs to the organisation; else 400 naming the field. */
export async function assertActionRefs(db: Db, orgId: string, r: TActionRefs): Promise<void> {
  if (r.ownerId) {
    const [m] = await db
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, orgId), eq(member.userId, r.ownerId)));
    if (!m) throw fieldError("body.ownerId", { key: "problem.field.mustBeMember" });
  }
  if (r.departmentId) await assertKnown(db, department, orgId, [r.departmentId], "body.departmentId", false);
  if (r.serviceIds?.length) await assertKnown(db, service, orgId, r.serviceIds, "body.serviceIds", true);
  const evidence = r.evidence ?? [];
  for (const kind of ["response", "case"] as const) {
    const ids = evidence.map((e, i) => ({ ...e, i })).filter((e) => e.kind === kind);
    if (!ids.length) continue;
    const table = kind === "response" ? response : followUpCase;
    const found = await db
      .select({ id: table.id })
      .from(table)
      .where(
        and(
          inOrg(table, orgId),
          inArray(
            table.id,
            ids.map((e) => e.id),
          ),
        ),
      );
    const known = new Set(found.map((f) => f.id));
    const missing = ids.find((e) => !known.has(e.id));
    if (missing)
      throw fieldError(`body.evidence.${missing.i}.id`, {
        key: "problem.field.noSuchEvidence",
        values: { kind },
      });
  }
}

async function assertKnown(
  db: Db,
  table: typeof department | typeof service,
  orgId: string,
  ids: string[],
  path: string,
  indexed: boolean,
): Promise<void> {
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inOrg(table, orgId), inArray(table.id, ids)));
  const known = new Set(found.map((f) => f.id));
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw fieldError(indexed ? `${path}.${i}` : path, { key: "problem.field.noSuchId" });
}

/** Replaces an action's linked services and evidence (inside the caller's transaction). */
export async function writeActionLinks(
  tx: Db,
  orgId: string,
  actionId: string,
  r: TActionRefs,
): Promise<void> {
  if (r.serviceIds) {
    await tx
      .delete(improvementActionService)
      .where(inOrg(improvementActionService, orgId, eq(improvementActionService.actionId, actionId)));
    const ids = [...new Set(r.serviceIds)];
    if (ids.length)
      await tx
        .insert(improvementActionService)
        .values(ids.map((serviceId) => ({ orgId, actionId, serviceId })));
  }
  if (r.evidence) {
    await tx
      .delete(improvementActionEvidence)
      .where(inOrg(improvementActionEvidence, orgId, eq(improvementActionEvidence.actionId, actionId)));
    const rows = r.evidence.map((e) => ({ orgId, actionId, kind: e.kind, targetId: e.id }));
    if (rows.length) await tx.insert(improvementActionEvidence).values(rows).onConflictDoNothing();
  }
}
