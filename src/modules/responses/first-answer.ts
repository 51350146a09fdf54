import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.ts";
import { batcherPerPool } from "../../db/statement-batcher.ts";
import { caseDeadline } from "../../domain/case-deadline.ts";
import type { TCheckedAnswer } from "../../domain/survey-answer.ts";
import type { TContactConsent } from "../followup/case-consent.ts";
import type { TFollowUpRule } from "../followup/rule.ts";
import { preparedSql } from "./prepared-sql.ts";

/**
 * The payload of response.created as emitResponseEvent builds it, and of case.created as emitCaseEvent builds it
 * (contactAllowed is null there too: the consent is stored after the event).
 */
const responsePayload = (now = "$16::text") => `jsonb_build_object(
  'responseId', ins.id, 'surveyId', ins.survey_id, 'surveyVersion', ins.survey_version,
  'invitationId', ins.invitation_id, 'score', ins.score, 'satisfaction', ins.satisfaction,
  'comment', ins.comment, 'answers', ins.answers, 'locale', ins.locale, 'serviceId', ins.service_id,
  'departmentId', ins.department_id, 'employeeId', ins.employee_id, 'channelId', ins.channel_id,
  'audience', ins.audience, 'source', ins.source, 'receivedAt', ${now}, 'updatedAt', ${now})`;
const casePayload = (now = "$16::text") => `jsonb_build_object(
  'caseId', k.id, 'responseId', k.response_id, 'surveyId', k.survey_id, 'serviceId', k.service_id,
  'departmentId', k.department_id, 'employeeId', k.employee_id, 'state', k.state, 'ownerId', k.owner_id,
  'contactAllowed', null::boolean, 'dueDate', k.due_date::text, 'resolution', k.resolution,
  'openedAt', ${now}, 'updatedAt', ${now})`;

/**
 * One delivery per endpoint of the organisation subscribed to `event`, for each row of `source`; `org`, `now`
 * (the instant as text) and `at` (as a timestamp) are the expressions of the organisation and the instant.
 */
const deliveries = (
  event: string,
  source: string,
  payload: string,
  { org = "$1", now = "$16::text", at = "$16::text::timestamptz" } = {},
) => `
  insert into webhook_delivery (org_id, id, endpoint_id, event, payload, state, next_attempt_at, created_at)
  select e.org_id, d.id, e.id, '${event}', jsonb_build_object('id', d.id, 'event', '${event}'::text,
    'createdAt', ${now}, 'orgId', e.org_id, 'data', ${payload}), 'pending', ${at}, ${at}
  from ${source}
  join webhook_endpoint e on e.org_id = ${org} and e.archived_at is null and e.events @> array['${event}'::text]
  cross join lateral (select gen_random_uuid()::text as id) d`;

/**
 * The answer, the invitation marked answered and the response.created deliveries: the part of a first answer
 * that every answer writes. Parameters: $1 org, $2 answer id, $3 survey, $4 version, $5 invitation, $6 score,
 * $7 satisfaction, $8 comment, $9 answers (JSON), $10 locale, $11–$15 the invitation's tags (service,
 * department, employee, channel, audience), $16 now, and the row stamps (`xmin`) of the link as it was read:
 * $17 the invitation, $18 the survey version, $19 the follow-up rule ('' for none), $20 the organisation.
 *
 * The answer is written only if the invitation, the survey's current version and its row, and the rule are as
 * they were read (`ok`): the link read may come from the process's link cache, read with the page view, and the
 * caller reads the link again when nothing is written. The invitation's stamp covers its state, expiry and tags.
 */
