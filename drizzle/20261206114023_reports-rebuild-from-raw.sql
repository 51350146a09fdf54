-- A rebuild fills the three finest rollups straight from the raw answers and sent invitations (decision 059), one
-- hash aggregate each, instead of first counting them into a temporary day × every-tag base and sorting that base
-- for every fill (decision 038): at that grain almost every raw row was a base row of its own, so the base only
-- added a write, a read and a sort of every row per rollup. The coarser rollups are still filled from the finer
-- ones, by the same kaja_rollup_fill statement; the cells are the same.
-- Every raw answer and sent invitation as one row at the organisation's civil day with its seven tags and its 24
-- counts (0 or 1). kaja_rollup_fill sums it like any day source; its organisation filter reaches both tables.
CREATE VIEW kaja_rollup_raw AS
  SELECT r.org_id, (r.received_at AT TIME ZONE o.time_zone)::date AS day, r.survey_id, r.service_id, r.department_id, r.employee_id, r.channel_id, r.audience, r.locale,
    coalesce((r.score = 0)::int, 0) AS r0,
    coalesce((r.score = 1)::int, 0) AS r1,
    coalesce((r.score = 2)::int, 0) AS r2,
    coalesce((r.score = 3)::int, 0) AS r3,
    coalesce((r.score = 4)::int, 0) AS r4,
    coalesce((r.score = 5)::int, 0) AS r5,
    coalesce((r.score = 6)::int, 0) AS r6,
    coalesce((r.score = 7)::int, 0) AS r7,
    coalesce((r.score = 8)::int, 0) AS r8,
    coalesce((r.score = 9)::int, 0) AS r9,
    coalesce((r.score = 10)::int, 0) AS r10,
    coalesce((r.satisfaction = 0)::int, 0) AS s0,
    coalesce((r.satisfaction = 1)::int, 0) AS s1,
    coalesce((r.satisfaction = 2)::int, 0) AS s2,
    coalesce((r.satisfaction = 3)::int, 0) AS s3,
    coalesce((r.satisfaction = 4)::int, 0) AS s4,
    coalesce((r.satisfaction = 5)::int, 0) AS s5,
    coalesce((r.satisfaction = 6)::int, 0) AS s6,
    coalesce((r.satisfaction = 7)::int, 0) AS s7,
    coalesce((r.satisfaction = 8)::int, 0) AS s8,
    coalesce((r.satisfaction = 9)::int, 0) AS s9,
    coalesce((r.satisfaction = 10)::int, 0) AS s10,
    (r.invitation_id IS NOT NULL)::int AS invited_answers, 0 AS invitations_sent
  FROM response r JOIN organization o ON o.id = r.org_id
  UNION ALL
  SELECT i.org_id, (i.sent_at AT TIME ZONE o.time_zone)::date, i.survey_id, i.service_id, i.department_id, i.employee_id, i.channel_id, i.audience, i.locale,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
  FROM survey_invitation i JOIN organization o ON o.id = i.org_id
  WHERE i.sent_at IS NOT NULL;
--> statement-breakpoint
-- Recomputes the six rollups of one organisation (all when null): the three finest from the raw rows, the coarser
-- ones from the smallest finer rollup with their keys. rollup_month_service_type follows in kaja_rollup_rebuild_cells.
CREATE OR REPLACE FUNCTION kaja_rollup_rebuild_tag_and_report_cells(p_org text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tags text[] := array['survey_id', 'service_id', 'department_id', 'employee_id', 'channel_id', 'audience', 'locale'];
BEGIN
  -- All organisations: emptied at once, leaving no dead rows behind (readers wait until the rebuild commits).
  IF p_org IS NULL THEN
    TRUNCATE rollup_month, rollup_day, rollup_month_coarse, rollup_month_service, rollup_month_employee,
      rollup_day_employee;
  END IF;
  DELETE FROM rollup_month WHERE org_id = p_org;
  DELETE FROM rollup_day WHERE org_id = p_org;
  DELETE FROM rollup_month_coarse WHERE org_id = p_org;
  DELETE FROM rollup_month_service WHERE org_id = p_org;
  DELETE FROM rollup_month_employee WHERE org_id = p_org;
  DELETE FROM rollup_day_employee WHERE org_id = p_org;
  PERFORM kaja_rollup_fill('rollup_month', 'month', 'kaja_rollup_raw', 'day', tags, p_org);
  PERFORM kaja_rollup_fill('rollup_day', 'day', 'kaja_rollup_raw', 'day',
    array['survey_id', 'service_id', 'channel_id', 'audience'], p_org);
  PERFORM kaja_rollup_fill('rollup_day_employee', 'day', 'kaja_rollup_raw', 'day',
    array['department_id', 'employee_id'], p_org);
  PERFORM kaja_rollup_fill('rollup_month_coarse', 'month', 'rollup_day', 'day',
    array['survey_id', 'service_id', 'channel_id', 'audience'], p_org);
  PERFORM kaja_rollup_fill('rollup_month_service', 'month', 'rollup_month_coarse', 'month',
    array['service_id', 'audience'], p_org);
  PERFORM kaja_rollup_fill('rollup_month_employee', 'month', 'rollup_day_employee', 'day',
    array['department_id', 'employee_id'], p_org);
END;
$$;
