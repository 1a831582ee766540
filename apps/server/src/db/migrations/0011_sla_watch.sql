ALTER TYPE "public"."notification_kind" ADD VALUE 'sla_warning';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'sla_breached';--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_breached_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_sla_watch_response" ON "tickets" USING btree ("first_response_due_at") WHERE "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer') AND "tickets"."sla_breached_at" IS NULL AND "tickets"."first_response_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tickets_sla_watch_resolution" ON "tickets" USING btree ("resolution_due_at") WHERE "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer') AND "tickets"."sla_breached_at" IS NULL;