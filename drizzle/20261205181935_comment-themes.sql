CREATE TABLE "comment_analysis" (
	"org_id" text NOT NULL,
	"response_id" text NOT NULL,
	"theme_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"tone" text NOT NULL,
	"text_tone" text NOT NULL,
	"disagrees" boolean NOT NULL,
	"language" text,
	"themes_hash" text NOT NULL,
	"analysed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_analysis_org_id_response_id_pk" PRIMARY KEY("org_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "theme" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"key" text NOT NULL,
	"names" jsonb NOT NULL,
	"keywords" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "theme_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "comment_analysis" ADD CONSTRAINT "comment_analysis_org_id_response_id_response_org_id_id_fk" FOREIGN KEY ("org_id","response_id") REFERENCES "public"."response"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme" ADD CONSTRAINT "theme_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_analysis_theme_ids_idx" ON "comment_analysis" USING gin ("theme_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "theme_org_key_uq" ON "theme" USING btree ("org_id","key");