-- Rollups of answers and sent invitations, kept in the same transaction as every write by statement-level triggers
-- with transition tables (one upsert per touched cell and statement, whatever the write path: answer page, CSV
-- import, demo data, API, plain SQL). See docs/insights.md.
CREATE TYPE kaja_rollup_delta AS (
  org_id text, at timestamptz, survey_id text, service_id text, department_id text, employee_id text,
  channel_id text, audience text, locale text, score int, satisfaction int, invited boolean, sent boolean, sign int
);
--> statement-breakpoint
-- Adds signed deltas to both rollups; days and months are cut in each organisation's time zone.
CREATE FUNCTION kaja_rollup_apply(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deltas IS NULL OR cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  insert into rollup_month as t (org_id, month, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.survey_id, d.service_id,
    d.department_id, d.employee_id, d.channel_id, d.audience, d.locale,
    coalesce(sum(d.sign) filter (where d.score = 0), 0),
    coalesce(sum(d.sign) filter (where d.score = 1), 0),
    coalesce(sum(d.sign) filter (where d.score = 2), 0),
    coalesce(sum(d.sign) filter (where d.score = 3), 0),
    coalesce(sum(d.sign) filter (where d.score = 4), 0),
    coalesce(sum(d.sign) filter (where d.score = 5), 0),
    coalesce(sum(d.sign) filter (where d.score = 6), 0),
    coalesce(sum(d.sign) filter (where d.score = 7), 0),
    coalesce(sum(d.sign) filter (where d.score = 8), 0),
    coalesce(sum(d.sign) filter (where d.score = 9), 0),
    coalesce(sum(d.sign) filter (where d.score = 10), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 0), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 1), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 2), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 3), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 4), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 5), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 6), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 7), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 8), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 9), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 10), 0),
    coalesce(sum(d.sign) filter (where d.invited), 0),
    coalesce(sum(d.sign) filter (where d.sent), 0)
  from unnest(deltas) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  order by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict on constraint rollup_month_cell_uq do update set
    r0 = t.r0 + excluded.r0,
    r1 = t.r1 + excluded.r1,
    r2 = t.r2 + excluded.r2,
    r3 = t.r3 + excluded.r3,
    r4 = t.r4 + excluded.r4,
    r5 = t.r5 + excluded.r5,
    r6 = t.r6 + excluded.r6,
    r7 = t.r7 + excluded.r7,
    r8 = t.r8 + excluded.r8,
    r9 = t.r9 + excluded.r9,
    r10 = t.r10 + excluded.r10,
    s0 = t.s0 + excluded.s0,
    s1 = t.s1 + excluded.s1,
    s2 = t.s2 + excluded.s2,
    s3 = t.s3 + excluded.s3,
    s4 = t.s4 + excluded.s4,
    s5 = t.s5 + excluded.s5,
    s6 = t.s6 + excluded.s6,
    s7 = t.s7 + excluded.s7,
    s8 = t.s8 + excluded.s8,
    s9 = t.s9 + excluded.s9,
    s10 = t.s10 + excluded.s10,
    invited_answers = t.invited_answers + excluded.invited_answers,
    invitations_sent = t.invitations_sent + excluded.invitations_sent;

  insert into rollup_day as t (org_id, day, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, (d.at at time zone o.time_zone)::date, d.survey_id, d.service_id, d.channel_id, d.audience,
    coalesce(sum(d.sign) filter (where d.score = 0), 0),
    coalesce(sum(d.sign) filter (where d.score = 1), 0),
    coalesce(sum(d.sign) filter (where d.score = 2), 0),
    coalesce(sum(d.sign) filter (where d.score = 3), 0),
    coalesce(sum(d.sign) filter (where d.score = 4), 0),
    coalesce(sum(d.sign) filter (where d.score = 5), 0),
    coalesce(sum(d.sign) filter (where d.score = 6), 0),
    coalesce(sum(d.sign) filter (where d.score = 7), 0),
    coalesce(sum(d.sign) filter (where d.score = 8), 0),
    coalesce(sum(d.sign) filter (where d.score = 9), 0),
    coalesce(sum(d.sign) filter (where d.score = 10), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 0), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 1), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 2), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 3), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 4), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 5), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 6), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 7), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 8), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 9), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 10), 0),
    coalesce(sum(d.sign) filter (where d.invited), 0),
    coalesce(sum(d.sign) filter (where d.sent), 0)
  from unnest(deltas) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4, 5, 6
  order by 1, 2, 3, 4, 5, 6
  on conflict on constraint rollup_day_cell_uq do update set
    r0 = t.r0 + excluded.r0,
    r1 = t.r1 + excluded.r1,
    r2 = t.r2 + excluded.r2,
    r3 = t.r3 + excluded.r3,
    r4 = t.r4 + excluded.r4,
    r5 = t.r5 + excluded.r5,
    r6 = t.r6 + excluded.r6,
    r7 = t.r7 + excluded.r7,
    r8 = t.r8 + excluded.r8,
    r9 = t.r9 + excluded.r9,
    r10 = t.r10 + excluded.r10,
    s0 = t.s0 + excluded.s0,
    s1 = t.s1 + excluded.s1,
    s2 = t.s2 + excluded.s2,
    s3 = t.s3 + excluded.s3,
    s4 = t.s4 + excluded.s4,
    s5 = t.s5 + excluded.s5,
    s6 = t.s6 + excluded.s6,
    s7 = t.s7 + excluded.s7,
    s8 = t.s8 + excluded.s8,
    s9 = t.s9 + excluded.s9,
    s10 = t.s10 + excluded.s10,
    invited_answers = t.invited_answers + excluded.invited_answers,
    invitations_sent = t.invitations_sent + excluded.invitations_sent;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_response_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply(array(select (x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, x.score, x.satisfaction, x.invitation_id is not null, false, 1)::kaja_rollup_delta from new_rows x));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_response_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply(array(select (x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, x.score, x.satisfaction, x.invitation_id is not null, false, -1)::kaja_rollup_delta from old_rows x));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Only rows whose rollup key or scores changed move: the old cell loses one, the new cell gains one.
