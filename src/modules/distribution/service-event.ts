import type { Db } from "../../db/connect.ts";
import type { TContactRules } from "../../db/schema.ts";
import { forgetApiKey } from "../../auth/access.ts";
import { AppError } from "../../http/errors.ts";
import { batcherPerPool } from "../../db/statement-batcher.ts";
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
/** The row stamps of what a survey's sending context is read from: equal stamps, the same context. */
const SURVEY_STAMP = "s.xmin::text || '/' || g.xmin::text || '/' || v.xmin::text";

const LOOK_UP = `select
  (${PRIOR_INVITATION} where d.org_id = $1 and d.idempotency_key = $3::text) as prior,
  (select json_build_object('kind', s.kind, 'archivedAt', s.archived_at, 'surveyRules', s.contact_rules,
      'orgRules', g.contact_rules, 'timeZone', g.time_zone, 'locales', v.definition->'locales',
      'defaultLocale', v.definition->'defaultLocale', 'stamp', ${SURVEY_STAMP})
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
function writeText(p: (n: number) => string, guard: string): string {
  return `with
  stored as (
    select c.id from contact c where c.org_id = $1 and c.id = ${p(3)}::text and c.xmin::text = ${p(4)}::text for update),
  ok as (
    select ${guard}(${p(3)}::text is null or exists (select 1 from stored))
      and (${p(5)}::text is null or not exists (select 1 from survey_invitation where org_id = $1 and id = ${p(5)}::text)) as ok),
  new_contact as (
    insert into contact (${names(NEW_CONTACT_COLUMNS)})
    select ${names(NEW_CONTACT_COLUMNS)} from json_to_recordset(${p(2)}::json) as v(${columnDefs(NEW_CONTACT_COLUMNS)})
    where (select ok from ok)),
  changed_contact as (
    update contact as c set ${CONTACT_UPDATE_SET}
    from json_to_recordset(${p(6)}::json) as v(${columnDefs(CONTACT_COLUMNS)})
    where c.org_id = $1 and c.id = v.id and c.id = ${p(3)}::text and (select ok from ok)),
  v as materialized (
    select * from json_to_recordset(${p(7)}::json) as v(${columnDefs(ROW_COLUMNS)}) where (select ok from ok)),
  i as (insert into survey_invitation (${names(INVITATION_COLUMNS)}) select ${names(INVITATION_COLUMNS)} from v),
  d as (
    insert into invitation_delivery (org_id, invitation_id, ${names(DELIVERY_COLUMNS)})
    select org_id, id, ${names(DELIVERY_COLUMNS)} from v)`;
}

const WRITE = `${writeText((n) => `$${n}`, "")}
select ok.ok, case when ok.ok and $8::boolean then pg_notify('${DISPATCH_CHANNEL}', '')::text end as notified
from ok`;

/**
 * The look-up and the write in one statement, for an event whose survey context the process remembers: the
 * write is decided beforehand as for a new contact without an earlier invitation, and it happens only if the
 * look-up, read in the same statement, shows exactly that (no earlier invitation for the idempotency key, no
 * stored contact, the API key valid, no tags asked for, the survey's row stamp the remembered one). Otherwise
 * nothing is written and the look-up's columns serve the two-statement path. Parameters: the look-up's $1…$10,
 * the write's $2…$8 as $11…$17, the remembered survey stamp $18.
 */
const LOOK_UP_AND_WRITE = `${writeText(
  (n) => (n === 1 ? "$1" : `$${n + 9}`),
  `(select lu.prior is null and lu.tags is null and lu.contacts is null and lu.key_valid is true
      and lu.survey->>'stamp' = $18::text from lu)
      and `,
).replace(/^with\n/, () => `with\n  lu as materialized (${LOOK_UP}),\n`)}
select lu.*, ok.ok, case when ok.ok and $17::boolean then pg_notify('${DISPATCH_CHANNEL}', '')::text end as notified
from lu, ok`;

function names(columns: object): string {
  return Object.keys(columns).join(", ");
}

/** The look-up's parameters $1…$10 as the columns of one event in LOOK_UP_AND_WRITE_BATCH. */
const LOOK_UP_COLUMNS = [
  "org_id",
  "survey_id",
  "idempotency_key",
  "service_id",
  "department_id",
  "employee_id",
  "channel_id",
  "email",
  "external_id",
  "api_key_id",
];

/** A column list with each name taken from `alias`. */
function from(alias: string, columns: object): string {
  return Object.keys(columns)
    .map((c) => `${alias}.${c}`)
    .join(", ");
}

/**
 * LOOK_UP_AND_WRITE for several events in one statement (decision 062): each event's parameters as one element
 * of each array ($1…$10 the look-up's, then the new contacts, the event's invitation id, the invitation rows,
 * whether it is due, the remembered survey stamp), each event looked up and guarded on its own, written only if
 * its own look-up agrees. Events in one statement see each other's writes only through the unique keys: two that
 * take the same contact, idempotency key or event fail the statement as a whole, and each is then tried alone.
 * Returns each event's look-up columns and `ok`, in the order given (`n`).
 */
const LOOK_UP_AND_WRITE_BATCH = `with
  ev as materialized (
    select * from unnest(${LOOK_UP_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(", ")},
      $11::text[], $12::text[], $13::text[], $14::boolean[], $15::text[]) with ordinality
      as e(${LOOK_UP_COLUMNS.join(", ")}, new_contacts, event_id, invitation_rows, due, survey_stamp, n)),
  lu as materialized (
    select e.*, ${LOOK_UP.replace(/^select\s/, "").replace(/\$(\d+)/g, (_, n) => `e.${LOOK_UP_COLUMNS[Number(n) - 1]}`)}
    from ev e),
  ok as materialized (
    select lu.n, lu.org_id, lu.new_contacts, lu.invitation_rows, lu.due,
      lu.prior is null and lu.tags is null and lu.contacts is null and lu.key_valid is true
        and lu.survey->>'stamp' = lu.survey_stamp
        and (lu.event_id is null
          or not exists (select 1 from survey_invitation where org_id = lu.org_id and id = lu.event_id)) as ok
    from lu),
  new_contact as (
    insert into contact (${names(NEW_CONTACT_COLUMNS)})
    select ${from("v", NEW_CONTACT_COLUMNS)}
    from ok cross join json_to_recordset(ok.new_contacts::json) as v(${columnDefs(NEW_CONTACT_COLUMNS)})
    where ok.ok),
  v as materialized (
    select v.* from ok cross join json_to_recordset(ok.invitation_rows::json) as v(${columnDefs(ROW_COLUMNS)})
    where ok.ok),
  i as (insert into survey_invitation (${names(INVITATION_COLUMNS)}) select ${names(INVITATION_COLUMNS)} from v),
  d as (
    insert into invitation_delivery (org_id, invitation_id, ${names(DELIVERY_COLUMNS)})
    select org_id, id, ${names(DELIVERY_COLUMNS)} from v)