const answerCtes = (checks: string) => `
with ok as (
  select 1 from survey_invitation i
  join survey s on s.org_id = $1 and s.id = i.survey_id and s.current_version = $4::int
  join survey_version v on v.org_id = $1 and v.survey_id = i.survey_id and v.version = $4::int
    and v.xmin::text = $18::text
  where i.org_id = $1 and i.id = $5 and i.xmin::text = $17::text
    and coalesce((select r.xmin::text from follow_up_rule r where r.org_id = $1), '') = $19::text${checks}
), ins as (
  insert into response (org_id, id, survey_id, survey_version, invitation_id, score, satisfaction, comment,
    answers, locale, service_id, department_id, employee_id, channel_id, audience, source, received_at, updated_at)
  select $1::text, $2::text, $3::text, $4::int, $5::text, $6::int, $7::int, $8::text, $9::text::jsonb,
    $10::text, $11::text, $12::text, $13::text, $14::text, $15::text, 'email', $16::text::timestamptz, $16::text::timestamptz
  where exists (select 1 from ok)
  on conflict (org_id, invitation_id) do nothing
  returning *
), answered as (
  update survey_invitation set state = 'answered', answered_at = $16::text::timestamptz
  where org_id = $1 and id = $5 and exists (select 1 from ins)
), hooks as (${deliveries("response.created", "ins", responsePayload())}
)`;

/**
 * A first answer that opens no case: the common case, and a smaller statement (PostgreSQL sets up every node of
 * a statement on each run, the case's inserts and look-ups included, even when they write nothing).
 */
const FIRST_ANSWER = `${answerCtes("")}
select ins.id, null::text as case_id from ins`;

/**
 * A first answer that opens a follow-up case, in one statement. Parameters $1–$20 as above; then $21 case id,
 * $22 due date, $23 due instant, $24 the rule's department managers (JSON), $25 its default owner, $26–$28 the
 * contact consent (allowed, channel, phone) and $29 whether one was given.
 */
const FIRST_ANSWER_WITH_CASE = `${answerCtes(`
    -- The case's deadline was worked out in the organisation's time zone.
    and (select o.xmin::text from organization o where o.id = $1) = $20::text`)}, dept as (
  -- The case's queue: the tagged employee's department, else the tagged service's, else the answer's own tag.
  select coalesce(
    (select e.department_id from employee e where e.org_id = $1 and e.id = ins.employee_id),
    (select s.department_id from service s where s.org_id = $1 and s.id = ins.service_id),
    ins.department_id) as department_id
  from ins
), own as (
  -- Its owner: the manager the rule names, else the department's first manager, else the default owner.
  select dept.department_id, case when dept.department_id is null then $25::text else coalesce(
    $24::text::jsonb ->> dept.department_id,
    (select m.user_id from employee e
      join member m on m.user_id = e.user_id and m.organization_id = $1
      where e.org_id = $1 and e.department_id = dept.department_id and e.archived_at is null
        and m.role = 'manager'
      order by m.created_at asc limit 1),
    $25::text) end as owner_id
  from dept
), k as (
  insert into follow_up_case (org_id, id, response_id, survey_id, service_id, department_id, employee_id, state,
    contact_allowed, contact_channel, contact_phone, owner_id, due_date, due_at, opened_at, updated_at)
  select $1, $21::text, ins.id, ins.survey_id, ins.service_id, own.department_id, ins.employee_id, 'open',
    $26::boolean, $27::text, $28::text, own.owner_id, $22::text::date, $23::timestamptz, $16::text::timestamptz,
    $16::text::timestamptz
  from ins cross join own
  returning *
), timeline as (
  insert into follow_up_event (org_id, id, case_id, kind, actor_id, from_state, to_state, note, data, at)
  select $1, gen_random_uuid()::text, k.id, 'opened', null, null, 'open', null,
    jsonb_build_object('score', $6::int, 'satisfaction', $7::int, 'ownerId', k.owner_id, 'dueDate', $22::text),
    $16::text::timestamptz
  from k
  union all
  select $1, gen_random_uuid()::text, k.id, 'consent', null, null, null, null,
    jsonb_build_object('contact', case when $26::boolean then $27::text else 'no' end), $16::text::timestamptz
  from k where $29::boolean
), case_hooks as (${deliveries("case.created", "k", casePayload())}
)
select ins.id, (select k.id from k) as case_id from ins`;

