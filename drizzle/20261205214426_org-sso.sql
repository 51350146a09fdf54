CREATE TABLE "org_sso" (
	"org_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_encrypted" text NOT NULL,
	"jit_enabled" boolean DEFAULT false NOT NULL,
	"jit_role" text DEFAULT 'viewer' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "sso_org_id" text;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "sso_mfa" boolean;--> statement-breakpoint
ALTER TABLE "org_sso" ADD CONSTRAINT "org_sso_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;