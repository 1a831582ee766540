CREATE TABLE "audit_chain_heads" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "subject_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "actor_kind" "actor_kind" DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "ticket_event_id" bigint;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "event_digest" text;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "handler_groups" ADD COLUMN "description" jsonb;--> statement-breakpoint
-- Hand-written from here on (drizzle-kit does not model functions and triggers): the audit hash
-- chain. The verifier (apps/server/src/modules/audit/audit-chain.ts) recomputes the same
-- canonical serialisation in TypeScript: every field as `<octets>:<value>` or `-` for null.
CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(v)::text || ':' || v END
$$;--> statement-breakpoint
CREATE FUNCTION audit_time(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;--> statement-breakpoint
CREATE FUNCTION audit_sha256(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(v, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- The digest of a ticket event: what the change was, by whom, when.
CREATE FUNCTION audit_event_digest(e ticket_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT audit_sha256('event-v1' || audit_field(e.id::text) || audit_field(e.organisation_id::text) || audit_field(e.ticket_id::text)
    || audit_field(e.type) || audit_field(e.actor_kind::text) || audit_field(e.actor_id::text) || audit_field(e.data::text)
    || audit_field(audit_time(e.created_at)))
$$;--> statement-breakpoint
-- Appends one entry to the organisation's chain. The chain head row stays locked until the
-- calling transaction ends, so concurrent appends queue up instead of forking the chain.
CREATE FUNCTION audit_append(
  p_org uuid, p_actor_kind actor_kind, p_actor_user_id uuid, p_action text, p_subject_type text, p_subject_id uuid,
  p_ticket_event_id bigint, p_event_digest text, p_ip text, p_user_agent text, p_detail jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_at timestamptz := clock_timestamp();
  v_id bigint;
BEGIN
  INSERT INTO audit_chain_heads AS h (organisation_id, last_seq, last_hash) VALUES (p_org, 1, repeat('0', 64))
  ON CONFLICT (organisation_id) DO UPDATE SET last_seq = h.last_seq + 1
  RETURNING last_seq, last_hash INTO v_seq, v_prev;
  v_hash := audit_sha256('entry-v1' || audit_field(p_org::text) || audit_field(v_seq::text) || audit_field(audit_time(v_at))
    || audit_field(p_actor_kind::text) || audit_field(p_actor_user_id::text) || audit_field(p_action) || audit_field(p_subject_type)
    || audit_field(p_subject_id::text) || audit_field(p_ticket_event_id::text) || audit_field(p_event_digest) || audit_field(p_ip)
    || audit_field(p_user_agent) || audit_field(p_detail::text) || audit_field(v_prev));
  INSERT INTO audit_entries (organisation_id, seq, actor_kind, actor_user_id, action, subject_type, subject_id, ticket_event_id,
    event_digest, ip, user_agent, detail, prev_hash, hash, created_at)
  VALUES (p_org, v_seq, p_actor_kind, p_actor_user_id, p_action, p_subject_type, p_subject_id, p_ticket_event_id,
    p_event_digest, p_ip, p_user_agent, p_detail, v_prev, v_hash, v_at)
  RETURNING id INTO v_id;
  UPDATE audit_chain_heads SET last_hash = v_hash WHERE organisation_id = p_org;
  RETURN v_id;
END
$$;--> statement-breakpoint
-- Every ticket change (whatever code path wrote the event) enters the chain in the same
-- transaction. "From where" comes from transaction-local settings that staff changes set.
CREATE FUNCTION audit_ticket_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_append(NEW.organisation_id, NEW.actor_kind, CASE WHEN NEW.actor_kind = 'user' THEN NEW.actor_id END, NEW.type,
    'ticket', NEW.ticket_id, NEW.id, audit_event_digest(NEW), nullif(current_setting('yhteys.origin_ip', true), ''),
    nullif(current_setting('yhteys.origin_user_agent', true), ''), NULL);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Entries written before the chain existed are chained in their original order; earlier ticket
-- events get their change entries, so that the chain covers the whole history.
DO $$
DECLARE
  r record;
  v_seq bigint;
  v_prev text;
  v_hash text;
BEGIN
  FOR r IN SELECT * FROM audit_entries ORDER BY id LOOP
    INSERT INTO audit_chain_heads AS h (organisation_id, last_seq, last_hash) VALUES (r.organisation_id, 1, repeat('0', 64))
    ON CONFLICT (organisation_id) DO UPDATE SET last_seq = h.last_seq + 1
    RETURNING last_seq, last_hash INTO v_seq, v_prev;
    v_hash := audit_sha256('entry-v1' || audit_field(r.organisation_id::text) || audit_field(v_seq::text)
      || audit_field(audit_time(r.created_at)) || audit_field(r.actor_kind::text) || audit_field(r.actor_user_id::text)
      || audit_field(r.action) || audit_field(r.subject_type) || audit_field(r.subject_id::text) || audit_field(NULL)
      || audit_field(NULL) || audit_field(r.ip) || audit_field(NULL) || audit_field(NULL) || audit_field(v_prev));
    UPDATE audit_entries SET seq = v_seq, prev_hash = v_prev, hash = v_hash WHERE id = r.id;
    UPDATE audit_chain_heads SET last_hash = v_hash WHERE organisation_id = r.organisation_id;
  END LOOP;
  FOR r IN SELECT e.*, audit_event_digest(e) AS digest FROM ticket_events e ORDER BY e.id LOOP
    PERFORM audit_append(r.organisation_id, r.actor_kind, CASE WHEN r.actor_kind = 'user' THEN r.actor_id END, r.type, 'ticket',
      r.ticket_id, r.id, r.digest, NULL, NULL, NULL);
  END LOOP;
END
$$;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
CREATE TRIGGER ticket_events_audit AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION audit_ticket_event();--> statement-breakpoint
CREATE UNIQUE INDEX "audit_entries_org_seq" ON "audit_entries" USING btree ("organisation_id","seq");
