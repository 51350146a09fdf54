-- The rollup triggers append their deltas straight from the transition tables (decision 050): one INSERT … SELECT
-- per statement, where they built an array of kaja_rollup_delta in one query and handed it to kaja_rollup_defer,
-- which unnested it in a second function call and a third query. The rows written are the same.
CREATE OR REPLACE FUNCTION kaja_rollup_response_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  SELECT x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, x.score, x.satisfaction, x.invitation_id IS NOT NULL, false, 1
  FROM new_rows x;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaja_rollup_response_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  SELECT x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, x.score, x.satisfaction, x.invitation_id IS NOT NULL, false, -1
  FROM old_rows x;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Only rows whose rollup key or scores changed move: the old cell loses one, the new cell gains one.
CREATE OR REPLACE FUNCTION kaja_rollup_response_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  WITH moved AS (
    SELECT o.org_id, o.id FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
    WHERE o.received_at IS DISTINCT FROM n.received_at OR o.survey_id IS DISTINCT FROM n.survey_id OR o.service_id IS DISTINCT FROM n.service_id OR o.department_id IS DISTINCT FROM n.department_id OR o.employee_id IS DISTINCT FROM n.employee_id OR o.channel_id IS DISTINCT FROM n.channel_id OR o.audience IS DISTINCT FROM n.audience OR o.locale IS DISTINCT FROM n.locale OR o.score IS DISTINCT FROM n.score OR o.satisfaction IS DISTINCT FROM n.satisfaction OR (o.invitation_id IS NULL) <> (n.invitation_id IS NULL)
  )
  SELECT x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, x.score, x.satisfaction, x.invitation_id IS NOT NULL, false, -1
  FROM old_rows x WHERE (x.org_id, x.id) IN (SELECT org_id, id FROM moved)
  UNION ALL
  SELECT x.org_id, x.received_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, x.score, x.satisfaction, x.invitation_id IS NOT NULL, false, 1
  FROM new_rows x WHERE (x.org_id, x.id) IN (SELECT org_id, id FROM moved);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaja_rollup_invitation_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  SELECT x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, null::int, null::int, false, true, 1
  FROM new_rows x WHERE x.sent_at IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaja_rollup_invitation_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  SELECT x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, null::int, null::int, false, true, -1
  FROM old_rows x WHERE x.sent_at IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An invitation counts as sent in the cell of its sent_at; state changes that leave sent_at and the tags alone
-- (an answer marking its invitation answered) write nothing.
CREATE OR REPLACE FUNCTION kaja_rollup_invitation_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_delta (org_id, at, survey_id, service_id, department_id, employee_id, channel_id, audience, locale, score, satisfaction, invited, sent, sign)
  WITH moved AS (
    SELECT o.org_id, o.id FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
    WHERE o.sent_at IS DISTINCT FROM n.sent_at OR o.survey_id IS DISTINCT FROM n.survey_id OR o.service_id IS DISTINCT FROM n.service_id OR o.department_id IS DISTINCT FROM n.department_id OR o.employee_id IS DISTINCT FROM n.employee_id OR o.channel_id IS DISTINCT FROM n.channel_id OR o.audience IS DISTINCT FROM n.audience OR o.locale IS DISTINCT FROM n.locale
  )
  SELECT x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, null::int, null::int, false, true, -1
  FROM old_rows x WHERE x.sent_at IS NOT NULL AND (x.org_id, x.id) IN (SELECT org_id, id FROM moved)
  UNION ALL
  SELECT x.org_id, x.sent_at, x.survey_id, x.service_id, x.department_id, x.employee_id, x.channel_id,
    x.audience, x.locale, null::int, null::int, false, true, 1
  FROM new_rows x WHERE x.sent_at IS NOT NULL AND (x.org_id, x.id) IN (SELECT org_id, id FROM moved);
  RETURN NULL;
END;
$$;
