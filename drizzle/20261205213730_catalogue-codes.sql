ALTER TABLE "channel" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "department" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "employee" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "service" ADD COLUMN "code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_org_code_uq" ON "channel" USING btree ("org_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "department_org_code_uq" ON "department" USING btree ("org_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "employee_org_code_uq" ON "employee" USING btree ("org_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "service_org_code_uq" ON "service" USING btree ("org_id",lower("code"));