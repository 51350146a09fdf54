-- Narrow report rollups (decision 032): rollup_month_service (month × service × audience) for whole-month reports by
-- service and the benchmark networks, rollup_month_employee and rollup_day_employee (month or day × department ×
-- employee) for reports by employee or department and for managers' and agents' scoped reports. The fold adds every
-- delta to them too; a rebuild (time-zone change) recounts them. The delta rows are unchanged.
-- Nothing may append or fold deltas while the new rollups are filled: the pending deltas are folded into the old
-- rollups first, then the new ones are counted from the raw rows, which then hold every change.
LOCK TABLE rollup_delta IN EXCLUSIVE MODE;
--> statement-breakpoint
SELECT kaja_rollup_fold(2147483647);
--> statement-breakpoint
ALTER FUNCTION kaja_rollup_apply(kaja_rollup_delta[]) RENAME TO kaja_rollup_apply_tag_cells;
--> statement-breakpoint
ALTER FUNCTION kaja_rollup_rebuild_cells(text) RENAME TO kaja_rollup_rebuild_tag_cells;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_apply_report_cells(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deltas IS NULL OR cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  insert into rollup_month_service as t (org_id, month, service_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.service_id, d.audience,
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
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_month_service_cell_uq do update set
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

  insert into rollup_month_employee as t (org_id, month, department_id, employee_id, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.department_id, d.employee_id,
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
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_month_employee_cell_uq do update set
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

  insert into rollup_day_employee as t (org_id, day, department_id, employee_id, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, (d.at at time zone o.time_zone)::date, d.department_id, d.employee_id,
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
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_day_employee_cell_uq do update set
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
CREATE FUNCTION kaja_rollup_apply(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply_tag_cells(deltas);
  PERFORM kaja_rollup_apply_report_cells(deltas);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_rebuild_report_cells(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM rollup_month_service WHERE p_org IS NULL OR org_id = p_org;
  DELETE FROM rollup_month_employee WHERE p_org IS NULL OR org_id = p_org;
  DELETE FROM rollup_day_employee WHERE p_org IS NULL OR org_id = p_org;
  insert into rollup_month_service as t (org_id, month, service_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.service_id, d.audience,
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
  from (select r.org_id, r.received_at as at, r.service_id, r.department_id, r.employee_id, r.audience, r.score, r.satisfaction,
      r.invitation_id is not null as invited, false as sent, 1 as sign
    from response r where p_org is null or r.org_id = p_org
    union all
    select i.org_id, i.sent_at, i.service_id, i.department_id, i.employee_id, i.audience, null, null, false, true, 1
    from survey_invitation i where i.sent_at is not null and (p_org is null or i.org_id = p_org)) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_month_service_cell_uq do update set
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

  insert into rollup_month_employee as t (org_id, month, department_id, employee_id, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, d.department_id, d.employee_id,
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
  from (select r.org_id, r.received_at as at, r.service_id, r.department_id, r.employee_id, r.audience, r.score, r.satisfaction,
      r.invitation_id is not null as invited, false as sent, 1 as sign
    from response r where p_org is null or r.org_id = p_org
    union all
    select i.org_id, i.sent_at, i.service_id, i.department_id, i.employee_id, i.audience, null, null, false, true, 1
    from survey_invitation i where i.sent_at is not null and (p_org is null or i.org_id = p_org)) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_month_employee_cell_uq do update set
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

  insert into rollup_day_employee as t (org_id, day, department_id, employee_id, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, (d.at at time zone o.time_zone)::date, d.department_id, d.employee_id,
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
  from (select r.org_id, r.received_at as at, r.service_id, r.department_id, r.employee_id, r.audience, r.score, r.satisfaction,
      r.invitation_id is not null as invited, false as sent, 1 as sign
    from response r where p_org is null or r.org_id = p_org
    union all
    select i.org_id, i.sent_at, i.service_id, i.department_id, i.employee_id, i.audience, null, null, false, true, 1
    from survey_invitation i where i.sent_at is not null and (p_org is null or i.org_id = p_org)) d
  join organization o on o.id = d.org_id
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_day_employee_cell_uq do update set
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
CREATE FUNCTION kaja_rollup_rebuild_cells(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_rebuild_tag_cells(p_org);
  PERFORM kaja_rollup_rebuild_report_cells(p_org);
END;
$$;
--> statement-breakpoint
CREATE VIEW rollup_month_service_live AS
  SELECT org_id, month, service_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_month_service
  UNION ALL
  SELECT d.org_id, date_trunc('month', d.at AT TIME ZONE o.time_zone)::date AS month, d.service_id, d.audience,
    coalesce((d.score = 0)::int, 0) * d.sign AS r0,
    coalesce((d.score = 1)::int, 0) * d.sign AS r1,
    coalesce((d.score = 2)::int, 0) * d.sign AS r2,
    coalesce((d.score = 3)::int, 0) * d.sign AS r3,
    coalesce((d.score = 4)::int, 0) * d.sign AS r4,
    coalesce((d.score = 5)::int, 0) * d.sign AS r5,
    coalesce((d.score = 6)::int, 0) * d.sign AS r6,
    coalesce((d.score = 7)::int, 0) * d.sign AS r7,
    coalesce((d.score = 8)::int, 0) * d.sign AS r8,
    coalesce((d.score = 9)::int, 0) * d.sign AS r9,
    coalesce((d.score = 10)::int, 0) * d.sign AS r10,
    coalesce((d.satisfaction = 0)::int, 0) * d.sign AS s0,
    coalesce((d.satisfaction = 1)::int, 0) * d.sign AS s1,
    coalesce((d.satisfaction = 2)::int, 0) * d.sign AS s2,
    coalesce((d.satisfaction = 3)::int, 0) * d.sign AS s3,
    coalesce((d.satisfaction = 4)::int, 0) * d.sign AS s4,
    coalesce((d.satisfaction = 5)::int, 0) * d.sign AS s5,
    coalesce((d.satisfaction = 6)::int, 0) * d.sign AS s6,
    coalesce((d.satisfaction = 7)::int, 0) * d.sign AS s7,
    coalesce((d.satisfaction = 8)::int, 0) * d.sign AS s8,
    coalesce((d.satisfaction = 9)::int, 0) * d.sign AS s9,
    coalesce((d.satisfaction = 10)::int, 0) * d.sign AS s10,
    d.invited::int * d.sign AS invited_answers,
    d.sent::int * d.sign AS invitations_sent
  FROM rollup_delta d JOIN organization o ON o.id = d.org_id;
--> statement-breakpoint
CREATE VIEW rollup_month_employee_live AS
  SELECT org_id, month, department_id, employee_id, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_month_employee
  UNION ALL
  SELECT d.org_id, date_trunc('month', d.at AT TIME ZONE o.time_zone)::date AS month, d.department_id, d.employee_id,
    coalesce((d.score = 0)::int, 0) * d.sign AS r0,
    coalesce((d.score = 1)::int, 0) * d.sign AS r1,
    coalesce((d.score = 2)::int, 0) * d.sign AS r2,
    coalesce((d.score = 3)::int, 0) * d.sign AS r3,
    coalesce((d.score = 4)::int, 0) * d.sign AS r4,
    coalesce((d.score = 5)::int, 0) * d.sign AS r5,
    coalesce((d.score = 6)::int, 0) * d.sign AS r6,
    coalesce((d.score = 7)::int, 0) * d.sign AS r7,
    coalesce((d.score = 8)::int, 0) * d.sign AS r8,
    coalesce((d.score = 9)::int, 0) * d.sign AS r9,
    coalesce((d.score = 10)::int, 0) * d.sign AS r10,
    coalesce((d.satisfaction = 0)::int, 0) * d.sign AS s0,
    coalesce((d.satisfaction = 1)::int, 0) * d.sign AS s1,
    coalesce((d.satisfaction = 2)::int, 0) * d.sign AS s2,
    coalesce((d.satisfaction = 3)::int, 0) * d.sign AS s3,
    coalesce((d.satisfaction = 4)::int, 0) * d.sign AS s4,
    coalesce((d.satisfaction = 5)::int, 0) * d.sign AS s5,
    coalesce((d.satisfaction = 6)::int, 0) * d.sign AS s6,
    coalesce((d.satisfaction = 7)::int, 0) * d.sign AS s7,
    coalesce((d.satisfaction = 8)::int, 0) * d.sign AS s8,
    coalesce((d.satisfaction = 9)::int, 0) * d.sign AS s9,
    coalesce((d.satisfaction = 10)::int, 0) * d.sign AS s10,
    d.invited::int * d.sign AS invited_answers,
    d.sent::int * d.sign AS invitations_sent
  FROM rollup_delta d JOIN organization o ON o.id = d.org_id;
--> statement-breakpoint
CREATE VIEW rollup_day_employee_live AS
  SELECT org_id, day, department_id, employee_id, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_day_employee
  UNION ALL
  SELECT d.org_id, (d.at AT TIME ZONE o.time_zone)::date AS day, d.department_id, d.employee_id,
    coalesce((d.score = 0)::int, 0) * d.sign AS r0,
    coalesce((d.score = 1)::int, 0) * d.sign AS r1,
    coalesce((d.score = 2)::int, 0) * d.sign AS r2,
    coalesce((d.score = 3)::int, 0) * d.sign AS r3,
    coalesce((d.score = 4)::int, 0) * d.sign AS r4,
    coalesce((d.score = 5)::int, 0) * d.sign AS r5,
    coalesce((d.score = 6)::int, 0) * d.sign AS r6,
    coalesce((d.score = 7)::int, 0) * d.sign AS r7,
    coalesce((d.score = 8)::int, 0) * d.sign AS r8,
    coalesce((d.score = 9)::int, 0) * d.sign AS r9,
    coalesce((d.score = 10)::int, 0) * d.sign AS r10,
    coalesce((d.satisfaction = 0)::int, 0) * d.sign AS s0,
    coalesce((d.satisfaction = 1)::int, 0) * d.sign AS s1,
    coalesce((d.satisfaction = 2)::int, 0) * d.sign AS s2,
    coalesce((d.satisfaction = 3)::int, 0) * d.sign AS s3,
    coalesce((d.satisfaction = 4)::int, 0) * d.sign AS s4,
    coalesce((d.satisfaction = 5)::int, 0) * d.sign AS s5,
    coalesce((d.satisfaction = 6)::int, 0) * d.sign AS s6,
    coalesce((d.satisfaction = 7)::int, 0) * d.sign AS s7,
    coalesce((d.satisfaction = 8)::int, 0) * d.sign AS s8,
    coalesce((d.satisfaction = 9)::int, 0) * d.sign AS s9,
    coalesce((d.satisfaction = 10)::int, 0) * d.sign AS s10,
    d.invited::int * d.sign AS invited_answers,
    d.sent::int * d.sign AS invitations_sent
  FROM rollup_delta d JOIN organization o ON o.id = d.org_id;
--> statement-breakpoint
SELECT kaja_rollup_rebuild_report_cells(NULL);
