ALTER TYPE "public"."channel" ADD VALUE 'other';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "absent_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "absent_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "substitute_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "working_calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "requester_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_substitute_id_users_id_fk" FOREIGN KEY ("substitute_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_working_calendar_id_business_calendars_id_fk" FOREIGN KEY ("working_calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_org_requester" ON "tickets" USING btree ("organisation_id","requester_id","created_at") WHERE "tickets"."requester_id" IS NOT NULL;