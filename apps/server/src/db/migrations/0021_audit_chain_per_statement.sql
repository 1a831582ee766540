-- Ticket events enter the audit chain once per statement instead of once per row: the events'
-- digests are computed first, then the chain head is locked and read once, the entries of all the
-- statement's events appended in event-id order, and the head written once. A batch of new tickets
-- (TicketWriter) then holds the head's lock for less time. The entries and their hashes are the
-- same as audit_append would write (the verifier is unchanged); organisations are taken in id
-- order, so that two multi-tenant statements cannot deadlock.
CREATE FUNCTION audit_ticket_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_ip text := nullif(current_setting('yhteys.origin_ip', true), '');
  v_user_agent text := nullif(current_setting('yhteys.origin_user_agent', true), '');
  v_org uuid;
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_at timestamptz;
  v_user uuid;
  v_ids bigint[];
  v_tickets uuid[];
  v_types text[];
  v_kinds actor_kind[];
  v_actors uuid[];
  v_digests text[];
BEGIN
  FOR v_org IN SELECT DISTINCT organisation_id FROM new_events ORDER BY 1 LOOP
    -- The events' digests first: they do not depend on the chain, so they are not computed under its lock.
    SELECT array_agg(n.id ORDER BY n.id), array_agg(n.ticket_id ORDER BY n.id), array_agg(n.type::text ORDER BY n.id),
           array_agg(n.actor_kind ORDER BY n.id), array_agg(n.actor_id ORDER BY n.id),
           array_agg(audit_event_digest(ROW(n.*)::ticket_events) ORDER BY n.id)
      INTO v_ids, v_tickets, v_types, v_kinds, v_actors, v_digests FROM new_events n WHERE n.organisation_id = v_org;
    INSERT INTO audit_chain_heads AS h (organisation_id, last_seq, last_hash) VALUES (v_org, 0, repeat('0', 64))
    ON CONFLICT (organisation_id) DO UPDATE SET last_seq = h.last_seq
    RETURNING last_seq, last_hash INTO v_seq, v_prev;
    FOR i IN 1 .. array_length(v_ids, 1) LOOP
      v_seq := v_seq + 1;
      v_at := clock_timestamp();
      v_user := CASE WHEN v_kinds[i] = 'user' THEN v_actors[i] END;
      v_hash := audit_sha256('entry-v1' || audit_field(v_org::text) || audit_field(v_seq::text) || audit_field(audit_time(v_at))
        || audit_field(v_kinds[i]::text) || audit_field(v_user::text) || audit_field(v_types[i]) || audit_field('ticket')
        || audit_field(v_tickets[i]::text) || audit_field(v_ids[i]::text) || audit_field(v_digests[i]) || audit_field(v_ip)
        || audit_field(v_user_agent) || audit_field(NULL) || audit_field(v_prev));
      INSERT INTO audit_entries (organisation_id, seq, actor_kind, actor_user_id, action, subject_type, subject_id, ticket_event_id,
        event_digest, ip, user_agent, detail, prev_hash, hash, created_at)
      VALUES (v_org, v_seq, v_kinds[i], v_user, v_types[i], 'ticket', v_tickets[i], v_ids[i],
        v_digests[i], v_ip, v_user_agent, NULL, v_prev, v_hash, v_at);
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
