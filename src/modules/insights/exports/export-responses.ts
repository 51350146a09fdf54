import { desc, eq, type SQL, sql } from "drizzle-orm";
import type { TActor } from "../../../auth/permissions.ts";
import type { Db } from "../../../db/connect.ts";
import { channel, department, employee, response, service } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { scoreGroup } from "../../../domain/nps.ts";
import { answerVisibility, seesRespondentIdentity } from "../../responses/visibility.ts";
import {
  answerFilterConditions,
  type CommentFilterOptions,
  receivedAtKey,
} from "../comments/comment-filters.ts";
import { groupLabels } from "../labels.ts";
import { nameIn } from "../praise/praise-wall.ts";
import type { TColumn } from "./table-export.ts";
import { personalDataView } from "../../privacy/personal-data-view.ts";

/** Rows fetched per query while streaming an export. */
const BATCH = 1000;

async function readBatch(
  db: Db,
  orgId: string,
  conds: (SQL | undefined)[],
  after?: { at: string; id: string },
) {
  const keyset = after
    ? sql`(${response.receivedAt}, ${response.id}) < (${after.at}::timestamptz, ${after.id})`
    : undefined;
  return db
    .select({
      id: response.id,
      receivedAt: response.receivedAt,
      atKey: receivedAtKey,
      surveyId: response.surveyId,
      surveyVersion: response.surveyVersion,
      score: response.score,
      satisfaction: response.satisfaction,
      comment: response.comment,
      locale: response.locale,
      serviceId: response.serviceId,
      serviceNames: service.names,
      departmentId: response.departmentId,
      departmentName: department.name,
      employeeId: response.employeeId,
      employeeName: employee.name,
      channelId: response.channelId,
      channelNames: channel.names,
      audience: response.audience,
      source: response.source,
      respondentName: response.respondentName,
      respondentEmail: response.respondentEmail,
      // The comment's themes (their keys) and tone, as the text analysis found them; empty until analysed.
      themes: sql<string | null>`(select string_agg(t.key, ' ' order by t.key) from comment_analysis a
        join theme t on t.org_id = a.org_id and t.id = any(a.theme_ids) and t.archived_at is null
        where a.org_id = ${response.orgId} and a.response_id = ${response.id})`,
      tone: sql<string | null>`(select a.tone from comment_analysis a
        where a.org_id = ${response.orgId} and a.response_id = ${response.id})`,
    })
    .from(response)
    .leftJoin(service, inOrg(service, response.orgId, eq(service.id, response.serviceId)))
    .leftJoin(department, inOrg(department, response.orgId, eq(department.id, response.departmentId)))
    .leftJoin(employee, inOrg(employee, response.orgId, eq(employee.id, response.employeeId)))
    .leftJoin(channel, inOrg(channel, response.orgId, eq(channel.id, response.channelId)))
    .where(inOrg(response, orgId, ...conds, keyset))
    .orderBy(desc(response.receivedAt), desc(response.id))
    .limit(BATCH);
}

export type TAnswerRow = Awaited<ReturnType<typeof readBatch>>[number];

/** Every answer the actor may see that matches the filters, newest first, read in batches. */
export async function* answerRows(
  db: Db,
  actor: TActor,
  filters: CommentFilterOptions,
): AsyncGenerator<TAnswerRow> {
  const conds = [await answerVisibility(db, actor), ...answerFilterConditions(filters)];
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const rows = await readBatch(db, actor.orgId, conds, after);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = { at: last.atKey, id: last.id };
  }
}

/**
 * The columns of the answer export; respondents' names and e-mail only for roles that may see them. `group` is the
 * code (promoter, passive, detractor), `groupLabel` the organisation's name of it in `locale`.
 */
export function answerColumns(
  actor: TActor,
  locale = "et",
  labels: Record<"promoter" | "passive" | "detractor", string> = groupLabels(null, locale),
): TColumn<TAnswerRow>[] {
  const view = personalDataView(actor);
  const columns: TColumn<TAnswerRow>[] = [
    { header: "id", value: (r) => r.id },
    { header: "receivedAt", value: (r) => r.receivedAt },
    { header: "surveyId", value: (r) => r.surveyId },
    { header: "surveyVersion", value: (r) => r.surveyVersion },
    { header: "score", value: (r) => r.score },
    { header: "group", value: (r) => scoreGroup(r.score) },
    { header: "groupLabel", value: (r) => labels[scoreGroup(r.score)] },
    { header: "satisfaction", value: (r) => r.satisfaction },
    { header: "comment", value: (r) => view(r.comment) },
    { header: "themes", value: (r) => r.themes },
    { header: "tone", value: (r) => r.tone },
    { header: "locale", value: (r) => r.locale },
    { header: "serviceId", value: (r) => r.serviceId },
    { header: "service", value: (r) => (r.serviceNames ? nameIn(r.serviceNames, locale) : null) },
    { header: "departmentId", value: (r) => r.departmentId },
    { header: "department", value: (r) => r.departmentName },
    { header: "employeeId", value: (r) => r.employeeId },
    { header: "employee", value: (r) => r.employeeName },
    { header: "channelId", value: (r) => r.channelId },
    { header: "channel", value: (r) => (r.channelNames ? nameIn(r.channelNames, locale) : null) },
    { header: "audience", value: (r) => r.audience },
    { header: "source", value: (r) => r.source },
  ];
  if (seesRespondentIdentity(actor))
    columns.push(
      { header: "respondentName", value: (r) => r.respondentName },
      { header: "respondentEmail", value: (r) => r.respondentEmail },
    );
  return columns;
}