/**
 * Several first answers in one statement (decision 062): the rows FIRST_ANSWER or FIRST_ANSWER_WITH_CASE would
 * write for each, their parameters $1–$29 passed as arrays with one element per answer ($20–$29 null where the
 * answer opens no case). Each answer is checked against its own link's stamps and written or not on its own;
 * returns the ids of the answers written, with their case ids.
 */
const FIRST_ANSWER_BATCH = `
with input as (
  select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::int[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
    $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[],
    $25::text[], $26::boolean[], $27::text[], $28::text[], $29::boolean[])
    as t(org_id, id, survey_id, version, invitation_id, score, satisfaction, comment, answers, locale, service_id,
      department_id, employee_id, channel_id, audience, now, invitation_stamp, version_stamp, rule_stamp, org_stamp,
      case_id, due_date, due_at, managers, default_owner, contact_allowed, contact_channel, contact_phone,
      consent_given)
), ok as (
  select t.* from input t
  join survey_invitation i on i.org_id = t.org_id and i.id = t.invitation_id and i.xmin::text = t.invitation_stamp
  join survey s on s.org_id = t.org_id and s.id = i.survey_id and s.current_version = t.version
  join survey_version v on v.org_id = t.org_id and v.survey_id = i.survey_id and v.version = t.version
    and v.xmin::text = t.version_stamp
  where coalesce((select r.xmin::text from follow_up_rule r where r.org_id = t.org_id), '') = t.rule_stamp
    -- A case's deadline was worked out in the organisation's time zone.
    and (t.case_id is null or (select o.xmin::text from organization o where o.id = t.org_id) = t.org_stamp)
), ins as (
  insert into response (org_id, id, survey_id, survey_version, invitation_id, score, satisfaction, comment,
    answers, locale, service_id, department_id, employee_id, channel_id, audience, source, received_at, updated_at)
  select org_id, id, survey_id, version, invitation_id, score, satisfaction, comment, answers::jsonb, locale,
    service_id, department_id, employee_id, channel_id, audience, 'email', now::timestamptz, now::timestamptz
  from ok
  on conflict (org_id, invitation_id) do nothing
  returning *
), written as (
  select ins.*, t.now as now_text from ins join input t on t.id = ins.id
), answered as (
  update survey_invitation i set state = 'answered', answered_at = w.received_at
  from written w where i.org_id = w.org_id and i.id = w.invitation_id
), hooks as (${deliveries("response.created", "written ins", responsePayload("ins.now_text"), {
  org: "ins.org_id",
  now: "ins.now_text",
  at: "ins.received_at",
})}
), dept as (
  -- A case's queue: the tagged employee's department, else the tagged service's, else the answer's own tag.
  select t.*, coalesce(
    (select e.department_id from employee e where e.org_id = t.org_id and e.id = t.employee_id),
    (select s.department_id from service s where s.org_id = t.org_id and s.id = t.service_id),
    t.department_id) as case_department_id
  from written w join input t on t.id = w.id
  where t.case_id is not null
), own as (
  -- Its owner: the manager the rule names, else the department's first manager, else the default owner.
  select d.*, case when d.case_department_id is null then d.default_owner else coalesce(
    d.managers::jsonb ->> d.case_department_id,
    (select m.user_id from employee e
      join member m on m.user_id = e.user_id and m.organization_id = d.org_id
      where e.org_id = d.org_id and e.department_id = d.case_department_id and e.archived_at is null
        and m.role = 'manager'
      order by m.created_at asc limit 1),
    d.default_owner) end as owner_id
  from dept d
), k as (
  insert into follow_up_case (org_id, id, response_id, survey_id, service_id, department_id, employee_id, state,
    contact_allowed, contact_channel, contact_phone, owner_id, due_date, due_at, opened_at, updated_at)
  select org_id, case_id, id, survey_id, service_id, case_department_id, employee_id, 'open',
    contact_allowed, contact_channel, contact_phone, owner_id, due_date::date, due_at::timestamptz,
    now::timestamptz, now::timestamptz
  from own
  returning *
), opened as (
  select k.*, o.now as now_text, o.score as answer_score, o.satisfaction as answer_satisfaction,
    o.due_date as due_text, o.consent_given
  from k join own o on o.case_id = k.id
), timeline as (
  insert into follow_up_event (org_id, id, case_id, kind, actor_id, from_state, to_state, note, data, at)
  select k.org_id, gen_random_uuid()::text, k.id, 'opened', null, null, 'open', null,
    jsonb_build_object('score', k.answer_score, 'satisfaction', k.answer_satisfaction, 'ownerId', k.owner_id,
      'dueDate', k.due_text),
    k.now_text::timestamptz
  from opened k
  union all
  select k.org_id, gen_random_uuid()::text, k.id, 'consent', null, null, null, null,
    jsonb_build_object('contact', case when k.contact_allowed then k.contact_channel else 'no' end),
    k.now_text::timestamptz
  from opened k where k.consent_given
), case_hooks as (${deliveries("case.created", "opened k", casePayload("k.now_text"), {
  org: "k.org_id",
  now: "k.now_text",
  at: "k.now_text::timestamptz",
})}
)
select w.id, t.case_id from written w join input t on t.id = w.id`;

