CREATE TABLE "callbacks" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"phone_number" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"queue" text,
	"called_back_at" timestamp with time zone,
	"called_back_by" uuid,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"external_id" text NOT NULL,
	"thread_id" text,
	"ticket_id" uuid NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "external_requests" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"service_request_id" text,
	"status" text,
	"status_notes" text,
	"external_updated_at" text,
	"last_polled_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"secret" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"category_id" uuid NOT NULL,
	"language" "language" DEFAULT 'fi' NOT NULL,
	"reply_url" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"api_key" text NOT NULL,
	"service_code" text NOT NULL,
	"jurisdiction_id" text,
	"not_ours_marker" text DEFAULT 'NOT_OURS' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"call_id" text NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"message_id" uuid,
	"caller_number" text NOT NULL,
	"queue" text,
	"agent" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_clients" ADD COLUMN "permissions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_clients" ADD COLUMN "default_category_id" uuid;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_called_back_by_users_id_fk" FOREIGN KEY ("called_back_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_channel_id_inbound_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."inbound_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_message_id_ticket_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."ticket_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_requests" ADD CONSTRAINT "external_requests_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_requests" ADD CONSTRAINT "external_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_requests" ADD CONSTRAINT "external_requests_route_id_open311_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."open311_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_channels" ADD CONSTRAINT "inbound_channels_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_channels" ADD CONSTRAINT "inbound_channels_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_routes" ADD CONSTRAINT "open311_routes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_routes" ADD CONSTRAINT "open311_routes_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_message_id_ticket_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."ticket_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callbacks_org_open" ON "callbacks" USING btree ("organisation_id","window_start") WHERE "callbacks"."called_back_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_messages_external" ON "channel_messages" USING btree ("channel_id","direction","external_id");--> statement-breakpoint
CREATE INDEX "channel_messages_thread" ON "channel_messages" USING btree ("channel_id","thread_id");--> statement-breakpoint
CREATE INDEX "channel_messages_ticket" ON "channel_messages" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "external_requests_polling" ON "external_requests" USING btree ("last_polled_at") WHERE "external_requests"."returned_at" IS NULL AND "external_requests"."service_request_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_channels_key" ON "inbound_channels" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_routes_category" ON "open311_routes" USING btree ("organisation_id","category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_calls_org_call" ON "phone_calls" USING btree ("organisation_id","call_id");--> statement-breakpoint
CREATE INDEX "phone_calls_org_number" ON "phone_calls" USING btree ("organisation_id","caller_number","created_at");--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_default_category_id_categories_id_fk" FOREIGN KEY ("default_category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;