import type { Db } from "../../db/connect.ts";
import type { TContactRules } from "../../db/schema.ts";
import { forgetApiKey } from "../../auth/access.ts";
import { AppError } from "../../http/errors.ts";
import { preparedSql } from "../responses/prepared-sql.ts";
import { DISPATCH_CHANNEL } from "../delivery/request-dispatch.ts";
import {
  CONTACT_COLUMNS,
  CONTACT_UPDATE_SET,
  contactJson,
  NEW_CONTACT_COLUMNS,
  newContactJson,
} from "./contact-rows.ts";
import { contactRow, json, PRIOR_INVITATION, priorInvitation } from "./event-lookup.ts";
import { replayOrConflict } from "./idempotency.ts";
import { eventInvitationId } from "./invitation-ids.ts";
import { DELIVERY_COLUMNS, INVITATION_COLUMNS, ROW_COLUMNS } from "./invitation-rows.ts";
import { columnDefs } from "./json-rows.ts";
import { sendingContext, usableSendingContext } from "./load-sending-context.ts";
import { isUniqueViolation } from "./retry.ts";
import { decideBatch, startRun } from "./schedule-batch.ts";
import {
  BODY_FIELDS,
  type ScheduleInvitationOptions,
  scheduleInvitation,
  type TScheduleResult,
  tooFarAhead,
} from "./schedule-invitation.ts";
import { assertKnownTags, TAG_KEYS, type TKnownTags, type TTagKey, type TTags } from "./tags.ts";

/**
 * Reads, without a transaction or a lock, all a service event decides on: the idempotency key's earlier
 * invitation, the survey's kind, languages and rules, the known tags (with a service's department), the stored
 * contacts the e-mail or external id name (with their row stamp, `xmin`) and whether the caller's API key still
 * holds. One text for every event, so it is a named statement on both databases.
 */
const LOOK_UP = `select
  (${PRIOR_INVITATION} where d.org_id = $1 and d.idempotency_key = $3::text) as prior,
  (select json_build_object('kind', s.kind, 'archivedAt', s.archived_at, 'surveyRules', s.contact_rules,
      'orgRules', g.contact_rules, 'timeZone', g.time_zone, 'locales', v.definition->'locales',
      'defaultLocale', v.definition->'defaultLocale')
    from survey s
    join organization g on g.id = s.org_id
    join survey_version v on v.org_id = s.org_id and v.survey_id = s.id and v.version = s.current_version
    where s.org_id = $1 and s.id = $2) as survey,
  (select json_agg(json_build_array(t.k, t.id, t.department_id)) from (
      select 'serviceId' as k, id, department_id from service where org_id = $1 and id = $4::text
      union all select 'departmentId', id, null from department where org_id = $1 and id = $5::text
      union all select 'employeeId', id, null from employee where org_id = $1 and id = $6::text
      union all select 'channelId', id, null from channel where org_id = $1 and id = $7::text) t) as tags,
  (select json_agg(json_build_object('row', row_to_json(c), 'stamp', c.xmin::text)) from contact c
    where c.org_id = $1 and (c.email = $8::text or c.external_id = $9::text)) as contacts,
  (select k.revoked_at is null and (k.expires_at is null or k.expires_at > now())
    from api_key k where k.org_id = $1 and k.id = $10::text) as key_valid`;

/**
 * Writes an event's contact (new, or changed when stored), its invitation, its delivery row and, when it is due,
 * the dispatch request, in one statement, and only if what the look-up read still holds: a stored contact is
 * locked and must still have the row stamp it was read with, and its event must have no invitation yet. A new
 * contact, a repeated idempotency key or event that another request wrote meanwhile fails on its unique key.
 * Returns whether it wrote; nothing is written otherwise.
 */
const WRITE = `with
  stored as (
    select c.id from contact c where c.org_id = $1 and c.id = $3::text and c.xmin::text = $4::text for update),
  ok as (
    select ($3::text is null or exists (select 1 from stored))
      and ($5::text is null or not exists (select 1 from survey_invitation where org_id = $1 and id = $5::text)) as ok),
  new_contact as (
    insert into contact (${names(NEW_CONTACT_COLUMNS)})
    select ${names(NEW_CONTACT_COLUMNS)} from json_to_recordset($2::json) as v(${columnDefs(NEW_CONTACT_COLUMNS)})
    where (select ok from ok)),
  changed_contact as (
    update contact as c set ${CONTACT_UPDATE_SET}
    from json_to_recordset($6::json) as v(${columnDefs(CONTACT_COLUMNS)})
    where c.org_id = $1 and c.id = v.id and c.id = $3::text and (select ok from ok)),
  v as materialized (
    select * from json_to_recordset($7::json) as v(${columnDefs(ROW_COLUMNS)}) where (select ok from ok)),
  i as (insert into survey_invitation (${names(INVITATION_COLUMNS)}) select ${names(INVITATION_COLUMNS)} from v),
  d as (
    insert into invitation_delivery (org_id, invitation_id, ${names(DELIVERY_COLUMNS)})
    select org_id, id, ${names(DELIVERY_COLUMNS)} from v)
select ok.ok, case when ok.ok and $8::boolean then pg_notify('${DISPATCH_CHANNEL}', '')::text end as notified
from ok`;

function names(columns: object): string {
  return Object.keys(columns).join(", ");
}