CREATE FUNCTION kaja_rollup_response_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply(array(
    with moved as (
      select o.org_id, o.id from old_rows o join new_rows n on n.org_id = o.org_id and n.id = o.id
      where o.received_at is distinct from n.received_at or o.survey_id is distinct from n.survey_id or o.service_id is distinct from n.service_id or o.department_id is distinct from n.department_id or o.employee_id is distinct from n.employee_id or o.channel_id is distinct from n.channel_id or o.audience is distinct from n.audience or o.locale is distinct from n.locale or o.score is distinct from n.score or o.satisfaction is distinct from n.satisfaction or (o.invitation_id is null) <> (n.invitation_id is null)
    )
    select (x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, x.score, x.satisfaction, x.invitation_id is not null, false, -1)::kaja_rollup_delta from old_rows x where (x.org_id, x.id) in (select org_id, id from moved)
    union all
    select (x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, x.score, x.satisfaction, x.invitation_id is not null, false, 1)::kaja_rollup_delta from new_rows x where (x.org_id, x.id) in (select org_id, id from moved)
  ));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_invitation_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply(array(select (x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, null, null, false, true, 1)::kaja_rollup_delta from new_rows x where x.sent_at is not null));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_invitation_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply(array(select (x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, null, null, false, true, -1)::kaja_rollup_delta from old_rows x where x.sent_at is not null));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An invitation counts as sent in the cell of its sent_at; state changes that leave sent_at and the tags alone cost nothing.
CREATE FUNCTION kaja_rollup_invitation_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply(array(
    with moved as (
      select o.org_id, o.id from old_rows o join new_rows n on n.org_id = o.org_id and n.id = o.id
      where o.sent_at is distinct from n.sent_at or o.survey_id is distinct from n.survey_id or o.service_id is distinct from n.service_id or o.department_id is distinct from n.department_id or o.employee_id is distinct from n.employee_id or o.channel_id is distinct from n.channel_id or o.audience is distinct from n.audience or o.locale is distinct from n.locale
    )
    select (x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, null, null, false, true, -1)::kaja_rollup_delta from old_rows x where x.sent_at is not null and (x.org_id, x.id) in (select org_id, id from moved)
    union all
    select (x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, null, null, false, true, 1)::kaja_rollup_delta from new_rows x where x.sent_at is not null and (x.org_id, x.id) in (select org_id, id from moved)
  ));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_response_ins AFTER INSERT ON response REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_rollup_response_ins();
