-- The start of each ticket's current status period: its latest move to another state or workflow
-- status (a state change, or a change of type that took it to another workflow's status), else its
-- creation. Added without a default first, so that existing rows are filled from their history.
ALTER TABLE "tickets" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
UPDATE "tickets" t SET "status_changed_at" = coalesce(
  (SELECT max(e."created_at") FROM "ticket_events" e
    WHERE e."ticket_id" = t."id"
      AND (e."type" = 'ticket.state_changed'
        OR (e."type" IN ('ticket.edited', 'ticket.reclassified') AND e."data" ? 'toStatus'
          AND e."data"->'toStatus' <> coalesce(e."data"->'fromStatus', 'null'::jsonb)))),
  t."created_at");--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "status_changed_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "status_changed_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_open_org_status_changed" ON "tickets" USING btree ("organisation_id","status_changed_at") WHERE "tickets"."state" IN ('new', 'in_progress', 'waiting_for_customer');