const runFirstAnswer = preparedSql("kaja_first_answer", FIRST_ANSWER);
const runFirstAnswerWithCase = preparedSql("kaja_first_answer_case", FIRST_ANSWER_WITH_CASE);

const runFirstAnswerBatch = preparedSql("kaja_first_answer_batch", FIRST_ANSWER_BATCH);

/**
 * First-answer statements running at once per connection pool; answers arriving meanwhile are written together by
 * the next one (decision 062). The pool has 10 connections: the rest serve the page views and everything else.
 */
const FIRST_ANSWERS_IN_FLIGHT = 2;
/** The most answers one statement writes. */
const FIRST_ANSWERS_PER_STATEMENT = 64;
/** An answer's parameters: 19, and 10 more when it opens a case (FIRST_ANSWER_WITH_CASE). */
const ANSWER_PARAMETERS = 19;
const CASE_PARAMETERS = 10;

type TFirstAnswer = { responseId: string; caseId: string | null } | null;
/** One answer alone, by the statement for its kind. */
async function runOneFirstAnswer(db: Db, values: unknown[]): Promise<TFirstAnswer> {
  const rows =
    values.length > ANSWER_PARAMETERS
      ? await runFirstAnswerWithCase(db, values)
      : await runFirstAnswer(db, values);
  const row = rows[0] as { id: string; case_id: string | null } | undefined;
  return row ? { responseId: row.id, caseId: row.case_id ?? null } : null;
}

/** Several answers, of either kind, by FIRST_ANSWER_BATCH; null for those not written. */
async function runFirstAnswers(db: Db, inputs: unknown[][]): Promise<TFirstAnswer[]> {
  const columns = Array.from({ length: ANSWER_PARAMETERS + CASE_PARAMETERS }, (_, c) =>
    inputs.map((values) => values[c] ?? null),
  );
  const written = new Map<string, string | null>();
  for (const row of await runFirstAnswerBatch(db, columns))
    written.set(row.id as string, (row.case_id as string | null) ?? null);
  return inputs.map((values) => {
    const id = values[1] as string;
    return written.has(id) ? { responseId: id, caseId: written.get(id) ?? null } : null;
  });
}

/** The group-commit batcher of a PostgreSQL pool's first answers; none on PGlite (one statement at a time). */
const answerBatcher = batcherPerPool<unknown[], TFirstAnswer>((db) => ({
  inFlight: FIRST_ANSWERS_IN_FLIGHT,
  maxBatch: FIRST_ANSWERS_PER_STATEMENT,
  runOne: (values) => runOneFirstAnswer(db, values),
  runMany: (inputs) => runFirstAnswers(db, inputs),
}));

