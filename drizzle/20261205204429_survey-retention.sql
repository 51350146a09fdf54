CREATE TABLE "privacy_survey_retention" (
	"org_id" text NOT NULL,
	"survey_id" text NOT NULL,
	"invitation_months" integer,
	"respondent_months" integer,
	"callback_months" integer,
	"comment_months" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_survey_retention_org_id_survey_id_pk" PRIMARY KEY("org_id","survey_id")
);
--> statement-breakpoint
ALTER TABLE "privacy_survey_retention" ADD CONSTRAINT "privacy_survey_retention_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_survey_retention" ADD CONSTRAINT "privacy_survey_retention_org_id_survey_id_survey_org_id_id_fk" FOREIGN KEY ("org_id","survey_id") REFERENCES "public"."survey"("org_id","id") ON DELETE cascade ON UPDATE no action;