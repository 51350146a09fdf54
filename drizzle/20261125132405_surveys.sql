CREATE TABLE "response" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"survey_id" text NOT NULL,
	"survey_version" integer NOT NULL,
	"invitation_id" text,
	"score" integer NOT NULL,
	"satisfaction" integer,
	"comment" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" text NOT NULL,
	"service_id" text,
	"department_id" text,
	"employee_id" text,
	"channel_id" text,
	"audience" text,
	"source" text NOT NULL,
	"external_id" text,
	"respondent_name" text,
	"respondent_email" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "response_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "survey_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_invitation" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"survey_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"locale" text NOT NULL,
	"service_id" text,
	"department_id" text,
	"employee_id" text,
	"channel_id" text,
	"audience" text,
	"contact_id" text,
	"state" text NOT NULL,
	"reason" text,
	"occurred_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_invitation_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_version" (
	"org_id" text NOT NULL,
	"survey_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_version_org_id_survey_id_version_pk" PRIMARY KEY("org_id","survey_id","version")
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "group_labels" jsonb;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "min_sample" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "response" ADD CONSTRAINT "response_org_id_survey_id_survey_version_survey_version_org_id_survey_id_version_fk" FOREIGN KEY ("org_id","survey_id","survey_version") REFERENCES "public"."survey_version"("org_id","survey_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_org_id_survey_id_survey_org_id_id_fk" FOREIGN KEY ("org_id","survey_id") REFERENCES "public"."survey"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_version" ADD CONSTRAINT "survey_version_org_id_survey_id_survey_org_id_id_fk" FOREIGN KEY ("org_id","survey_id") REFERENCES "public"."survey"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "response_invitation_uq" ON "response" USING btree ("org_id","invitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "response_external_uq" ON "response" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "response_org_received_idx" ON "response" USING btree ("org_id","received_at");--> statement-breakpoint
CREATE INDEX "response_org_survey_received_idx" ON "response" USING btree ("org_id","survey_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_org_slug_uq" ON "survey" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitation_token_uq" ON "survey_invitation" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_invitation_org_state_idx" ON "survey_invitation" USING btree ("org_id","state","scheduled_at");