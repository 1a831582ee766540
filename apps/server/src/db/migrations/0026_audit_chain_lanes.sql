-- An organisation's audit log becomes 8 parallel hash chains ("lanes"). A transaction appends to
-- a lane that no other transaction holds (the first head row it can lock without waiting) and
-- keeps that lane until it ends, so two writers of the same organisation no longer wait for each
-- other's commit: with one chain, a batch of new tickets held the head from its trigger through
-- its WAL flush and the next batch waited for that flush. Each lane is a chain of its own
-- (`seq` 1, 2, 3 … per lane, hashed exactly as before); existing entries and heads are lane 0 and
-- verify unchanged. Only when all 8 lanes are held does a transaction wait, for lane
-- (backend pid mod 8). The entry format is unchanged: moving an entry to another lane breaks the
-- previous-hash links of both lanes.
DROP INDEX "audit_entries_org_seq";--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_entries_org_lane_seq" ON "audit_entries" USING btree ("organisation_id","lane","seq");--> statement-breakpoint
ALTER TABLE "audit_chain_heads" DROP CONSTRAINT "audit_chain_heads_pkey";--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_organisation_id_lane_pk" PRIMARY KEY("organisation_id","lane");--> statement-breakpoint
-- Locks a lane of the organisation's log for the rest of the transaction and returns its head.
CREATE FUNCTION audit_lock_lane(p_org uuid, OUT o_lane smallint, OUT o_seq bigint, OUT o_hash text) LANGUAGE plpgsql AS $$
DECLARE
  v_setting text := 'yhteys.audit_lane_' || replace(p_org::text, '-', '');
  v_held text := current_setting(v_setting, true);
BEGIN
  IF coalesce(v_held, '') <> '' THEN
    -- This transaction already holds a lane of the organisation: it keeps appending there.
    SELECT lane, last_seq, last_hash INTO o_lane, o_seq, o_hash FROM audit_chain_heads
      WHERE organisation_id = p_org AND lane = v_held::smallint FOR UPDATE;
    RETURN;
  END IF;
  SELECT lane, last_seq, last_hash INTO o_lane, o_seq, o_hash FROM audit_chain_heads
    WHERE organisation_id = p_org ORDER BY lane FOR UPDATE SKIP LOCKED LIMIT 1;
  IF NOT FOUND THEN
    -- The organisation's first entry (its lanes do not exist yet), or every lane is held.
    INSERT INTO audit_chain_heads (organisation_id, lane, last_seq, last_hash)
      SELECT p_org, g, 0, repeat('0', 64) FROM generate_series(0, 7) g ON CONFLICT DO NOTHING;
    SELECT lane, last_seq, last_hash INTO o_lane, o_seq, o_hash FROM audit_chain_heads
      WHERE organisation_id = p_org ORDER BY lane FOR UPDATE SKIP LOCKED LIMIT 1;
    IF NOT FOUND THEN
      SELECT lane, last_seq, last_hash INTO o_lane, o_seq, o_hash FROM audit_chain_heads
        WHERE organisation_id = p_org AND lane = pg_backend_pid() % 8 FOR UPDATE;
    END IF;
  END IF;
  PERFORM set_config(v_setting, o_lane::text, true);
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_append(
  p_org uuid, p_actor_kind actor_kind, p_actor_user_id uuid, p_action text, p_subject_type text, p_subject_id uuid,
  p_ticket_event_id bigint, p_event_digest text, p_ip text, p_user_agent text, p_detail jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_lane smallint;
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_at timestamptz := clock_timestamp();
  v_id bigint;
BEGIN
  SELECT o_lane, o_seq + 1, o_hash INTO v_lane, v_seq, v_prev FROM audit_lock_lane(p_org);
  v_hash := audit_sha256('entry-v1' || audit_field(p_org::text) || audit_field(v_seq::text) || audit_field(audit_time(v_at))
    || audit_field(p_actor_kind::text) || audit_field(p_actor_user_id::text) || audit_field(p_action) || audit_field(p_subject_type)
    || audit_field(p_subject_id::text) || audit_field(p_ticket_event_id::text) || audit_field(p_event_digest) || audit_field(p_ip)
    || audit_field(p_user_agent) || audit_field(p_detail::text) || audit_field(v_prev));
  INSERT INTO audit_entries (organisation_id, lane, seq, actor_kind, actor_user_id, action, subject_type, subject_id, ticket_event_id,
    event_digest, ip, user_agent, detail, prev_hash, hash, created_at)
  VALUES (p_org, v_lane, v_seq, p_actor_kind, p_actor_user_id, p_action, p_subject_type, p_subject_id, p_ticket_event_id,
    p_event_digest, p_ip, p_user_agent, p_detail, v_prev, v_hash, v_at)
  RETURNING id INTO v_id;
  UPDATE audit_chain_heads SET last_seq = v_seq, last_hash = v_hash WHERE organisation_id = p_org AND lane = v_lane;
  RETURN v_id;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_ticket_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_ip text := nullif(current_setting('yhteys.origin_ip', true), '');
  v_user_agent text := nullif(current_setting('yhteys.origin_user_agent', true), '');
  v_org uuid;
  v_lane smallint;
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
    SELECT o_lane, o_seq, o_hash INTO v_lane, v_seq, v_prev FROM audit_lock_lane(v_org);
    FOR i IN 1 .. array_length(v_ids, 1) LOOP
      v_seq := v_seq + 1;
      v_at := clock_timestamp();
      v_user := CASE WHEN v_kinds[i] = 'user' THEN v_actors[i] END;
      v_hash := audit_sha256('entry-v1' || audit_field(v_org::text) || audit_field(v_seq::text) || audit_field(audit_time(v_at))
        || audit_field(v_kinds[i]::text) || audit_field(v_user::text) || audit_field(v_types[i]) || audit_field('ticket')
        || audit_field(v_tickets[i]::text) || audit_field(v_ids[i]::text) || audit_field(v_digests[i]) || audit_field(v_ip)
        || audit_field(v_user_agent) || audit_field(NULL) || audit_field(v_prev));
      INSERT INTO audit_entries (organisation_id, lane, seq, actor_kind, actor_user_id, action, subject_type, subject_id, ticket_event_id,
        event_digest, ip, user_agent, detail, prev_hash, hash, created_at)
      VALUES (v_org, v_lane, v_seq, v_kinds[i], v_user, v_types[i], 'ticket', v_tickets[i], v_ids[i],
        v_digests[i], v_ip, v_user_agent, NULL, v_prev, v_hash, v_at);
      v_prev := v_hash;
    END LOOP;
    UPDATE audit_chain_heads SET last_seq = v_seq, last_hash = v_prev WHERE organisation_id = v_org AND lane = v_lane;
  END LOOP;
  RETURN NULL;
END
$$;
