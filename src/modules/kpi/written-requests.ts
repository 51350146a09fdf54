import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, isNull, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { employee, organization, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { isWorkingDay } from "../../domain/calendar.ts";
import { type ReplyCompliance, replyCompliance, replyDeadline } from "../../domain/reply-deadline.ts";
import { addDays, type CivilDate, civilDate, isoWeekday } from "../../domain/time-zone.ts";
import { AppError, fieldProblem } from "../../http/errors.ts";
import { getKpiSettings } from "./settings.ts";
import { writtenRequest } from "./schema.ts";
import type { TCreateWrittenRequest } from "./written-request-contracts.ts";

const notFound = () => new AppError("NOT_FOUND", { message: { key: "problem.writtenRequest.notFound" } });

async function timeZoneOf(db: Db, orgId: string): Promise<string> {
  const [o] = await db
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, orgId));
  return o.tz;
}

/** The last working day before the deadline (the reminder day). */
export function reminderDay(deadline: CivilDate, timeZone: string): CivilDate {
  let day = addDays(deadline, -1);
  while (!isWorkingDay(day, timeZone)) day = addDays(day, -1);
  return day;
}

async function checkIds(
  db: Db,
  orgId: string,
  body: { employeeId?: string | null; serviceId?: string | null },
) {
  if (body.employeeId) {
    const [e] = await db
      .select({ id: employee.id })
      .from(employee)
      .where(inOrg(employee, orgId, eq(employee.id, body.employeeId)));
    if (!e) throw fieldProblem("body.employeeId", { key: "problem.field.unknownEmployee" });
  }
  if (body.serviceId) {
    const [s] = await db
      .select({ id: service.id })
      .from(service)
      .where(inOrg(service, orgId, eq(service.id, body.serviceId)));
    if (!s) throw fieldProblem("body.serviceId", { key: "problem.field.unknownService" });
  }
}

/** A reply cannot precede the request it answers. */
function checkReplyAfterReceipt(receivedAt: Date, repliedAt: string | null | undefined) {
  if (repliedAt && new Date(repliedAt) < receivedAt)
    throw fieldProblem("body.repliedAt", { key: "problem.field.repliedBeforeReceived" });
}

/** Registers a written request; its deadline follows from the kind and the Estonian calendar. */
export async function createWrittenRequest(db: Db, orgId: string, body: TCreateWrittenRequest) {
  await checkIds(db, orgId, body);
  const timeZone = await timeZoneOf(db, orgId);
  const receivedAt = new Date(body.receivedAt);
  checkReplyAfterReceipt(receivedAt, body.repliedAt);
  const deadline = replyDeadline(
    {
      kind: body.kind === "information_request" ? "information_request" : "letter",
      receivedAt,
      deadlineDays: body.deadlineDays,
    },
    timeZone,
  );
  const id = randomUUID();
  await db.insert(writtenRequest).values({
    orgId,
    id,
    reference: body.reference,
    kind: body.kind,
    deadlineDays: body.deadlineDays ?? null,
    receivedAt,
    deadline,
    remindOn: reminderDay(deadline, timeZone),
    repliedAt: body.repliedAt ? new Date(body.repliedAt) : null,
    employeeId: body.employeeId ?? null,
    serviceId: body.serviceId ?? null,
  });
  return getWrittenRequest(db, orgId, id);
}

