CREATE TYPE "public"."email_failure_reason" AS ENUM('recipient_refused', 'mailbox_full', 'sender_refused', 'auth_failed', 'connection_failed', 'timeout', 'tls', 'message_too_large', 'temporary', 'no_relay', 'no_sender', 'other');--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD COLUMN "failure_reason" "email_failure_reason";--> statement-breakpoint
-- Emails already waiting for settings get their reason; earlier relay failures keep only their text.
UPDATE "email_deliveries" SET "failure_reason" = 'no_sender' WHERE "last_error" = 'the organisation has no sender settings';--> statement-breakpoint
UPDATE "email_deliveries" SET "failure_reason" = 'no_relay' WHERE "last_error" = 'SMTP_URL is not set';
