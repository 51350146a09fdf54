import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import type { TContactRules } from "../../db/schema.ts";
import type { TSurveyDefinition } from "../../domain/survey-definition.ts";
import type { TContactInput } from "./contact-input.ts";
import type { TContactRow } from "./contact-rows.ts";
import type { TPriorInvitation } from "./idempotency.ts";
import { TAG_KEYS, TAG_TABLES, type TKnownTags, type TTags } from "./tags.ts";

/** Everything scheduling one invitation reads before it decides, fetched in one statement. */
/**
 * The invitation an idempotency key already made, as JSON for priorInvitation (the caller adds `where d.org_id = …
 * and d.idempotency_key = …`). Shared by lookUpEvent and the service event's one-statement read.
 */
export const PRIOR_INVITATION = `select json_build_object('id', i.id, 'state', i.state, 'scheduledAt', i.scheduled_at,
    'reason', i.reason, 'surveyId', i.survey_id, 'occurredAt', i.occurred_at, 'serviceId', i.service_id,
    'departmentId', i.department_id, 'employeeId', i.employee_id, 'channelId', i.channel_id,
    'audience', i.audience, 'contactId', i.contact_id, 'email', pc.email, 'externalId', pc.external_id)
  from invitation_delivery d
  join survey_invitation i on i.org_id = d.org_id and i.id = d.invitation_id
  left join contact pc on pc.org_id = i.org_id and pc.id = i.contact_id`;

export interface TEventLookup {
  /** The invitation an earlier request with the same idempotency key made, if any. */
  prior: TPriorInvitation | null;
  /** The survey with its organisation's time zone and rules; null when the organisation has no such survey. */
  survey: {
    kind: string;
    archivedAt: Date | null;
    surveyRules: TContactRules | null;
    orgRules: TContactRules | null;
    timeZone: string;
    definition: TSurveyDefinition;
  } | null;
  /** The tag ids of the request that are catalogue rows of the organisation. */
  known: TKnownTags;
  /** The stored contacts the request's e-mail or external id names, locked FOR UPDATE. */
  contacts: TContactRow[];
}

const date = (v: unknown) => (v == null ? null : new Date(v as string));

/**
 * One round trip instead of four: the idempotency key's earlier invitation, the survey and its rules, the known
 * tags and the contacts (locked, as ContactBook.load locks them) are read together. The contact lock is taken
 * even when the key replays an earlier request; it is released at the end of the (short) transaction.
 */
export async function lookUpEvent(
  tx: Db,
  o: {
    orgId: string;
    surveyId: string;
    idempotencyKey?: string | null;
    tags: TTags;
    contact: TContactInput | null;
  },
): Promise<TEventLookup> {
  const { orgId } = o;
  const email = o.contact?.email || null;
  const ext = o.contact?.externalId || null;
  const tagParts: SQL[] = TAG_KEYS.filter((k) => o.tags[k]).map(
    (k) =>
      sql`select ${k}::text as k, id from ${sql.identifier(TAG_TABLES[k])} where org_id = ${orgId} and id = ${o.tags[k]}`,
  );
  const tags = tagParts.length
    ? sql`(select json_agg(json_build_array(t.k, t.id)) from (${sql.join(tagParts, sql` union all `)}) t)`
    : sql`null::json`;
  const prior = o.idempotencyKey
    ? sql`(${sql.raw(PRIOR_INVITATION)} where d.org_id = ${orgId} and d.idempotency_key = ${o.idempotencyKey})`
    : sql`null::json`;
  const contacts =
    email || ext
      ? sql`(select json_agg(row_to_json(c)) from (select * from contact
          where org_id = ${orgId} and (email = ${email} or external_id = ${ext}) for update) c)`
      : sql`null::json`;
  const { rows } = await tx.execute(sql`
    select ${prior} as prior,
      (select json_build_object('kind', s.kind, 'archivedAt', s.archived_at, 'surveyRules', s.contact_rules,
          'orgRules', g.contact_rules, 'timeZone', g.time_zone, 'definition', v.definition)
        from survey s
        join organization g on g.id = s.org_id
        join survey_version v on v.org_id = s.org_id and v.survey_id = s.id and v.version = s.current_version
        where s.org_id = ${orgId} and s.id = ${o.surveyId}) as survey,
      ${tags} as tags,
      ${contacts} as contacts`);
  const row = rows[0] as { prior: unknown; survey: unknown; tags: unknown; contacts: unknown };
  const known = Object.fromEntries(TAG_KEYS.map((k) => [k, new Set<string>()])) as TKnownTags;
  for (const [k, id] of (json(row.tags) ?? []) as [keyof TKnownTags, string][]) known[k].add(id);
  const p = json(row.prior) as Record<string, unknown> | null;
  const s = json(row.survey) as
    | (Omit<NonNullable<TEventLookup["survey"]>, "archivedAt"> & { archivedAt: string | null })
    | null;
  return {
    prior: p ? priorInvitation(p) : null,
    survey: s ? { ...s, archivedAt: date(s.archivedAt) } : null,
    known,
    contacts: ((json(row.contacts) ?? []) as Record<string, unknown>[]).map(contactRow),
  };
}

/** The earlier invitation of an idempotency key, from the JSON object the look-ups build. */
export function priorInvitation(p: Record<string, unknown>): TPriorInvitation {
  return {
    invitation: {
      id: p.id as string,
      state: p.state as string,
      scheduledAt: date(p.scheduledAt),
      reason: p.reason as string | null,
      surveyId: p.surveyId as string,
      occurredAt: date(p.occurredAt),
      serviceId: p.serviceId as string | null,
      departmentId: p.departmentId as string | null,
      employeeId: p.employeeId as string | null,
      channelId: p.channelId as string | null,
      audience: p.audience as string | null,
      contactId: p.contactId as string | null,
    },
    email: p.email as string | null,
    externalId: p.externalId as string | null,
  };
}

/** node-postgres parses json columns, PGlite may hand them back as text. */
export function json(v: unknown): unknown {
  return typeof v === "string" ? JSON.parse(v) : v;
}

/** A contact from row_to_json. */
export function contactRow(r: Record<string, unknown>): TContactRow {
  return {
    orgId: r.org_id as string,
    id: r.id as string,
    email: r.email as string | null,
    phone: r.phone as string | null,
    name: r.name as string | null,
    locale: r.locale as string | null,
    externalId: r.external_id as string | null,
    optedOutAt: date(r.opted_out_at),
    emailInvalidAt: date(r.email_invalid_at),
    emailInvalidReason: r.email_invalid_reason as string | null,
    lastSurveyedAt: date(r.last_surveyed_at),
    createdAt: date(r.created_at) as Date,
    updatedAt: date(r.updated_at) as Date,
  };
}
