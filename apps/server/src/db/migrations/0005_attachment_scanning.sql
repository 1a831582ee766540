CREATE TYPE "public"."attachment_scan_status" AS ENUM('pending', 'clean', 'infected', 'skipped');--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "has_thumbnail" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "scan_status" "attachment_scan_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "uploaded_by" "actor_kind" DEFAULT 'resident' NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "published" boolean DEFAULT false NOT NULL;