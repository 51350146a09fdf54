import type { Db } from "../../db/connect.ts";
import type { TContactRow } from "./contact-rows.ts";
import { placeholderTokenHash } from "./invitation-ids.ts";
import { sql } from "drizzle-orm";
import { dispatchRequest, requestDispatch } from "../delivery/request-dispatch.ts";
import { CopyLines, copyRows, copyValue } from "./copy-rows.ts";
import { jsonRows, type TJsonColumns } from "./json-rows.ts";
import type { TSendingContext } from "./load-sending-context.ts";
import type { TScheduleItem, TScheduleOutcome, TSendSource } from "./schedule-types.ts";
import type { TTags } from "./tags.ts";

const CHUNK = 1000;
export const INVITATION_COLUMNS = {
  org_id: "text",
  id: "text",
  survey_id: "text",
  token_hash: "text",
  locale: "text",
  service_id: "text",
  department_id: "text",
  employee_id: "text",
  channel_id: "text",
  audience: "text",
  contact_id: "text",
  state: "text",
  reason: "text",
  occurred_at: "timestamptz",
  scheduled_at: "timestamptz",
} as const satisfies TJsonColumns;
/** The delivery row's own columns (its org_id and invitation_id are the invitation's). */
export const DELIVERY_COLUMNS = {
  source: "text",
  idempotency_key: "text",
  bulk_id: "text",
  last_error: "text",
} as const satisfies TJsonColumns;
export const ROW_COLUMNS = { ...INVITATION_COLUMNS, ...DELIVERY_COLUMNS } as const;

/** One invitation and its delivery row, in column names, ready to be written. */
export type TInvitationRow = Record<keyof typeof ROW_COLUMNS, string | Date | null>;

/** The rows recording what became of one item. */
export function invitationRow(
  ctx: TSendingContext,
  item: TScheduleItem,
  outcome: TScheduleOutcome,
  c: Pick<TContactRow, "id" | "locale"> | null,
  { source, bulkId }: { source: TSendSource; bulkId: string | null },
): TInvitationRow {
  // Unknown tag ids are not stored: the invitation columns have no foreign keys to stop them.
  const tags = item.invalid || outcome.reason === "invalid_tag" ? {} : item.tags;
  return {
    org_id: ctx.orgId,
    id: outcome.invitationId,
    survey_id: ctx.surveyId,
    token_hash: placeholderTokenHash(),
    locale: pickLocale(ctx, item.locale, c),
    ...tagValues(tags),
    contact_id: c?.id ?? null,
    state: outcome.state,
    reason: outcome.reason,
    occurred_at: item.occurredAt,
    scheduled_at: outcome.sendAt,
    source,
    idempotency_key: item.idempotencyKey ?? null,
    bulk_id: bulkId,
    // A row refused for its address keeps the address and why, so the list shows more than "no contact".
    last_error: outcome.reason === "invalid_address" ? (outcome.detail ?? null) : null,
  };
}

/**
 * Writes invitations and their delivery rows, one statement a thousand rows, both read from one JSON parameter
 * (the delivery rows' foreign key is checked at the end of the statement, when the invitations are in).
 * `notify`: the first statement also asks the dispatchers to look for due invitations once the transaction
 * commits (see requestDispatch).
 */
export async function insertInvitations(
  tx: Db,
  rows: TInvitationRow[],
  { notify = false }: { notify?: boolean } = {},
): Promise<void> {
  const names = (columns: TJsonColumns) => sql.raw(Object.keys(columns).join(", "));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const given = sql`v as materialized (select * from ${jsonRows(ROW_COLUMNS, rows.slice(i, i + CHUNK))})`;
    const invitations = sql`insert into survey_invitation (${names(INVITATION_COLUMNS)})
      select ${names(INVITATION_COLUMNS)} from v`;
    const deliveries = sql`insert into invitation_delivery (org_id, invitation_id, ${names(DELIVERY_COLUMNS)})
      select org_id, id, ${names(DELIVERY_COLUMNS)} from v`;
    await tx.execute(
      notify && i === 0
        ? sql`with ${given}, i as (${invitations}), d as (${deliveries}) select ${dispatchRequest()}`
        : sql`with ${given}, i as (${invitations}) ${deliveries}`,
    );
  }
  if (notify && rows.length === 0) await requestDispatch(tx);
}

