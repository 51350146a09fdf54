import { and, eq, type SQL } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { praise, response } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { AppError } from "../../../http/errors.ts";
import { answerVisibility } from "../../responses/visibility.ts";

/** Columns of a praise mark as the API shows it. */
export const praiseColumns = {
  responseId: praise.responseId,
  target: praise.target,
  employeeId: praise.employeeId,
  serviceId: praise.serviceId,
  text: praise.text,
  approvedAt: praise.approvedAt,
  markedBy: praise.markedBy,
  createdAt: praise.createdAt,
};

type TPraiseRow = { target: string; approvedAt: Date | null };

/** Adds the derived `approved` flag and narrows `target`. */
export function presentPraise<T extends TPraiseRow>(row: T) {
  return { ...row, target: row.target as "employee" | "service", approved: row.approvedAt !== null };
}

/** An answer the actor may see (same rule as the answers API), else NOT_FOUND, also across organisations. */
export async function getVisibleAnswer(db: Db, actor: TActor, responseId: string) {
  const [row] = await db
    .select({
      id: response.id,
      comment: response.comment,
      employeeId: response.employeeId,
      serviceId: response.serviceId,
    })
    .from(response)
    .where(inOrg(response, actor.orgId, eq(response.id, responseId), await answerVisibility(db, actor)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.answer.notFound" } });
  return row;
}

/** The praise mark of one answer, else NOT_FOUND. */
export async function getPraise(db: Db, orgId: string, responseId: string, ...extra: SQL[]) {
  const [row] = await db
    .select(praiseColumns)
    .from(praise)
    .where(and(inOrg(praise, orgId, eq(praise.responseId, responseId)), ...extra));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.praise.notMarked" } });
  return presentPraise(row);
}