--> statement-breakpoint
CREATE TRIGGER rollup_response_upd AFTER UPDATE ON response REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_rollup_response_upd();
--> statement-breakpoint
CREATE TRIGGER rollup_response_del AFTER DELETE ON response REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_rollup_response_del();
--> statement-breakpoint
CREATE TRIGGER rollup_invitation_ins AFTER INSERT ON survey_invitation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_rollup_invitation_ins();
--> statement-breakpoint
CREATE TRIGGER rollup_invitation_upd AFTER UPDATE ON survey_invitation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_rollup_invitation_upd();
--> statement-breakpoint
CREATE TRIGGER rollup_invitation_del AFTER DELETE ON survey_invitation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_rollup_invitation_del();
--> statement-breakpoint
-- Recomputes one organisation's rollups (all organisations when null) from the raw answers and invitations.
CREATE FUNCTION kaja_rollup_rebuild(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM rollup_month WHERE p_org IS NULL OR org_id = p_org;
  DELETE FROM rollup_day WHERE p_org IS NULL OR org_id = p_org;
  insert into rollup_month as t (org_id, month, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.survey_id, d.service_id,
    d.department_id, d.employee_id, d.channel_id, d.audience, d.locale,
    coalesce(sum(d.sign) filter (where d.score = 0), 0),
    coalesce(sum(d.sign) filter (where d.score = 1), 0),
    coalesce(sum(d.sign) filter (where d.score = 2), 0),
    coalesce(sum(d.sign) filter (where d.score = 3), 0),
    coalesce(sum(d.sign) filter (where d.score = 4), 0),
    coalesce(sum(d.sign) filter (where d.score = 5), 0),
    coalesce(sum(d.sign) filter (where d.score = 6), 0),
    coalesce(sum(d.sign) filter (where d.score = 7), 0),
    coalesce(sum(d.sign) filter (where d.score = 8), 0),
    coalesce(sum(d.sign) filter (where d.score = 9), 0),
    coalesce(sum(d.sign) filter (where d.score = 10), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 0), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 1), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 2), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 3), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 4), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 5), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 6), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 7), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 8), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 9), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 10), 0),
    coalesce(sum(d.sign) filter (where d.invited), 0),
    coalesce(sum(d.sign) filter (where d.sent), 0)
  from (select r.org_id, r.received_at as at, r.survey_id, r.service_id, r.department_id, r.employee_id, r.channel_id,
      r.audience, r.locale, r.score, r.satisfaction, r.invitation_id is not null as invited, false as sent, 1 as sign
    from response r where p_org is null or r.org_id = p_org
    union all
    select i.org_id, i.sent_at, i.survey_id, i.service_id, i.department_id, i.employee_id, i.channel_id,
      i.audience, i.locale, null, null, false, true, 1
    from survey_invitation i where i.sent_at is not null and (p_org is null or i.org_id = p_org)) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  order by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict on constraint rollup_month_cell_uq do update set
    r0 = t.r0 + excluded.r0,
    r1 = t.r1 + excluded.r1,
    r2 = t.r2 + excluded.r2,
    r3 = t.r3 + excluded.r3,
    r4 = t.r4 + excluded.r4,
    r5 = t.r5 + excluded.r5,
    r6 = t.r6 + excluded.r6,
    r7 = t.r7 + excluded.r7,
    r8 = t.r8 + excluded.r8,
    r9 = t.r9 + excluded.r9,
    r10 = t.r10 + excluded.r10,
    s0 = t.s0 + excluded.s0,
    s1 = t.s1 + excluded.s1,
    s2 = t.s2 + excluded.s2,
    s3 = t.s3 + excluded.s3,
    s4 = t.s4 + excluded.s4,
    s5 = t.s5 + excluded.s5,
    s6 = t.s6 + excluded.s6,
    s7 = t.s7 + excluded.s7,
    s8 = t.s8 + excluded.s8,
    s9 = t.s9 + excluded.s9,
    s10 = t.s10 + excluded.s10,
    invited_answers = t.invited_answers + excluded.invited_answers,
    invitations_sent = t.invitations_sent + excluded.invitations_sent;

  insert into rollup_day as t (org_id, day, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, (d.at at time zone o.time_zone)::date, d.survey_id, d.service_id, d.channel_id, d.audience,
    coalesce(sum(d.sign) filter (where d.score = 0), 0),
    coalesce(sum(d.sign) filter (where d.score = 1), 0),
    coalesce(sum(d.sign) filter (where d.score = 2), 0),
    coalesce(sum(d.sign) filter (where d.score = 3), 0),
    coalesce(sum(d.sign) filter (where d.score = 4), 0),
    coalesce(sum(d.sign) filter (where d.score = 5), 0),
    coalesce(sum(d.sign) filter (where d.score = 6), 0),
    coalesce(sum(d.sign) filter (where d.score = 7), 0),
    coalesce(sum(d.sign) filter (where d.score = 8), 0),
    coalesce(sum(d.sign) filter (where d.score = 9), 0),
    coalesce(sum(d.sign) filter (where d.score = 10), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 0), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 1), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 2), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 3), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 4), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 5), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 6), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 7), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 8), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 9), 0),
    coalesce(sum(d.sign) filter (where d.satisfaction = 10), 0),
    coalesce(sum(d.sign) filter (where d.invited), 0),
    coalesce(sum(d.sign) filter (where d.sent), 0)
  from (select r.org_id, r.received_at as at, r.survey_id, r.service_id, r.department_id, r.employee_id, r.channel_id,
      r.audience, r.locale, r.score, r.satisfaction, r.invitation_id is not null as invited, false as sent, 1 as sign
    from response r where p_org is null or r.org_id = p_org
    union all
    select i.org_id, i.sent_at, i.survey_id, i.service_id, i.department_id, i.employee_id, i.channel_id,
      i.audience, i.locale, null, null, false, true, 1
    from survey_invitation i where i.sent_at is not null and (p_org is null or i.org_id = p_org)) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4, 5, 6
  order by 1, 2, 3, 4, 5, 6
  on conflict on constraint rollup_day_cell_uq do update set
    r0 = t.r0 + excluded.r0,
    r1 = t.r1 + excluded.r1,
    r2 = t.r2 + excluded.r2,
    r3 = t.r3 + excluded.r3,
    r4 = t.r4 + excluded.r4,
    r5 = t.r5 + excluded.r5,
    r6 = t.r6 + excluded.r6,
    r7 = t.r7 + excluded.r7,
    r8 = t.r8 + excluded.r8,
    r9 = t.r9 + excluded.r9,
    r10 = t.r10 + excluded.r10,
    s0 = t.s0 + excluded.s0,
    s1 = t.s1 + excluded.s1,
    s2 = t.s2 + excluded.s2,
    s3 = t.s3 + excluded.s3,
    s4 = t.s4 + excluded.s4,
    s5 = t.s5 + excluded.s5,
    s6 = t.s6 + excluded.s6,
    s7 = t.s7 + excluded.s7,
    s8 = t.s8 + excluded.s8,
    s9 = t.s9 + excluded.s9,
    s10 = t.s10 + excluded.s10,
    invited_answers = t.invited_answers + excluded.invited_answers,
    invitations_sent = t.invitations_sent + excluded.invitations_sent;
END;
$$;
--> statement-breakpoint
-- Days and months are civil dates of the organisation: a new time zone re-cuts its cells.
CREATE FUNCTION kaja_rollup_time_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_rebuild(NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_time_zone_changed AFTER UPDATE OF time_zone ON organization
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION kaja_rollup_time_zone_changed();
--> statement-breakpoint
SELECT kaja_rollup_rebuild(NULL);

