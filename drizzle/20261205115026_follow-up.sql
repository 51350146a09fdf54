CREATE TABLE "follow_up_case" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"response_id" text NOT NULL,
	"survey_id" text NOT NULL,
	"service_id" text,
	"department_id" text,
	"employee_id" text,
	"state" text NOT NULL,
	"contact_allowed" boolean,
	"contact_channel" text,
	"contact_phone" text,
	"owner_id" text,
	"due_date" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"resolution" text,
	"resolution_note" text,
	"first_contact_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"notified_owner_id" text,
	"overdue_claimed_at" timestamp with time zone,
	"overdue_alerted_at" timestamp with time zone,
	"recovery" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_case_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_event" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_event_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_rule" (
	"org_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"nps_max" integer DEFAULT 6,
	"satisfaction_max" integer DEFAULT 6,
	"surveys" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deadline_working_days" integer DEFAULT 2 NOT NULL,
	"unreachable_after" integer DEFAULT 3 NOT NULL,
	"default_owner_id" text,
	"department_managers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recovery_question" boolean DEFAULT false NOT NULL,
	"public_page" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_action" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_id" text,
	"department_id" text,
	"deadline" date,
	"status" text NOT NULL,
	"drop_reason" text,
	"completed_on" date,
	"public" boolean DEFAULT false NOT NULL,
	"public_texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_action_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "improvement_action_evidence" (
	"org_id" text NOT NULL,
	"action_id" text NOT NULL,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	CONSTRAINT "improvement_action_evidence_org_id_action_id_kind_target_id_pk" PRIMARY KEY("org_id","action_id","kind","target_id")
);
--> statement-breakpoint
CREATE TABLE "improvement_action_note" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"action_id" text NOT NULL,
	"author_id" text,
	"status" text,
	"text" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_action_note_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "improvement_action_service" (
	"org_id" text NOT NULL,
	"action_id" text NOT NULL,
	"service_id" text NOT NULL,
	CONSTRAINT "improvement_action_service_org_id_action_id_service_id_pk" PRIMARY KEY("org_id","action_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "follow_up_case" ADD CONSTRAINT "follow_up_case_org_id_response_id_response_org_id_id_fk" FOREIGN KEY ("org_id","response_id") REFERENCES "public"."response"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_event" ADD CONSTRAINT "follow_up_event_org_id_case_id_follow_up_case_org_id_id_fk" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."follow_up_case"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_rule" ADD CONSTRAINT "follow_up_rule_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action" ADD CONSTRAINT "improvement_action_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action_evidence" ADD CONSTRAINT "improvement_action_evidence_org_id_action_id_improvement_action_org_id_id_fk" FOREIGN KEY ("org_id","action_id") REFERENCES "public"."improvement_action"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action_note" ADD CONSTRAINT "improvement_action_note_org_id_action_id_improvement_action_org_id_id_fk" FOREIGN KEY ("org_id","action_id") REFERENCES "public"."improvement_action"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action_service" ADD CONSTRAINT "improvement_action_service_org_id_action_id_improvement_action_org_id_id_fk" FOREIGN KEY ("org_id","action_id") REFERENCES "public"."improvement_action"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_case_response_uq" ON "follow_up_case" USING btree ("org_id","response_id");--> statement-breakpoint
CREATE INDEX "follow_up_case_state_idx" ON "follow_up_case" USING btree ("org_id","state","due_at");--> statement-breakpoint
CREATE INDEX "follow_up_case_owner_idx" ON "follow_up_case" USING btree ("org_id","owner_id","state");--> statement-breakpoint
CREATE INDEX "follow_up_case_department_idx" ON "follow_up_case" USING btree ("org_id","department_id","state");--> statement-breakpoint
CREATE INDEX "follow_up_case_overdue_idx" ON "follow_up_case" USING btree ("due_at") WHERE "follow_up_case"."overdue_alerted_at" is null and "follow_up_case"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "follow_up_event_case_idx" ON "follow_up_event" USING btree ("org_id","case_id","at");--> statement-breakpoint
CREATE INDEX "improvement_action_status_idx" ON "improvement_action" USING btree ("org_id","status","completed_on");--> statement-breakpoint
CREATE INDEX "improvement_action_note_idx" ON "improvement_action_note" USING btree ("org_id","action_id","at");