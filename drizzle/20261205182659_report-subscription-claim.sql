ALTER TABLE "report_subscription" ADD COLUMN "claimed_month" text;--> statement-breakpoint
ALTER TABLE "report_subscription" ADD COLUMN "claimed_at" timestamp with time zone;