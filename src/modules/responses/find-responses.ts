import { and, desc, eq, gte, isNotNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { scoreGroup } from "../../domain/nps.ts";
import { AppError, fieldProblem } from "../../http/errors.ts";
import { answerVisibility, seesRespondentIdentity } from "./visibility.ts";
import { mapAnswerTexts, type TAnswerValues } from "../../domain/personal-data.ts";
import { personalDataView } from "../privacy/personal-data-view.ts";

export interface FindResponsesOptions {
  surveyId?: string;
  serviceId?: string;
  departmentId?: string;
  employeeId?: string;
  channelId?: string;
  group?: "promoter" | "passive" | "detractor";
  from?: Date;
  to?: Date;
  hasComment?: boolean;
  cursor?: string;
  limit?: number;
}

const GROUP_RANGE = { promoter: [9, 10], passive: [7, 8], detractor: [0, 6] } as const;

const columns = {
  id: response.id,
  surveyId: response.surveyId,
  surveyVersion: response.surveyVersion,
  score: response.score,
  satisfaction: response.satisfaction,
  comment: response.comment,
  answers: response.answers,
  locale: response.locale,
  serviceId: response.serviceId,
  departmentId: response.departmentId,
  employeeId: response.employeeId,
  channelId: response.channelId,
  audience: response.audience,
  source: response.source,
  respondentName: response.respondentName,
  respondentEmail: response.respondentEmail,
  receivedAt: response.receivedAt,
  updatedAt: response.updatedAt,
};

// The cursor carries the database's own text of the timestamp: PostgreSQL keeps microseconds, a JS Date does not.
function encodeCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.cursorAt, row.id])).toString("base64url");
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (
      typeof at !== "string" ||
      !/^\d{4}-\d{2}-\d{2}[ T][0-9:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(at) ||
      typeof id !== "string"
    ) {
      throw new Error("bad cursor");
    }
    return [at, id];
  } catch {
    throw fieldProblem(
      "querystring.cursor",
      { key: "problem.field.invalidCursor" },
      { detail: { key: "problem.cursor.invalid" } },
    );
  }
}

function present<
  T extends {
    score: number;
    comment: string | null;
    answers: TAnswerValues;
    respondentName: string | null;
    respondentEmail: string | null;
  },
>(actor: TActor, row: T) {
  const identity = seesRespondentIdentity(actor);
  const view = personalDataView(actor);
  return {
    ...row,
    comment: view(row.comment),
    answers: mapAnswerTexts(row.answers, view),
    group: scoreGroup(row.score),
    respondentName: identity ? row.respondentName : null,
    respondentEmail: identity ? row.respondentEmail : null,
  };
}

/** A page of answers, newest first, filtered and limited to what the actor may see. */
export async function findResponses(db: Db, actor: TActor, { limit = 50, ...f }: FindResponsesOptions) {
  const conds: (SQL | undefined)[] = [
    await answerVisibility(db, actor),
    f.surveyId ? eq(response.surveyId, f.surveyId) : undefined,
    f.serviceId ? eq(response.serviceId, f.serviceId) : undefined,
    f.departmentId ? eq(response.departmentId, f.departmentId) : undefined,
    f.employeeId ? eq(response.employeeId, f.employeeId) : undefined,
    f.channelId ? eq(response.channelId, f.channelId) : undefined,
    f.group
      ? and(gte(response.score, GROUP_RANGE[f.group][0]), lte(response.score, GROUP_RANGE[f.group][1]))
      : undefined,
    f.from ? gte(response.receivedAt, f.from) : undefined,
    f.to ? lt(response.receivedAt, f.to) : undefined,
    f.hasComment === true ? isNotNull(response.comment) : undefined,
  ];
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    const exact = sql`${at}::timestamptz`;
    conds.push(
      or(
        sql`${response.receivedAt} < ${exact}`,
        and(sql`${response.receivedAt} = ${exact}`, lt(response.id, id)),
      ),
    );
  }
  const rows = await db
    .select({ ...columns, cursorAt: sql<string>`${response.receivedAt}::text` })
    .from(response)
    .where(inOrg(response, actor.orgId, ...conds))
    .orderBy(desc(response.receivedAt), desc(response.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _, ...r }) => present(actor, r)),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** One answer the actor may see, else NOT_FOUND. */
export async function getResponse(db: Db, actor: TActor, id: string) {
  const [row] = await db
    .select(columns)
    .from(response)
    .where(inOrg(response, actor.orgId, eq(response.id, id), await answerVisibility(db, actor)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.answer.notFound" } });
  return present(actor, row);
}