export const INVITATION_NAMES = Object.keys(INVITATION_COLUMNS) as (keyof typeof INVITATION_COLUMNS)[];
export const DELIVERY_NAMES = [
  "org_id",
  "id",
  ...Object.keys(DELIVERY_COLUMNS),
] as (keyof typeof ROW_COLUMNS)[];

const DELIVERY_TARGET = ["org_id", "invitation_id", ...DELIVERY_NAMES.slice(2)];

/** A value the code makes (an id, a hash, a state, a reason, a source, an instant), which needs no escaping. */
const made = (v: string | Date | null): string =>
  v === null ? "\\N" : v instanceof Date ? v.toISOString() : v;

/**
 * The invitation's COPY line (INVITATION_NAMES): the values the code makes as they are, the others (language,
 * tags, audience) escaped. Checking every value of a row for characters to escape was a tenth of a writing mass
 * mailing's CPU in the server.
 */
export function invitationLine(r: TInvitationRow): string {
  return `${made(r.org_id)}\t${made(r.id)}\t${made(r.survey_id)}\t${made(r.token_hash)}\t${copyValue(r.locale)}\t${copyValue(r.service_id)}\t${copyValue(r.department_id)}\t${copyValue(r.employee_id)}\t${copyValue(r.channel_id)}\t${copyValue(r.audience)}\t${made(r.contact_id)}\t${made(r.state)}\t${made(r.reason)}\t${made(r.occurred_at)}\t${made(r.scheduled_at)}\n`;
}

/** The delivery row's COPY line (DELIVERY_NAMES), as invitationLine: the key and the error text escaped. */
export function deliveryLine(r: TInvitationRow): string {
  return `${made(r.org_id)}\t${made(r.id)}\t${made(r.source)}\t${copyValue(r.idempotency_key)}\t${made(r.bulk_id)}\t${copyValue(r.last_error)}\n`;
}

/**
 * A mass mailing's invitations and delivery rows as COPY text, each row's lines made as soon as the row is
 * decided: the row's object is garbage at once, instead of staying alive, with thousands of others, until its
 * batch is written.
 */
export class InvitationCopy {
  private readonly invitations = new CopyLines();
  private readonly deliveries = new CopyLines();
  count = 0;

  add(row: TInvitationRow): void {
    this.invitations.add(invitationLine(row));
    this.deliveries.add(deliveryLine(row));
    this.count++;
  }

  /**
   * Writes the rows: the invitations with one COPY, then their delivery rows with another (their foreign key
   * finds the invitations already in). `notify`: as insertInvitations.
   */
  async write(tx: Db, { notify = false }: { notify?: boolean } = {}): Promise<void> {
    if (this.count > 0) {
      await copyRows(tx, "survey_invitation", INVITATION_NAMES, this.invitations.end());
      await copyRows(tx, "invitation_delivery", DELIVERY_TARGET, this.deliveries.end());
    }
    if (notify) await requestDispatch(tx);
  }
}

/**
 * insertInvitations with two COPY statements (InvitationCopy): two round trips whatever the size, and no JSON
 * to build or parse; for a few rows the one statement of insertInvitations is quicker.
 */
export async function copyInvitations(
  tx: Db,
  rows: TInvitationRow[],
  { notify = false }: { notify?: boolean } = {},
): Promise<void> {
  const copy = new InvitationCopy();
  for (const row of rows) copy.add(row);
  await copy.write(tx, { notify });
}

function tagValues(t: TTags) {
  return {
    service_id: t.serviceId ?? null,
    department_id: t.departmentId ?? null,
    employee_id: t.employeeId ?? null,
    channel_id: t.channelId ?? null,
    audience: t.audience ?? null,
  };
}

/** The language asked for, else the person's, if the survey has it; else the survey's default. */
function pickLocale(
  ctx: TSendingContext,
  asked: string | null | undefined,
  c: Pick<TContactRow, "locale"> | null,
): string {
  return (
    [asked, c?.locale].find((l): l is string => Boolean(l) && ctx.locales.includes(l as string)) ??
    ctx.defaultLocale
  );
}
