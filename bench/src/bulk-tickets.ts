/**
 * Fast bulk generation of tickets in PostgreSQL with INSERT … SELECT FROM generate_series, for
 * databases of a size the application's own createTicket cannot fill in minutes.
 *
 * Distributions: ~10 % open (new / in progress / waiting), mostly recent; ~90 % resolved or closed,
 * spread over three years. Categories weighted (some far more common than others), the group is the
 * category's group with 15 % forwarded elsewhere, language fi 80 % / sv 12 % / en 8 %, descriptions
 * from `sentences.ts`. Secondary indexes are dropped during the load and rebuilt from their own
 * definitions afterwards (the schema ends up exactly as migrated), then the table is vacuumed
 * and analysed as autovacuum would have done on a live system.
 */
import pg from "pg";
import type { SeededOrganisation } from "../../apps/server/src/modules/demo/demo.ts";
import { sentencePool } from "./sentences.ts";

const CHUNK = 250_000;

export async function addTickets(url: string, org: SeededOrganisation, count: number, log: (s: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '1GB'");
    await client.query("SET synchronous_commit = off");
    const pools = await prepareLookups(client, org);
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = 'tickets' AND indexname <> 'tickets_pkey'`,
    );
    for (const i of indexes) await client.query(`DROP INDEX ${pg.escapeIdentifier(i.name)}`);
    let t = performance.now();
    for (let done = 0; done < count; done += CHUNK) {
      await client.query(insertSql, [org.id, Math.min(CHUNK, count - done), pools.fi.length, pools.sv.length, pools.en.length]);
      log(`  inserted ${Math.min(done + CHUNK, count)} / ${count} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
    t = performance.now();
    for (const i of indexes) await client.query(i.definition);
    log(`  rebuilt ${indexes.length} indexes in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    t = performance.now();
    await client.query("VACUUM (ANALYZE) tickets");
    log(`  vacuum analyze in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}

/** Temporary lookup tables: weighted categories with their groups, handlers, sentences. */
async function prepareLookups(client: pg.Client, org: SeededOrganisation) {
  await client.query("DROP TABLE IF EXISTS bench_categories, bench_groups, bench_handlers, bench_sentences");
  // Weight: the n-th leaf gets weight 1/(n+1)^0.8 in a shuffled order, i.e. a long tail.
  await client.query(
    `CREATE TEMP TABLE bench_categories AS
       WITH leaves AS (
         SELECT c.id, c.default_type, coalesce(c.default_group_id, u.id) AS group_id,
                row_number() OVER (ORDER BY md5(c.code)) AS n
           FROM categories c
           CROSS JOIN (SELECT id FROM handler_groups WHERE organisation_id = $1 AND is_unclear_queue) u
          WHERE c.organisation_id = $1 AND c.parent_id IS NOT NULL),
       weighted AS (SELECT *, 1 / power(n, 0.8) AS w FROM leaves)
     SELECT id, default_type, group_id,
            coalesce(sum(w) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w) OVER () AS lo,
            sum(w) OVER (ORDER BY n) / sum(w) OVER () AS hi
       FROM weighted`,
    [org.id],
  );
  await client.query(
    `CREATE TEMP TABLE bench_groups AS
       SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM handler_groups WHERE organisation_id = $1`,
    [org.id],
  );
  await client.query(
    `CREATE TEMP TABLE bench_handlers AS
       SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users
        WHERE organisation_id = $1 AND role IN ('expert', 'service_advisor', 'content_admin', 'external_partner')`,
    [org.id],
  );
  const pools = { fi: sentencePool("fi", 400), sv: sentencePool("sv", 150), en: sentencePool("en", 150) };
  await client.query("CREATE TEMP TABLE bench_sentences (language language, n int, body text, PRIMARY KEY (language, n))");
  for (const [language, pool] of Object.entries(pools))
    await client.query(
      "INSERT INTO bench_sentences SELECT $1::language, ordinality - 1, body FROM unnest($2::text[]) WITH ORDINALITY AS s(body, ordinality)",
      [language, pool],
    );
  await client.query("ANALYZE bench_categories, bench_groups, bench_handlers, bench_sentences");
  return pools;
}

/** $1 organisation id, $2 number of tickets, $3-$5 sentence pool sizes (fi, sv, en). Random draws are made once per row in `r`. */
const insertSql = `
WITH r AS (
  SELECT g, random() AS rc, random() AS rg, random() AS rs, random() AS rl, random() AS rt, random() AS rp,
         random() AS rh, random() AS rd1, random() AS rd2, random() AS rx, random() AS rloc, random() AS rch
    FROM generate_series(1, $2::int) g),
s AS (
  SELECT r.*,
         CASE WHEN rl < 0.80 THEN 'fi' WHEN rl < 0.92 THEN 'sv' ELSE 'en' END::language AS language,
         CASE WHEN rs < 0.04 THEN 'new' WHEN rs < 0.08 THEN 'in_progress' WHEN rs < 0.10 THEN 'waiting_for_customer'
              WHEN rs < 0.85 THEN 'resolved' ELSE 'closed_unnecessary' END::ticket_state AS state
    FROM r),
t AS (
  SELECT s.*,
         -- Open tickets are recent (mostly the last weeks); finished ones spread over three years.
         now() - CASE WHEN state IN ('new', 'in_progress', 'waiting_for_customer') THEN interval '90 days' * power(rt, 3)
                      ELSE interval '1095 days' * rt END AS created,
         CASE language WHEN 'fi' THEN $3::int WHEN 'sv' THEN $4::int ELSE $5::int END AS pool
    FROM s)
INSERT INTO tickets (organisation_id, reference, type, category_id, description, channel, language, lat, lon, address,
                     state, priority, group_id, handler_id, wants_reply, tracking_token_hash,
                     created_at, updated_at, status_changed_at, first_response_at, resolved_at)
SELECT $1::uuid,
       'YH-' || extract(year FROM t.created)::int || '-' || lpad(nextval('ticket_reference_seq')::text, 7, '0'),
       c.default_type, c.id,
       d1.body || CASE WHEN t.rx < 0.3 THEN ' ' || d2.body ELSE '' END,
       (ARRAY['web','web','web','web','mobile','mobile','open311','email','email','phone','chat','visit','social'])[1 + floor(t.rch * 13)::int]::channel,
       t.language,
       CASE WHEN t.rloc < 0.6 THEN 61.44 + t.rloc * 0.1 END,
       CASE WHEN t.rloc < 0.6 THEN 23.6 + t.rd2 * 0.3 END,
       CASE WHEN t.rloc < 0.6 THEN (ARRAY['Hämeenkatu','Insinöörinkatu','Sammonkatu','Tesomankatu','Lielahdenkatu','Teiskontie'])[1 + floor(t.rx * 6)::int] || ' ' || (1 + floor(t.rd1 * 60)::int) END,
       t.state,
       CASE WHEN t.rp < 0.10 THEN 'low' WHEN t.rp < 0.80 THEN 'normal' WHEN t.rp < 0.95 THEN 'high' ELSE 'urgent' END::priority,
       coalesce(fwd.id, c.group_id),
       CASE WHEN t.state <> 'new' THEN h.id END,
       t.rh < 0.5,
       md5(t.g::text || ':' || random()::text || clock_timestamp()::text),
       t.created,
       t.created + CASE WHEN t.state = 'new' THEN interval '0' ELSE interval '3 days' * t.rh END,
       -- The last change of a generated ticket is its move to its state.
       t.created + CASE WHEN t.state = 'new' THEN interval '0' ELSE interval '3 days' * t.rh END,
       CASE WHEN t.state NOT IN ('new', 'closed_unnecessary') THEN t.created + interval '2 days' * t.rh END,
       CASE WHEN t.state IN ('resolved', 'closed_unnecessary') THEN t.created + interval '3 days' * t.rh END
  FROM t
  JOIN bench_categories c ON t.rc >= c.lo AND t.rc < c.hi
  LEFT JOIN bench_groups fwd ON t.rg < 0.15 AND fwd.n = floor(t.rg / 0.15 * (SELECT count(*) FROM bench_groups))
  JOIN bench_handlers h ON h.n = floor(t.rh * (SELECT count(*) FROM bench_handlers))
  JOIN bench_sentences d1 ON d1.language = t.language AND d1.n = floor(t.rd1 * t.pool)
  JOIN bench_sentences d2 ON d2.language = t.language AND d2.n = floor(t.rd2 * t.pool)
`;
