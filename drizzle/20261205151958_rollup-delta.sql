CREATE TABLE "rollup_delta" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rollup_delta_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"survey_id" text NOT NULL,
	"service_id" text,
	"department_id" text,
	"employee_id" text,
	"channel_id" text,
	"audience" text,
	"locale" text NOT NULL,
	"score" integer,
	"satisfaction" integer,
	"invited" boolean NOT NULL,
	"sent" boolean NOT NULL,
	"sign" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rollup_delta_org_idx" ON "rollup_delta" USING btree ("org_id");