-- Ticket events enter the audit chain once per statement instead of once per row: the chain head
-- is locked and read once, the entries of all the statement's events appended in event-id order,
-- and the head written once. A batch of new tickets (TicketWriter) then holds the head's lock for
-- less time. The entries and their hashes are the same as audit_append would write (the verifier is
-- unchanged); organisations are taken in id order, so that two multi-tenant statements cannot deadlock.
CREATE FUNCTION audit_ticket_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_ip text := nullif(current_setting('yhteys.origin_ip', true), '');
  v_user_agent text := nullif(current_setting('yhteys.origin_user_agent', true), '');
  v_org uuid;
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_at timestamptz;
  r record;
BEGIN
  FOR v_org IN SELECT DISTINCT organisation_id FROM new_events ORDER BY 1 LOOP
    INSERT INTO audit_chain_heads AS h (organisation_id, last_seq, last_hash) VALUES (v_org, 0, repeat('0', 64))
    ON CONFLICT (organisation_id) DO UPDATE SET last_seq = h.last_seq
    RETURNING last_seq, last_hash INTO v_seq, v_prev;
    FOR r IN SELECT e.*, audit_event_digest(ROW(e.*)::ticket_events) AS digest FROM new_events e WHERE e.organisation_id = v_org ORDER BY e.id LOOP
      v_seq := v_seq + 1;
      v_at := clock_timestamp();
      v_hash := audit_sha256('entry-v1' || audit_field(v_org::text) || audit_field(v_seq::text) || audit_field(audit_time(v_at))
        || audit_field(r.actor_kind::text) || audit_field(CASE WHEN r.actor_kind = 'user' THEN r.actor_id END::text) || audit_field(r.type::text)
        || audit_field('ticket') || audit_field(r.ticket_id::text) || audit_field(r.id::text) || audit_field(r.digest) || audit_field(v_ip)
        || audit_field(v_user_agent) || audit_field(NULL) || audit_field(v_prev));
      INSERT INTO audit_entries (organisation_id, seq, actor_kind, actor_user_id, action, subject_type, subject_id, ticket_event_id,
        event_digest, ip, user_agent, detail, prev_hash, hash, created_at)
      VALUES (v_org, v_seq, r.actor_kind, CASE WHEN r.actor_kind = 'user' THEN r.actor_id END, r.type::text, 'ticket', r.ticket_id, r.id,
        r.digest, v_ip, v_user_agent, NULL, v_prev, v_hash, v_at);
      v_prev := v_hash;
    END LOOP;
    UPDATE audit_chain_heads SET last_seq = v_seq, last_hash = v_prev WHERE organisation_id = v_org;
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER ticket_events_audit ON ticket_events;--> statement-breakpoint
DROP FUNCTION audit_ticket_event();--> statement-breakpoint
CREATE TRIGGER ticket_events_audit AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_ticket_events();
