CREATE TABLE "contact_record" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"source_id" text NOT NULL,
	"kind" text NOT NULL,
	"queue_id" text NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"employee_id" text,
	"service_id" text,
	"department_id" text,
	"fcr_flag" boolean,
	"fcr_outcome" boolean,
	"caller_hash" text,
	"recording_ref" text,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_record_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "contact_record_source_uq" UNIQUE("org_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_queue" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_queue_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "kpi_rollup_day" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"queue_id" text NOT NULL,
	"service_id" text,
	"department_id" text,
	"employee_id" text,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"short_abandoned" integer DEFAULT 0 NOT NULL,
	"answered_within" integer DEFAULT 0 NOT NULL,
	"answer_wait_ms" bigint DEFAULT 0 NOT NULL,
	"wait_ms" bigint DEFAULT 0 NOT NULL,
	"fcr_measured" integer DEFAULT 0 NOT NULL,
	"fcr_resolved" integer DEFAULT 0 NOT NULL,
	"w0" integer DEFAULT 0 NOT NULL,
	"w1" integer DEFAULT 0 NOT NULL,
	"w2" integer DEFAULT 0 NOT NULL,
	"w3" integer DEFAULT 0 NOT NULL,
	"w4" integer DEFAULT 0 NOT NULL,
	"w5" integer DEFAULT 0 NOT NULL,
	"w6" integer DEFAULT 0 NOT NULL,
	"w7" integer DEFAULT 0 NOT NULL,
	"w8" integer DEFAULT 0 NOT NULL,
	"w9" integer DEFAULT 0 NOT NULL,
	"w10" integer DEFAULT 0 NOT NULL,
	"w11" integer DEFAULT 0 NOT NULL,
	"w12" integer DEFAULT 0 NOT NULL,
	"w13" integer DEFAULT 0 NOT NULL,
	"w14" integer DEFAULT 0 NOT NULL,
	"w15" integer DEFAULT 0 NOT NULL,
	"w16" integer DEFAULT 0 NOT NULL,
	"w17" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_rollup_day_cell_uq" UNIQUE NULLS NOT DISTINCT("org_id","day","kind","queue_id","service_id","department_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_rollup_month" (
	"org_id" text NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"queue_id" text NOT NULL,
	"service_id" text,
	"department_id" text,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"short_abandoned" integer DEFAULT 0 NOT NULL,
	"answered_within" integer DEFAULT 0 NOT NULL,
	"answer_wait_ms" bigint DEFAULT 0 NOT NULL,
	"wait_ms" bigint DEFAULT 0 NOT NULL,
	"fcr_measured" integer DEFAULT 0 NOT NULL,
	"fcr_resolved" integer DEFAULT 0 NOT NULL,
	"w0" integer DEFAULT 0 NOT NULL,
	"w1" integer DEFAULT 0 NOT NULL,
	"w2" integer DEFAULT 0 NOT NULL,
	"w3" integer DEFAULT 0 NOT NULL,
	"w4" integer DEFAULT 0 NOT NULL,
	"w5" integer DEFAULT 0 NOT NULL,
	"w6" integer DEFAULT 0 NOT NULL,
	"w7" integer DEFAULT 0 NOT NULL,
	"w8" integer DEFAULT 0 NOT NULL,
	"w9" integer DEFAULT 0 NOT NULL,
	"w10" integer DEFAULT 0 NOT NULL,
	"w11" integer DEFAULT 0 NOT NULL,
	"w12" integer DEFAULT 0 NOT NULL,
	"w13" integer DEFAULT 0 NOT NULL,
	"w14" integer DEFAULT 0 NOT NULL,
	"w15" integer DEFAULT 0 NOT NULL,
	"w16" integer DEFAULT 0 NOT NULL,
	"w17" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_rollup_month_cell_uq" UNIQUE NULLS NOT DISTINCT("org_id","month","kind","queue_id","service_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"caller_secret" text NOT NULL,
	"service_level_seconds" integer DEFAULT 20 NOT NULL,
	"short_abandon_seconds" integer DEFAULT 5 NOT NULL,
	"fcr_window_days" integer DEFAULT 7 NOT NULL,
	"retention_months" integer DEFAULT 6 NOT NULL,
	"targets" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "written_request" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"deadline_days" integer,
	"received_at" timestamp with time zone NOT NULL,
	"deadline" date NOT NULL,
	"replied_at" timestamp with time zone,
	"employee_id" text,
	"service_id" text,
	"remind_on" date NOT NULL,
	"reminder_claimed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "written_request_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "contact_record" ADD CONSTRAINT "contact_record_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_queue" ADD CONSTRAINT "kpi_queue_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_rollup_day" ADD CONSTRAINT "kpi_rollup_day_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_rollup_month" ADD CONSTRAINT "kpi_rollup_month_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_settings" ADD CONSTRAINT "kpi_settings_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "written_request" ADD CONSTRAINT "written_request_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_record_arrived_idx" ON "contact_record" USING btree ("org_id","arrived_at");--> statement-breakpoint
CREATE INDEX "contact_record_caller_idx" ON "contact_record" USING btree ("org_id","caller_hash","service_id","arrived_at") WHERE caller_hash is not null;--> statement-breakpoint
CREATE INDEX "written_request_deadline_idx" ON "written_request" USING btree ("org_id","deadline");