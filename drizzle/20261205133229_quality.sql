CREATE TABLE "quality_agreement" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"evaluation_id" text NOT NULL,
	"employee_id" text NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"responsible_user_id" text,
	"responsible_employee_id" text,
	"deadline" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"reminder_claimed_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"follow_up_evaluation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_agreement_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_evaluation" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"employee_id" text NOT NULL,
	"department_id" text,
	"channel" text NOT NULL,
	"model_id" text NOT NULL,
	"model_version_id" text NOT NULL,
	"contact_kind" text NOT NULL,
	"response_id" text,
	"invitation_id" text,
	"contact_reference" text,
	"contact_duration_sec" integer,
	"contact_date" date NOT NULL,
	"evaluator_id" text NOT NULL,
	"state" text NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_pct" numeric(9, 4),
	"total_rounded" integer,
	"band" text,
	"critical_failed" boolean DEFAULT false NOT NULL,
	"employee_comment" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"previous_id" text,
	"superseded_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"seen_at" timestamp with time zone,
	"finalized_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_evaluation_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_evaluation_score" (
	"org_id" text NOT NULL,
	"evaluation_id" text NOT NULL,
	"section_key" text NOT NULL,
	"criterion_key" text NOT NULL,
	"value" numeric(9, 4),
	"not_applicable" boolean DEFAULT false NOT NULL,
	"comment" text,
	"disputed" boolean DEFAULT false NOT NULL,
	"dispute_text" text,
	"resolution" text,
	"resolution_note" text,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "quality_evaluation_score_org_id_evaluation_id_criterion_key_pk" PRIMARY KEY("org_id","evaluation_id","criterion_key")
);
--> statement-breakpoint
CREATE TABLE "quality_model" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"template_key" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_model_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_model_version" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"model_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"status" text NOT NULL,
	"activated_at" timestamp with time zone,
	"frozen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_model_version_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_section_comment" (
	"org_id" text NOT NULL,
	"evaluation_id" text NOT NULL,
	"section_key" text NOT NULL,
	"comment" text NOT NULL,
	CONSTRAINT "quality_section_comment_org_id_evaluation_id_section_key_pk" PRIMARY KEY("org_id","evaluation_id","section_key")
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"bands" jsonb DEFAULT '{"veryGoodFrom":81,"goodFrom":61}'::jsonb NOT NULL,
	"quotas" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"default_quota" integer DEFAULT 3 NOT NULL,
	"reminder_days_before" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quality_agreement" ADD CONSTRAINT "quality_agreement_org_id_evaluation_id_quality_evaluation_org_id_id_fk" FOREIGN KEY ("org_id","evaluation_id") REFERENCES "public"."quality_evaluation"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_evaluation" ADD CONSTRAINT "quality_evaluation_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_evaluation" ADD CONSTRAINT "quality_evaluation_org_id_model_version_id_quality_model_version_org_id_id_fk" FOREIGN KEY ("org_id","model_version_id") REFERENCES "public"."quality_model_version"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_evaluation_score" ADD CONSTRAINT "quality_evaluation_score_org_id_evaluation_id_quality_evaluation_org_id_id_fk" FOREIGN KEY ("org_id","evaluation_id") REFERENCES "public"."quality_evaluation"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_model" ADD CONSTRAINT "quality_model_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_model_version" ADD CONSTRAINT "quality_model_version_org_id_model_id_quality_model_org_id_id_fk" FOREIGN KEY ("org_id","model_id") REFERENCES "public"."quality_model"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_section_comment" ADD CONSTRAINT "quality_section_comment_org_id_evaluation_id_quality_evaluation_org_id_id_fk" FOREIGN KEY ("org_id","evaluation_id") REFERENCES "public"."quality_evaluation"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_agreement_number_uq" ON "quality_agreement" USING btree ("org_id","evaluation_id","number");--> statement-breakpoint
CREATE INDEX "quality_agreement_state_idx" ON "quality_agreement" USING btree ("org_id","state","deadline");--> statement-breakpoint
CREATE INDEX "quality_agreement_employee_idx" ON "quality_agreement" USING btree ("org_id","employee_id","state");--> statement-breakpoint
CREATE INDEX "quality_evaluation_employee_idx" ON "quality_evaluation" USING btree ("org_id","employee_id","contact_date");--> statement-breakpoint
CREATE INDEX "quality_evaluation_evaluator_idx" ON "quality_evaluation" USING btree ("org_id","evaluator_id","contact_date");--> statement-breakpoint
CREATE INDEX "quality_evaluation_state_idx" ON "quality_evaluation" USING btree ("org_id","state","contact_date");--> statement-breakpoint
CREATE INDEX "quality_model_channel_idx" ON "quality_model" USING btree ("org_id","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_model_version_uq" ON "quality_model_version" USING btree ("org_id","model_id","version");