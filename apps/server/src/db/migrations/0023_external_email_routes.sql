ALTER TYPE "public"."email_kind" ADD VALUE 'external';--> statement-breakpoint
ALTER TABLE "open311_routes" ALTER COLUMN "endpoint" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "open311_routes" ALTER COLUMN "api_key" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "open311_routes" ALTER COLUMN "service_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "open311_routes" ADD COLUMN "delivery" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "open311_routes" ADD COLUMN "email" text;