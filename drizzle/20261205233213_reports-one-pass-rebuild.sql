-- A rebuild reads the raw answers and invitations once (decision 038): it counts them into a temporary base table
-- at the finest grain (day × every tag), then fills the six rollups from it and from each other. Every fill is the
-- same statement, built by kaja_rollup_fill from the rollup's key columns. The fold and the delta triggers are
-- unchanged; the figures are the same as the six separate passes before.
-- The 24 counts of every rollup, in column order.
CREATE FUNCTION kaja_rollup_count_columns() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array(SELECT 'r' || i FROM generate_series(0, 10) i)
    || array(SELECT 's' || i FROM generate_series(0, 10) i)
    || array['invited_answers', 'invitations_sent'];
$$;
--> statement-breakpoint
-- Adds p_source's cells (one organisation's, or all when p_org is null), summed to p_target's key, to p_target.
-- A day source feeds a month target by cutting its civil days into months; the source is already in the
-- organisation's time zone.
CREATE FUNCTION kaja_rollup_fill(p_target text, p_target_period text, p_source text, p_source_period text,
    p_keys text[], p_org text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  counts text[] := kaja_rollup_count_columns();
  keys text := (SELECT string_agg(format('%I', k), ', ') FROM unnest(p_keys) k);
  sums text := (SELECT string_agg(format('sum(b.%1$I)::int', c), ', ') FROM unnest(counts) c);
  adds text := (SELECT string_agg(format('%1$I = t.%1$I + excluded.%1$I', c), ', ') FROM unnest(counts) c);
  by_key text := (SELECT string_agg(i::text, ', ') FROM generate_series(1, 2 + cardinality(p_keys)) i);
  period text := CASE
    WHEN p_target_period = p_source_period THEN format('b.%I', p_source_period)
    WHEN p_target_period = 'month' AND p_source_period = 'day' THEN 'date_trunc(''month'', b.day)::date'
  END;
BEGIN
  IF period IS NULL THEN
    RAISE EXCEPTION 'kaja_rollup_fill: cannot fill % cells of % from % cells', p_target_period, p_target, p_source_period;
  END IF;
  EXECUTE format(
    'insert into %1$I as t (org_id, %2$I, %3$s, %4$s) '
    'select b.org_id, %5$s, %6$s, %7$s from %8$I b where $1 is null or b.org_id = $1 '
    'group by %9$s order by %9$s '
    'on conflict on constraint %10$I do update set %11$s',
    p_target, p_target_period, keys, array_to_string(counts, ', '), period,
    (SELECT string_agg(format('b.%I', k), ', ') FROM unnest(p_keys) k), sums, p_source, by_key,
    p_target || '_cell_uq', adds)
  USING p_org;
END;
$$;
--> statement-breakpoint
-- Recomputes the six rollups of one organisation (all when null) from the raw rows in one pass over them.
CREATE OR REPLACE FUNCTION kaja_rollup_rebuild_cells(p_org text) RETURNS void LANGUAGE plpgsql AS $$
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
  DROP TABLE IF EXISTS kaja_rollup_base;
  EXECUTE format(
    'create temporary table kaja_rollup_base on commit drop as '
    'select d.org_id, (d.at at time zone o.time_zone)::date as day, %1$s, '
    '  %2$s, count(*) filter (where d.invited)::int as invited_answers, '
    '  count(*) filter (where d.sent)::int as invitations_sent '
    'from (select r.org_id, r.received_at as at, %3$s, r.score, r.satisfaction, '
    '    r.invitation_id is not null as invited, false as sent '
    '  from response r where $1 is null or r.org_id = $1 '
    '  union all '
    '  select i.org_id, i.sent_at, %4$s, null, null, false, true '
    '  from survey_invitation i where i.sent_at is not null and ($1 is null or i.org_id = $1)) d '
    'join organization o on o.id = d.org_id '
    'group by %5$s',
    (SELECT string_agg(format('d.%I', k), ', ') FROM unnest(tags) k),
    (SELECT string_agg(format('count(*) filter (where d.score = %1$s)::int as r%1$s', i), ', ')
       FROM generate_series(0, 10) i) || ', ' ||
    (SELECT string_agg(format('count(*) filter (where d.satisfaction = %1$s)::int as s%1$s', i), ', ')
       FROM generate_series(0, 10) i),
    (SELECT string_agg(format('r.%I', k), ', ') FROM unnest(tags) k),
    (SELECT string_agg(format('i.%I', k), ', ') FROM unnest(tags) k),
    (SELECT string_agg(i::text, ', ') FROM generate_series(1, 2 + cardinality(tags)) i))
  USING p_org;
  -- The finest rollups from the base; the coarser ones from the smallest finer rollup with their keys.
  PERFORM kaja_rollup_fill('rollup_month', 'month', 'kaja_rollup_base', 'day', tags, p_org);
  PERFORM kaja_rollup_fill('rollup_day', 'day', 'kaja_rollup_base', 'day',
    array['survey_id', 'service_id', 'channel_id', 'audience'], p_org);
  PERFORM kaja_rollup_fill('rollup_day_employee', 'day', 'kaja_rollup_base', 'day',
    array['department_id', 'employee_id'], p_org);
  DROP TABLE kaja_rollup_base;
  PERFORM kaja_rollup_fill('rollup_month_coarse', 'month', 'rollup_day', 'day',
    array['survey_id', 'service_id', 'channel_id', 'audience'], p_org);
  PERFORM kaja_rollup_fill('rollup_month_service', 'month', 'rollup_month_coarse', 'month',
    array['service_id', 'audience'], p_org);
  PERFORM kaja_rollup_fill('rollup_month_employee', 'month', 'rollup_day_employee', 'day',
    array['department_id', 'employee_id'], p_org);
END;
$$;
--> statement-breakpoint
DROP FUNCTION kaja_rollup_rebuild_tag_cells(text);
--> statement-breakpoint
DROP FUNCTION kaja_rollup_rebuild_report_cells(text);
