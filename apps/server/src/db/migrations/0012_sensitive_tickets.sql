ALTER TABLE "handler_groups" ADD COLUMN "sensitive_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sensitive" boolean DEFAULT false NOT NULL;