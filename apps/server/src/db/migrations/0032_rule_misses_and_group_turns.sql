CREATE TABLE "group_turns" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"last_user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_misses" (
	"rule_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ticket_version" timestamp with time zone NOT NULL,
	"conditions_version" text NOT NULL,
	CONSTRAINT "rule_misses_rule_id_ticket_id_pk" PRIMARY KEY("rule_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "group_turns" ADD CONSTRAINT "group_turns_group_id_handler_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."handler_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_turns" ADD CONSTRAINT "group_turns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_misses" ADD CONSTRAINT "rule_misses_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_misses" ADD CONSTRAINT "rule_misses_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_misses_ticket" ON "rule_misses" USING btree ("ticket_id");