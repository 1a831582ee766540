CREATE TABLE "organisation_themes" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb,
	"logo" "bytea",
	"logo_type" text,
	"logo_sha256" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_themes" ADD CONSTRAINT "organisation_themes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;