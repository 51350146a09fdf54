import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import type { TAction, TActionQuery, TActionStatus } from "./action-contracts.ts";
import {
  improvementAction,
  improvementActionEvidence,
  improvementActionNote,
  improvementActionService,
} from "./schema.ts";

type TActionRow = typeof improvementAction.$inferSelect;

/** The organisation's improvement actions, newest first: optionally of one status, completed in a range, of a service. */
export async function findImprovementActions(
  db: Db,
  orgId: string,
  { status, completedFrom, completedTo, serviceId }: TActionQuery = {},
): Promise<{ items: TAction[] }> {
  const a = improvementAction;
  const linked = serviceId
    ? sql`exists (select 1 from ${improvementActionService} s where s.org_id = ${a.orgId}
        and s.action_id = ${a.id} and s.service_id = ${serviceId})`
    : undefined;
  const rows = await db
    .select()
    .from(a)
    .where(
      inOrg(
        a,
        orgId,
        and(
          status ? eq(a.status, status) : undefined,
          completedFrom ? gte(a.completedOn, completedFrom) : undefined,
          completedTo ? lte(a.completedOn, completedTo) : undefined,
          linked,
        ),
      ),
    )
    .orderBy(desc(improvementAction.createdAt))
    .limit(500);
  return { items: await withLinks(db, orgId, rows) };
}

/** One improvement action with its links and progress notes, or NOT_FOUND. */
export async function getImprovementAction(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(improvementAction)
    .where(inOrg(improvementAction, orgId, eq(improvementAction.id, id)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.action.notFound" } });
  const [[action], notes] = await Promise.all([
    withLinks(db, orgId, [row]),
    db
      .select({
        id: improvementActionNote.id,
        authorId: improvementActionNote.authorId,
        status: improvementActionNote.status,
        text: improvementActionNote.text,
        at: improvementActionNote.at,
      })
      .from(improvementActionNote)
      .where(inOrg(improvementActionNote, orgId, eq(improvementActionNote.actionId, id)))
      .orderBy(asc(improvementActionNote.at)),
  ]);
  return { ...action, notes };
}

async function withLinks(db: Db, orgId: string, rows: TActionRow[]): Promise<TAction[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [services, evidence] = await Promise.all([
    db
      .select()
      .from(improvementActionService)
      .where(inOrg(improvementActionService, orgId, inArray(improvementActionService.actionId, ids))),
    db
      .select()
      .from(improvementActionEvidence)
      .where(inOrg(improvementActionEvidence, orgId, inArray(improvementActionEvidence.actionId, ids))),
  ]);
  return rows.map(({ orgId: _o, ...r }) => ({
    ...r,
    status: r.status as TActionStatus,
    serviceIds: services.filter((s) => s.actionId === r.id).map((s) => s.serviceId),
    evidence: evidence.filter((e) => e.actionId === r.id).map((e) => ({ kind: e.kind, id: e.targetId })),
  }));
}
