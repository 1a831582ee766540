ALTER TABLE "ticket_types" DROP CONSTRAINT "ticket_types_org_kind";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "type_id" uuid;--> statement-breakpoint
-- Hand-written: existing rows are the built-in types, whose key is their kind; tickets.type_id stays null for them.
ALTER TABLE "ticket_types" ADD COLUMN "key" text;--> statement-breakpoint
UPDATE "ticket_types" SET "key" = "kind"::text;--> statement-breakpoint
ALTER TABLE "ticket_types" ALTER COLUMN "key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_type_id_ticket_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_org_type" ON "tickets" USING btree ("organisation_id","type_id") WHERE "tickets"."type_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_org_key" UNIQUE("organisation_id","key");