/** One request, or NOT_FOUND (also for another organisation's). */
export async function getWrittenRequest(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(writtenRequest)
    .where(inOrg(writtenRequest, orgId, eq(writtenRequest.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Records the reply (or clears it) and the responsible employee. */
export async function updateWrittenRequest(
  db: Db,
  orgId: string,
  id: string,
  body: { repliedAt?: string | null; employeeId?: string | null },
) {
  const current = await getWrittenRequest(db, orgId, id);
  await checkIds(db, orgId, body);
  checkReplyAfterReceipt(current.receivedAt, body.repliedAt);
  const set: Partial<typeof writtenRequest.$inferInsert> = {};
  if (body.repliedAt !== undefined) set.repliedAt = body.repliedAt ? new Date(body.repliedAt) : null;
  if (body.employeeId !== undefined) set.employeeId = body.employeeId;
  if (Object.keys(set).length)
    await db
      .update(writtenRequest)
      .set(set)
      .where(inOrg(writtenRequest, orgId, eq(writtenRequest.id, id)));
  return getWrittenRequest(db, orgId, id);
}

/** Open requests due today, this week (to Sunday), overdue, or all requests; soonest deadline first. */
export async function findWrittenRequests(
  db: Db,
  orgId: string,
  {
    due,
    employeeId,
    now = new Date(),
  }: { due: "all" | "today" | "week" | "overdue"; employeeId?: string; now?: Date },
) {
  const today = civilDate(now, await timeZoneOf(db, orgId));
  const open = isNull(writtenRequest.repliedAt);
  const filter = {
    all: undefined,
    today: and(open, eq(writtenRequest.deadline, today)),
    week: and(
      open,
      gte(writtenRequest.deadline, today),
      lte(writtenRequest.deadline, addDays(today, 7 - isoWeekday(today))),
    ),
    overdue: and(open, lt(writtenRequest.deadline, today)),
  }[due];
  return db
    .select()
    .from(writtenRequest)
    .where(
      inOrg(
        writtenRequest,
        orgId,
        filter,
        employeeId ? eq(writtenRequest.employeeId, employeeId) : undefined,
      ),
    )
    .orderBy(asc(writtenRequest.deadline), asc(writtenRequest.reference))
    .limit(1000);
}

/** The requests received in [from, to] (civil days), with the civil month (YYYY-MM) of their receipt. */
async function requestsReceived(
  db: Db,
  orgId: string,
  timeZone: string,
  {
    from,
    to,
    employeeId,
    serviceType,
  }: { from: CivilDate; to: CivilDate; employeeId?: string; serviceType?: string },
) {
  const received = sql`(${writtenRequest.receivedAt} at time zone ${timeZone})::date`;
  const rows = await db
    .select({
      kind: writtenRequest.kind,
      receivedAt: writtenRequest.receivedAt,
      repliedAt: writtenRequest.repliedAt,
      deadlineDays: writtenRequest.deadlineDays,
      month: sql<string>`to_char(${received}, 'YYYY-MM')`,
    })
    .from(writtenRequest)
    .where(
      inOrg(
        writtenRequest,
        orgId,
        sql`${received} between ${from}::date and ${to}::date`,
        employeeId ? eq(writtenRequest.employeeId, employeeId) : undefined,
        serviceType
          ? sql`${writtenRequest.serviceId} in (select id from service where org_id = ${orgId} and type = ${serviceType})`
          : undefined,
      ),
    );
  return rows.map((r) => ({
    month: r.month,
    kind: r.kind === "information_request" ? ("information_request" as const) : ("letter" as const),
    receivedAt: r.receivedAt,
    repliedAt: r.repliedAt,
    deadlineDays: r.deadlineDays ?? undefined,
  }));
}

/** Replies on time among the requests received in [from, to] (civil days), with the organisation's target. */
export async function findReplyCompliance(
  db: Db,
  orgId: string,
  {
    from,
    to,
    employeeId,
    now = new Date(),
  }: { from: CivilDate; to: CivilDate; employeeId?: string; now?: Date },
): Promise<ReplyCompliance> {
  const settings = await getKpiSettings(db, orgId);
  const rows = await requestsReceived(db, orgId, settings.timeZone, { from, to, employeeId });
  return replyCompliance(rows, { now, timeZone: settings.timeZone, target: settings.targets.repliesOnTime });
}

/**
 * Replies on time over [from, to] and per month of receipt (YYYY-MM; months without requests absent), with the
 * organisation's target: the figure of `findReplyCompliance`, split by month.
 */
export async function findReplyComplianceByMonth(
  db: Db,
  orgId: string,
  {
    from,
    to,
    serviceType,
    now = new Date(),
  }: { from: CivilDate; to: CivilDate; serviceType?: string; now?: Date },
): Promise<{ total: ReplyCompliance; months: Map<string, ReplyCompliance> }> {
  const settings = await getKpiSettings(db, orgId);
  const rows = await requestsReceived(db, orgId, settings.timeZone, { from, to, serviceType });
  const options = { now, timeZone: settings.timeZone, target: settings.targets.repliesOnTime };
  const byMonth = Map.groupBy(rows, (r) => r.month);
  return {
    total: replyCompliance(rows, options),
    months: new Map([...byMonth].map(([month, list]) => [month, replyCompliance(list, options)])),
  };
}