select lu.n, lu.prior, lu.survey, lu.tags, lu.contacts, lu.key_valid, ok.ok,
  case when ok.ok and lu.due then pg_notify('${DISPATCH_CHANNEL}', '')::text end as notified
from lu join ok on ok.n = lu.n
order by lu.n`;

const lookUp = preparedSql("kaja_event_look_up", LOOK_UP);
const write = preparedSql("kaja_event_write", WRITE);
const lookUpAndWrite = preparedSql("kaja_event_look_up_and_write", LOOK_UP_AND_WRITE);
const lookUpAndWriteBatch = preparedSql("kaja_event_look_up_and_write_batch", LOOK_UP_AND_WRITE_BATCH);

/** Of LOOK_UP_AND_WRITE's 18 parameters, those LOOK_UP_AND_WRITE_BATCH takes, in its order. */
const BATCH_PARAMETERS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 15, 16, 17];

/**
 * New contacts' events whose survey the process remembers, on PostgreSQL: at most two statements at once, events
 * arriving meanwhile written together (group commit, decision 062).
 */
const eventBatcher = batcherPerPool<unknown[], Record<string, unknown>>((db) => ({
  inFlight: 2,
  maxBatch: 64,
  runOne: async (values) => (await lookUpAndWrite(db, values))[0],
  runMany: async (inputs) =>
    lookUpAndWriteBatch(
      db,
      BATCH_PARAMETERS.map((p) => inputs.map((values) => values[p] ?? null)),
    ),
}));

/** How the pool's one-statement events were grouped so far (for the benches), or undefined on PGlite. */
export function serviceEventBatchStats(db: Db) {
  return eventBatcher(db)?.stats;
}

type TSurveyJson = {
  kind: string;
  archivedAt: string | null;
  surveyRules: TContactRules | null;
  orgRules: TContactRules | null;
  timeZone: string;
  locales: string[];
  defaultLocale: string;
  stamp: string;
};

/** Survey contexts last read per database (by organisation and survey), with their row stamp; at most 1,000. */
const surveys = new WeakMap<object, Map<string, TSurveyJson>>();
const MAX_SURVEYS = 1000;

function rememberSurvey(db: Db, key: string, s: TSurveyJson | null): void {
  let m = surveys.get(db);
  if (!m) {
    m = new Map();
    surveys.set(db, m);
  }
  if (!s) {
    m.delete(key);
    return;
  }
  if (!m.has(key) && m.size >= MAX_SURVEYS) m.delete(m.keys().next().value as string);
  m.set(key, s);
}

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
  const lookUpValues = [
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
  ];
  const surveyKey = `${o.orgId}/${o.surveyId}`;
  const remembered = TAG_KEYS.some((k) => tags[k]) ? undefined : surveys.get(db)?.get(surveyKey);
  let row: Record<string, unknown> | undefined;
  if (remembered) {
    // One statement: decided beforehand as a new contact's first event, written only if the look-up agrees.
    const guessed = { prior: null, survey: remembered, tags: null, contacts: null, key_valid: true };
    // A remembered context that no longer holds must not answer: a problem found here goes the two-statement way.
    const plan = await decideEvent(db, o, guessed).catch(() => null);
    if (plan?.kind === "write" && !plan.values[2]) {
      try {
        const values = [...lookUpValues, ...plan.values.slice(1), remembered.stamp];
        const batcher = eventBatcher(db);
        row = batcher ? await batcher.run(values) : (await lookUpAndWrite(db, values))[0];
        if (row.ok === true) return plan.result;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        row = undefined;
      }
    }
  }
  if (!row) [row] = await lookUp(db, lookUpValues);
  if (o.apiKeyId && row.key_valid !== true) {
    forgetApiKey(db, o.apiKeyId);
    throw new AppError("UNAUTHENTICATED", { message: { key: "problem.auth.signInOrKey" } });
  }
  rememberSurvey(db, surveyKey, json(row.survey) as TSurveyJson | null);
  const plan = await decideEvent(db, o, row);
  if (plan.kind === "done") return plan.result;
  if (plan.kind === "slow") return scheduleInvitation(db, o);
  try {
    const [result] = await write(db, plan.values);
    if (result.ok !== true) return scheduleInvitation(db, o);
  } catch (err) {
    if (isUniqueViolation(err)) return scheduleInvitation(db, o);
    throw err;
  }
  return plan.result;
}

type TEventPlan =
  | { kind: "done"; result: TScheduleResult }
  | { kind: "slow" }
  | { kind: "write"; values: unknown[]; result: TScheduleResult };

/**
 * Decides an event from its look-up row: an answer without writing (a replay), the locking path (`slow`), or the
 * guarded write's parameters ($1…$8) with the answer it gives when it writes.
 */
async function decideEvent(
  db: Db,
  o: ServiceEventOptions,
  row: Record<string, unknown>,
): Promise<TEventPlan> {
  const tags = o.tags ?? {};
  const prior = json(row.prior) as Record<string, unknown> | null;
  if (prior) return { kind: "done", result: await replayOrConflict(priorInvitation(prior), { ...o, tags }) };
  const s = json(row.survey) as TSurveyJson | null;
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
  if (stored.length > 1) return { kind: "slow" };
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
  if (moved.length || inserted.length + updated.length > 1) return { kind: "slow" };
  if (stored[0] && (inserted.length || (out.contactId && out.contactId !== stored[0].row.id)))
    return { kind: "slow" };
  return {
    kind: "write",
    values: [
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
    ],
    result: { invitationId: out.invitationId, state: out.state, sendAt: out.sendAt, reason: out.reason },
  };
}
