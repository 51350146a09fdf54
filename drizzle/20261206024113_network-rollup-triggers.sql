-- The benchmark networks' rollup (decision 046): answers and sent invitations by organisation, month, service type and
-- audience (the answer's own, else its service's). Type and audience are the service's as they are now: the fold
-- and the `_live` view look them up, and changing a service's type or audience recounts the organisation's cells
-- from `rollup_month_service`, which keeps the service itself. An answer without a service has a null type.
-- Adds a batch of deltas to the cells (called by kaja_rollup_apply with the other rollups).
CREATE FUNCTION kaja_rollup_apply_service_type_cells(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deltas IS NULL OR cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  insert into rollup_month_service_type as t (org_id, month, service_type, service_audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select d.org_id, date_trunc('month', d.at at time zone o.time_zone)::date, s.type, coalesce(d.audience, s.audience),
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
  left join service s on s.org_id = d.org_id and s.id = d.service_id
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint rollup_month_service_type_cell_uq do update set
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
CREATE OR REPLACE FUNCTION kaja_rollup_apply(deltas kaja_rollup_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_apply_tag_cells(deltas);
  PERFORM kaja_rollup_apply_report_cells(deltas);
  PERFORM kaja_rollup_apply_service_type_cells(deltas);
END;
$$;
--> statement-breakpoint
-- Counts the cells of one organisation (all when null) again from `rollup_month_service` and the services' current
-- type and audience. Pending deltas stay pending: the `_live` view adds them with the same look-up.
CREATE FUNCTION kaja_rollup_fill_service_types(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_org IS NULL THEN
    TRUNCATE rollup_month_service_type;
  ELSE
    DELETE FROM rollup_month_service_type WHERE org_id = p_org;
  END IF;
  insert into rollup_month_service_type (org_id, month, service_type, service_audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent)
  select r.org_id, r.month, s.type, coalesce(r.audience, s.audience), sum(r.r0)::int, sum(r.r1)::int, sum(r.r2)::int, sum(r.r3)::int, sum(r.r4)::int, sum(r.r5)::int, sum(r.r6)::int, sum(r.r7)::int, sum(r.r8)::int, sum(r.r9)::int, sum(r.r10)::int, sum(r.s0)::int, sum(r.s1)::int, sum(r.s2)::int, sum(r.s3)::int, sum(r.s4)::int, sum(r.s5)::int, sum(r.s6)::int, sum(r.s7)::int, sum(r.s8)::int, sum(r.s9)::int, sum(r.s10)::int, sum(r.invited_answers)::int, sum(r.invitations_sent)::int
  from rollup_month_service r
  left join service s on s.org_id = r.org_id and s.id = r.service_id
  where p_org is null or r.org_id = p_org
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4;
END;
$$;
--> statement-breakpoint
-- The rebuild (after a time-zone change, or of all organisations) fills the six rollups as before, then this one
-- from `rollup_month_service`.
ALTER FUNCTION kaja_rollup_rebuild_cells(text) RENAME TO kaja_rollup_rebuild_tag_and_report_cells;
--> statement-breakpoint
CREATE FUNCTION kaja_rollup_rebuild_cells(p_org text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kaja_rollup_rebuild_tag_and_report_cells(p_org);
  PERFORM kaja_rollup_fill_service_types(p_org);
END;
$$;
--> statement-breakpoint
-- A service's new type or audience regroups its history. The deltas are locked first, so no fold adds cells under
-- the old type while the organisation's cells are counted again (answers being written wait for the commit).
CREATE FUNCTION kaja_rollup_service_regrouped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE rollup_delta IN EXCLUSIVE MODE;
  PERFORM kaja_rollup_fill_service_types(NEW.org_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_regroups_rollups AFTER UPDATE OF type, audience ON service
  FOR EACH ROW WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.audience IS DISTINCT FROM NEW.audience)
  EXECUTE FUNCTION kaja_rollup_service_regrouped();
--> statement-breakpoint
CREATE VIEW rollup_month_service_type_live AS
  SELECT org_id, month, service_type, service_audience, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited_answers, invitations_sent FROM rollup_month_service_type
  UNION ALL
  SELECT d.org_id, date_trunc('month', d.at AT TIME ZONE o.time_zone)::date AS month, s.type AS service_type,
    coalesce(d.audience, s.audience) AS service_audience,
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
  FROM rollup_delta d JOIN organization o ON o.id = d.org_id
  LEFT JOIN service s ON s.org_id = d.org_id AND s.id = d.service_id;
--> statement-breakpoint
-- The existing cells: counted from `rollup_month_service` with the deltas locked (the pending ones are read live).
LOCK TABLE rollup_delta IN EXCLUSIVE MODE;
--> statement-breakpoint
SELECT kaja_rollup_fill_service_types(NULL);
