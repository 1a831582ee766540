CREATE TYPE "public"."attachment_status" AS ENUM('processing', 'ready', 'rejected');--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "status" "attachment_status" DEFAULT 'ready' NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "rejected_reason" text;--> statement-breakpoint
UPDATE "attachments" SET "status" = 'rejected', "rejected_reason" = 'infected' WHERE "scan_status" = 'infected';
