ALTER TYPE "public"."notification_kind" ADD VALUE 'rule';--> statement-breakpoint
ALTER TYPE "public"."rule_trigger" ADD VALUE 'time';--> statement-breakpoint
CREATE TABLE "rule_firings" (
	"rule_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_firings_rule_id_ticket_id_period_start_pk" PRIMARY KEY("rule_id","ticket_id","period_start")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "rule_firings" ADD CONSTRAINT "rule_firings_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_firings" ADD CONSTRAINT "rule_firings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_firings_ticket" ON "rule_firings" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_tags" ON "tickets" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "tickets_open_org_updated" ON "tickets" USING btree ("organisation_id","updated_at") WHERE "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer');--> statement-breakpoint
CREATE INDEX "tickets_open_org_created_at" ON "tickets" USING btree ("organisation_id","created_at") WHERE "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer');--> statement-breakpoint
CREATE INDEX "tickets_org_waiting" ON "tickets" USING btree ("organisation_id","sla_paused_at") WHERE "tickets"."sla_paused_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_open_org_sla_warned" ON "tickets" USING btree ("organisation_id","sla_warned_at") WHERE "tickets"."sla_warned_at" IS NOT NULL AND "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer');--> statement-breakpoint
CREATE INDEX "tickets_open_org_sla_breached" ON "tickets" USING btree ("organisation_id","sla_breached_at") WHERE "tickets"."sla_breached_at" IS NOT NULL AND "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer');