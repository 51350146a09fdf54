-- A third rollup: the coarse dimensions by month (whole-month reports without department, employee or language,
-- and benchmarks read a few hundred rows per organisation and month instead of thousands). The same triggers now
-- keep all three in the writing transaction. See docs/insights.md.
CREATE OR REPLACE FUNCTION kaja_rollup_apply(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
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

  insert into rollup_month_coarse as t (org_id, month, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.survey_id, d.service_id, d.channel_id,
    d.audience,
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
  on conflict on constraint rollup_month_coarse_cell_uq do update set
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
CREATE OR REPLACE FUNCTION kaja_rollup_rebuild(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM rollup_month WHERE p_org IS NULL OR org_id = p_org;
  DELETE FROM rollup_day WHERE p_org IS NULL OR org_id = p_org;
  DELETE FROM rollup_month_coarse WHERE p_org IS NULL OR org_id = p_org;
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

  insert into rollup_month_coarse as t (org_id, month, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.survey_id, d.service_id, d.channel_id,
    d.audience,
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
  on conflict on constraint rollup_month_coarse_cell_uq do update set
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
-- Fill it from the day rollup, which has the same dimensions and is exact.
INSERT INTO rollup_month_coarse (org_id, month, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
SELECT org_id, date_trunc('month', day::timestamp)::date, survey_id, service_id, channel_id, audience,
  sum(r0),
    sum(r1),
    sum(r2),
    sum(r3),
    sum(r4),
    sum(r5),
    sum(r6),
    sum(r7),
    sum(r8),
    sum(r9),
    sum(r10),
    sum(s0),
    sum(s1),
    sum(s2),
    sum(s3),
    sum(s4),
    sum(s5),
    sum(s6),
    sum(s7),
    sum(s8),
    sum(s9),
    sum(s10),
    sum(invited_answers),
    sum(invitations_sent)
FROM rollup_day
GROUP BY 1, 2, 3, 4, 5, 6;

