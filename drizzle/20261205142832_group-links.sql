CREATE TABLE "group_link" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"agency_org_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	"ended_by_side" text,
	"ended_by" text,
	"ended_at" timestamp with time zone,
	CONSTRAINT "group_link_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "group_link" ADD CONSTRAINT "group_link_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_link" ADD CONSTRAINT "group_link_agency_org_id_organization_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_link_open_uq" ON "group_link" USING btree ("org_id","agency_org_id") WHERE state in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "group_link_agency_idx" ON "group_link" USING btree ("agency_org_id");