-- The text index gets the creation week as its second column: relevance search reads only the newest matches (tickets.queries.ts).
DROP INDEX "tickets_search";--> statement-breakpoint
CREATE INDEX "tickets_search" ON "tickets" USING gin ("search_vector",array_to_tsvector(ARRAY[floor(extract(epoch FROM "created_at" - '1970-01-01 00:00:00+00'::timestamptz) / 604800)::int::text]));