/** How the pool's first answers were grouped so far (for the benches), or undefined on PGlite. */
export function firstAnswerBatchStats(db: Db) {
  return answerBatcher(db)?.stats;
}

/** Row stamps (`xmin` as text) of what a first answer depends on, as the link read found them. */
export interface TLinkStamps {
  invitation: string;
  version: string;
  /** '' when the organisation has no follow-up rule. */
  rule: string;
  org: string;
}

export interface FirstAnswerInput {
  orgId: string;
  surveyId: string;
  version: number;
  invitation: {
    id: string;
    serviceId: string | null;
    departmentId: string | null;
    employeeId: string | null;
    channelId: string | null;
    audience: string | null;
  };
  value: TCheckedAnswer & { score: number };
  locale: string;
  now: Date;
  /** The row stamps (`xmin`) read with the link: nothing is written unless they still hold. */
  stamps: TLinkStamps;
  /** The case to open with the answer (the follow-up rule said so), with the organisation's time zone. */
  openCase?: { rule: TFollowUpRule; timeZone: string; consent?: TContactConsent };
}

/**
 * A first answer in one statement, atomic without a transaction: the answer (the rollup triggers append its
 * delta), the invitation marked answered, a response.created delivery per subscribed webhook endpoint and,
 * when `openCase` is given, the follow-up case with its timeline entries (opened, and the contact consent when
 * given) and its case.created deliveries — the rows answerInvitation's transaction path writes. Returns null,
 * having written nothing, when the invitation already has an answer or what the answer depends on changed since
 * the link was read (`stamps`).
 */
export async function insertFirstAnswer(db: Db, a: FirstAnswerInput): Promise<TFirstAnswer> {
  const values = firstAnswerValues(a);
  const batcher = answerBatcher(db);
  return batcher ? batcher.run(values) : runOneFirstAnswer(db, values);
}

/**
 * Several first answers in one statement, as the group-commit batcher writes them (decision 062): null for each
 * answer not written (the invitation had an answer, or the link changed since it was read).
 */
export function insertFirstAnswersTogether(db: Db, answers: FirstAnswerInput[]): Promise<TFirstAnswer[]> {
  return runFirstAnswers(db, answers.map(firstAnswerValues));
}

/** The parameters of FIRST_ANSWER, or of FIRST_ANSWER_WITH_CASE when the answer opens a case. */
function firstAnswerValues(a: FirstAnswerInput): unknown[] {
  const i = a.invitation;
  const c = a.openCase;
  const due = c ? caseDeadline(a.now, c.rule.deadlineWorkingDays, c.timeZone) : null;
  const consent = c?.consent;
  const allowed = consent ? consent.contact !== "no" : null;
  const answer = [
    a.orgId,
    randomUUID(),
    a.surveyId,
    a.version,
    i.id,
    a.value.score,
    a.value.satisfaction ?? null,
    a.value.comment ?? null,
    JSON.stringify(a.value.answers),
    a.locale,
    i.serviceId,
    i.departmentId,
    i.employeeId,
    i.channelId,
    i.audience,
    a.now.toISOString(),
    a.stamps.invitation,
    a.stamps.version,
    a.stamps.rule,
  ];
  return !c
    ? answer
    : [
        ...answer,
        a.stamps.org,
        randomUUID(),
        due?.dueDate ?? null,
        due?.dueAt.toISOString() ?? null,
        JSON.stringify(c.rule.departmentManagers ?? {}),
        c.rule.defaultOwnerId ?? null,
        allowed,
        consent && allowed ? consent.contact : null,
        consent?.contact === "phone" ? (consent.phone ?? null) : null,
        Boolean(consent),
      ];
}