const lookUp = preparedSql("kaja_event_look_up", LOOK_UP);
const write = preparedSql("kaja_event_write", WRITE);

export interface ServiceEventOptions extends ScheduleInvitationOptions {
  /** The API key the caller authenticated with: checked again (not revoked, not expired) before anything else. */
  apiKeyId: string | null;
}

/**
 * A service event in two statements and no transaction: one read (the look-up above), the decision in the
 * process, one guarded write. When the write's guard fails (the contact changed or the event was recorded
 * meanwhile), a unique key is taken by a racing request, or the event moves an address between contacts or
 * names two stored contacts, the event is scheduled again by scheduleInvitation, which locks the contacts in a
 * transaction: the outcome is the one the locking path gives, and nothing is written twice.
 */
export async function scheduleServiceEvent(db: Db, o: ServiceEventOptions): Promise<TScheduleResult> {
  tooFarAhead(o);
  const tags = o.tags ?? {};
  const email = o.contact?.email || null;
  const ext = o.contact?.externalId || null;
  const [row] = await lookUp(db, [
    o.orgId,
    o.surveyId,
    o.idempotencyKey ?? null,
    tags.serviceId ?? null,
    tags.departmentId ?? null,
    tags.employeeId ?? null,
    tags.channelId ?? null,
    email,
    ext,
    o.apiKeyId,
  ]);
  if (o.apiKeyId && row.key_valid !== true) {
    forgetApiKey(db, o.apiKeyId);
    throw new AppError("UNAUTHENTICATED", { message: { key: "problem.auth.signInOrKey" } });
  }
  const slow = () => scheduleInvitation(db, o);
  const prior = json(row.prior) as Record<string, unknown> | null;
  if (prior) return replayOrConflict(priorInvitation(prior), { ...o, tags });
  const s = json(row.survey) as {
    kind: string;
    archivedAt: string | null;
    surveyRules: TContactRules | null;
    orgRules: TContactRules | null;
    timeZone: string;
    locales: string[];
    defaultLocale: string;
  } | null;
  const fields = o.fields ?? BODY_FIELDS;
  const ctx = usableSendingContext(
    s &&
      sendingContext(o.orgId, o.surveyId, {
        ...s,
        archivedAt: s.archivedAt ? new Date(s.archivedAt) : null,
        definition: { locales: s.locales, defaultLocale: s.defaultLocale },
      }),
    fields.survey,
  );
  const known = Object.fromEntries(TAG_KEYS.map((k) => [k, new Set<string>()])) as TKnownTags;
  let serviceDepartment: string | null = null;
  for (const [k, id, department] of (json(row.tags) ?? []) as [TTagKey, string, string | null][]) {
    known[k].add(id);
    if (k === "serviceId") serviceDepartment = department;
  }
  assertKnownTags(tags, known, fields.tags);
  const stored = ((json(row.contacts) ?? []) as { row: Record<string, unknown>; stamp: string }[]).map(
    (c) => ({
      row: contactRow(c.row),
      stamp: c.stamp,
    }),
  );
  // Two stored contacts (an address and an external id of different people) may move an address: the locking
  // path handles it.
  if (stored.length > 1) return slow();
  // A send tagged with a service but no department is counted under the service's department (inheritDepartments).
  const itemTags: TTags =
    tags.serviceId && !tags.departmentId && serviceDepartment
      ? { ...tags, departmentId: serviceDepartment }
      : tags;
  if (itemTags !== tags) known.departmentId.add(serviceDepartment as string);
  const run = startRun(ctx, o.now);
  run.book.adopt(
    [o.contact],
    stored.map((c) => c.row),
  );
  const eventId = stored[0] ? eventInvitationId(o.orgId, o.surveyId, stored[0].row.id, o.occurredAt) : null;
  // Whether the stored contact's event has an invitation already is checked by the write's guard.
  if (eventId) run.events.assumeNotStored(eventId);
  const decided = await decideBatch(
    db,
    ctx,
    {
      items: [
        {
          contact: o.contact,
          occurredAt: o.occurredAt,
          tags: itemTags,
          locale: o.locale,
          idempotencyKey: o.idempotencyKey,
        },
      ],
      known,
    },
    run,
    { source: o.source, bulkId: o.bulkId, now: o.now },
  );
  const [out] = decided.outcomes;
  const w = decided.write;
  if (!w) throw new Error("a writing run decides what to write");
  const { inserted, updated, moved } = w.contacts;
  if (moved.length || inserted.length + updated.length > 1) return slow();
  if (stored[0] && (inserted.length || (out.contactId && out.contactId !== stored[0].row.id))) return slow();
  try {
    const [result] = await write(db, [
      o.orgId,
      inserted.length ? JSON.stringify(inserted.map(newContactJson)) : null,
      stored[0]?.row.id ?? null,
      stored[0]?.stamp ?? null,
      eventId,
      updated.length
        ? JSON.stringify(updated.map((r) => ({ ...contactJson(r), updated_at: new Date() })))
        : null,
      JSON.stringify(w.rows),
      w.due,
    ]);
    if (result.ok !== true) return slow();
  } catch (err) {
    if (isUniqueViolation(err)) return slow();
    throw err;
  }
  return { invitationId: out.invitationId, state: out.state, sendAt: out.sendAt, reason: out.reason };
}
