ALTER TABLE "group_signatures" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "body_html" text;