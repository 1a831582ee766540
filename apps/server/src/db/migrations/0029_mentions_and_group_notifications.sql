ALTER TYPE "public"."notification_kind" ADD VALUE 'mention';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'group_new';--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL;