-- The audit log is append-only: no UPDATE, no DELETE, no TRUNCATE through any connection of Kaja. The one way
-- entries go is with their organisation (the foreign key's ON DELETE CASCADE): by then the organisation row is gone.
CREATE FUNCTION kaja_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.org_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM organization WHERE id = OLD.org_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kaja_audit_append_only();
--> statement-breakpoint
CREATE FUNCTION kaja_audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION kaja_audit_no_truncate();
