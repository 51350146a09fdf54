CREATE TABLE "privacy_retention" (
	"org_id" text PRIMARY KEY NOT NULL,
	"contact_months" integer NOT NULL,
	"invitation_months" integer NOT NULL,
	"respondent_months" integer NOT NULL,
	"callback_months" integer NOT NULL,
	"comment_months" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_retention" ADD CONSTRAINT "privacy_retention_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;