CREATE TABLE "benchmark_member" (
	"network_id" text NOT NULL,
	"org_id" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_member_network_id_org_id_pk" PRIMARY KEY("network_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "benchmark_network" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_network_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "contact" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"email" text,
	"phone" text,
	"name" text,
	"locale" text,
	"external_id" text,
	"opted_out_at" timestamp with time zone,
	"email_invalid_at" timestamp with time zone,
	"email_invalid_reason" text,
	"last_surveyed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "invitation_delivery" (
	"org_id" text NOT NULL,
	"invitation_id" text NOT NULL,
	"source" text NOT NULL,
	"idempotency_key" text,
	"bulk_id" text,
	"message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"reminder_due_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitation_delivery_org_id_invitation_id_pk" PRIMARY KEY("org_id","invitation_id")
);
--> statement-breakpoint
CREATE TABLE "praise" (
	"org_id" text NOT NULL,
	"response_id" text NOT NULL,
	"target" text NOT NULL,
	"employee_id" text,
	"service_id" text,
	"text" text NOT NULL,
	"approved_at" timestamp with time zone,
	"marked_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "praise_org_id_response_id_pk" PRIMARY KEY("org_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "report_subscription" (
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"locale" text DEFAULT 'et' NOT NULL,
	"last_sent_month" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_subscription_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_delivery" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status" integer,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_delivery_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "webhook_endpoint_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "contact_rules" jsonb;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "praise_wall_token" text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "public_widget" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey" ADD COLUMN "contact_rules" jsonb;--> statement-breakpoint
ALTER TABLE "benchmark_member" ADD CONSTRAINT "benchmark_member_network_id_benchmark_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."benchmark_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_member" ADD CONSTRAINT "benchmark_member_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation_delivery" ADD CONSTRAINT "invitation_delivery_org_id_invitation_id_survey_invitation_org_id_id_fk" FOREIGN KEY ("org_id","invitation_id") REFERENCES "public"."survey_invitation"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "praise" ADD CONSTRAINT "praise_org_id_response_id_response_org_id_id_fk" FOREIGN KEY ("org_id","response_id") REFERENCES "public"."response"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscription" ADD CONSTRAINT "report_subscription_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscription" ADD CONSTRAINT "report_subscription_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_org_id_endpoint_id_webhook_endpoint_org_id_id_fk" FOREIGN KEY ("org_id","endpoint_id") REFERENCES "public"."webhook_endpoint"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benchmark_member_org_idx" ON "benchmark_member" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_org_external_uq" ON "contact" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_org_email_uq" ON "contact" USING btree ("org_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "invitation_delivery_idem_uq" ON "invitation_delivery" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "webhook_delivery_state_idx" ON "webhook_delivery" USING btree ("state","next_attempt_at");