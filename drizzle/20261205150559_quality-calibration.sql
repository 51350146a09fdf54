CREATE TABLE "quality_calibration_participant" (
	"org_id" text NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "quality_calibration_participant_org_id_session_id_user_id_pk" PRIMARY KEY("org_id","session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "quality_calibration_score" (
	"org_id" text NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"criterion_key" text NOT NULL,
	"value" numeric(9, 4),
	CONSTRAINT "quality_calibration_score_org_id_session_id_user_id_criterion_key_pk" PRIMARY KEY("org_id","session_id","user_id","criterion_key")
);
--> statement-breakpoint
CREATE TABLE "quality_calibration_session" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"model_version_id" text NOT NULL,
	"title" text,
	"response_id" text,
	"contact_reference" text,
	"session_date" date NOT NULL,
	"owner_id" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"reference_scores" jsonb,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_calibration_session_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "quality_calibration_participant" ADD CONSTRAINT "quality_calibration_participant_org_id_session_id_quality_calibration_session_org_id_id_fk" FOREIGN KEY ("org_id","session_id") REFERENCES "public"."quality_calibration_session"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_calibration_score" ADD CONSTRAINT "quality_calibration_score_org_id_session_id_user_id_quality_calibration_participant_org_id_session_id_user_id_fk" FOREIGN KEY ("org_id","session_id","user_id") REFERENCES "public"."quality_calibration_participant"("org_id","session_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_calibration_session" ADD CONSTRAINT "quality_calibration_session_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_calibration_session" ADD CONSTRAINT "quality_calibration_session_org_id_model_version_id_quality_model_version_org_id_id_fk" FOREIGN KEY ("org_id","model_version_id") REFERENCES "public"."quality_model_version"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_calibration_participant_user_idx" ON "quality_calibration_participant" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "quality_calibration_session_date_idx" ON "quality_calibration_session" USING btree ("org_id","session_date");