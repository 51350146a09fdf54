CREATE TABLE "follow_up_preference" (
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"assignment_mail" text DEFAULT 'each' NOT NULL,
	"last_digest_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_preference_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "follow_up_case" ADD COLUMN "recovery_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_up_case" ADD COLUMN "recovery_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_up_case" ADD COLUMN "recovery_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_up_case" ADD COLUMN "recovery_token_hash" text;--> statement-breakpoint
ALTER TABLE "follow_up_rule" ADD COLUMN "recovery_delay_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_up_preference" ADD CONSTRAINT "follow_up_preference_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_case_recovery_token_uq" ON "follow_up_case" USING btree ("recovery_token_hash");--> statement-breakpoint
CREATE INDEX "follow_up_case_recovery_idx" ON "follow_up_case" USING btree ("resolved_at") WHERE "follow_up_case"."recovery_sent_at" is null and "follow_up_case"."state" = 'resolved';