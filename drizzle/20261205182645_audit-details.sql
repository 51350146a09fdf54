ALTER TABLE "audit_log" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_org_id_idx" ON "audit_log" USING btree ("org_id","id");