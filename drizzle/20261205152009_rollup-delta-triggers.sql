-- Rollups without a hot row (decision 014): the statement-level triggers append signed per-row deltas to rollup_delta
-- instead of upserting the rollup cells in the writer's transaction; kaja_rollup_fold moves them into the rollups in
-- batches (the fold job), and report queries add the rows not yet folded. The deltas keep the instant, not the day:
-- the fold cuts days and months in the organisation's time zone as it is then.
CREATE FUNCTION kaja_rollup_defer(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deltas IS NULL OR cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  SELECT d.org_id, d.at, d.survey_id, d.service_id, d.department_id, d.employee_id, d.channel_id, d.audience, d.locale, d.score, d.satisfaction, d.invited, d.sent, d.sign
  FROM unnest(deltas) d;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaja_rollup_response_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_defer(array(select (x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, x.score, x.satisfaction, x.invitation_id is not null, false, 1)::kaja_rollup_delta from new_rows x));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaja_rollup_response_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_defer(array(select (x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, x.score, x.satisfaction, x.invitation_id is not null, false, -1)::kaja_rollup_delta from old_rows x));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Only rows whose rollup key or scores changed move: the old cell loses one, the new cell gains one.
CREATE OR REPLACE FUNCTION kaja_rollup_response_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_defer(array(
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
CREATE OR REPLACE FUNCTION kaja_rollup_invitation_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_defer(array(select (x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, null, null, false, true, 1)::kaja_rollup_delta from new_rows x where x.sent_at is not null));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaja_rollup_invitation_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_defer(array(select (x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
      x.audience, x.locale, null, null, false, true, -1)::kaja_rollup_delta from old_rows x where x.sent_at is not null));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An invitation counts as sent in the cell of its sent_at; state changes that leave sent_at and the tags alone cost nothing.
CREATE OR REPLACE FUNCTION kaja_rollup_invitation_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_defer(array(
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
-- Folds up to p_limit of the oldest deltas (of one organisation when p_org is given) into the rollups and deletes
-- them, in one transaction; rows another fold holds are skipped, so folds run side by side. Returns the rows folded.
CREATE FUNCTION kaja_rollup_fold(p_limit int, p_org text DEFAULT NULL) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  deltas kaja_rollup_delta[];
BEGIN
  WITH claimed AS (
    DELETE FROM rollup_delta WHERE id IN (
      SELECT id FROM rollup_delta WHERE p_org IS NULL OR org_id = p_org ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED
    )
    RETURNING org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign
  )
  SELECT array_agg((c.org_id, c.at, c.survey_id, c.service_id, c.department_id, c.employee_id, c.channel_id, c.audience,
      c.locale, c.score, c.satisfaction, c.invited, c.sent, c.sign)::kaja_rollup_delta)
    INTO deltas FROM claimed c;
  PERFORM kaja_rollup_apply(deltas);
  RETURN coalesce(cardinality(deltas), 0);
END;
$$;
--> statement-breakpoint
-- A rebuild recomputes the cells from the raw rows, which already hold every pending delta: those are dropped first
-- (waiting for a fold that holds some of them, so its cells are then rebuilt too).
ALTER FUNCTION kaja_rollup_rebuild(text) RENAME TO kaja_rollup_rebuild_cells;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_rebuild(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM rollup_delta WHERE p_org IS NULL OR org_id = p_org;
  PERFORM kaja_rollup_rebuild_cells(p_org);
END;
$$;
--> statement-breakpoint
-- What the reports read: the folded cells plus the deltas not yet folded, one row each (the reports sum them).
-- One statement sees one snapshot, and a fold deletes its deltas and adds them to the cells in one transaction,
-- so a report never counts a change twice or misses one.
--> statement-breakpoint
CREATE VIEW rollup_month_live AS
  SELECT org_id, month, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_month
  UNION ALL
  SELECT d.org_id, date_trunc('month', d.at AT TIME ZONE o.time_zone)::date AS month, d.survey_id, d.service_id, d.department_id, d.employee_id, d.channel_id, d.audience, d.locale,
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
CREATE VIEW rollup_month_coarse_live AS
  SELECT org_id, month, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_month_coarse
  UNION ALL
  SELECT d.org_id, date_trunc('month', d.at AT TIME ZONE o.time_zone)::date AS month, d.survey_id, d.service_id, d.channel_id, d.audience,
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
CREATE VIEW rollup_day_live AS
  SELECT org_id, day, survey_id, service_id, channel_id, audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_day
  UNION ALL
  SELECT d.org_id, (d.at AT TIME ZONE o.time_zone)::date AS day, d.survey_id, d.service_id, d.channel_id, d.audience,
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
