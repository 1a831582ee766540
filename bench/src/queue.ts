/**
 * Staff queue list and full-text search latency on PostgreSQL with 100 000 and 1 000 000
 * bulk-generated tickets, measured over HTTP against the real application in this process.
 */
import { sql } from "drizzle-orm";
import { type Database, openPostgres, queryRows } from "../../apps/server/src/db/client.ts";
import { type SeededOrganisation, seedOrganisation } from "../../apps/server/src/modules/demo/demo.ts";
import { COUNT_LIMIT } from "../../apps/server/src/modules/tickets/tickets.queries.ts";
import { addTickets } from "./bulk-tickets.ts";
import { databaseExists, databaseUrl, dropDatabase, freshDatabase } from "./databases.ts";
import { type Percentiles, timeRequests } from "./load.ts";
import { loadAverage } from "./machine.ts";
import { ms, table, verdict, writeSection } from "./results.ts";
import { staffHeaders, startApp } from "./server.ts";

const DB_NAME = "yhteys_bench";
const REQUESTS = 300;
const SEARCH_REQUESTS = 150;
/** Each variant stops early after this long, so that a slow variant cannot stretch the run. */
const MAX_SECONDS = 25;
const CONCURRENCY = 1;
const WARMUP = 20;
/** Targets apply at 1 M tickets: queue list p95 < 20 ms, search p95 < 100 ms. */
const QUEUE_P95 = 20;
const SEARCH_P95 = 100;
const TARGET_SIZE = 1_000_000;

/** Search words of different selectivity: a common Finnish word, a word in all three languages, a rarer word, two words. */
const SEARCH_WORDS = ["katuvalo", "graffiti", "palautusluukku", "keinu rikki"];

type Variant = { name: string; path: string; kind: "queue" | "search" | "info" };
type Row = { size: number; variant: Variant; total: number; atLeast: boolean; latency: Percentiles };

const ORG = { slug: "bench-queue", emailDomain: "queue.bench.test", apiKey: "bench-queue" };

/**
 * The benchmark organisation (`seed`, this benchmark's by default) of a kept database (`--keep`) and how many tickets it holds, or null
 * when there is none; the ids the benchmark needs are read back by the seed's codes and emails.
 */
export async function keptOrganisation(
  database: Database,
  seed: { slug: string; apiKey: string } = ORG,
): Promise<{ org: SeededOrganisation; tickets: number } | null> {
  const [row] = await queryRows<{ id: string; reference_prefix: string; tickets: string }>(
    database.db,
    sql`SELECT o.id::text, o.reference_prefix, (SELECT count(*) FROM tickets t WHERE t.organisation_id = o.id)::text AS tickets
          FROM organisations o WHERE o.slug = ${seed.slug}`,
  );
  if (!row) return null;
  const byKey = async (query: ReturnType<typeof sql>) =>
    Object.fromEntries((await queryRows<{ key: string; id: string }>(database.db, query)).map((r) => [r.key, r.id]));
  const users = await queryRows<{ id: string; email: string }>(
    database.db,
    sql`SELECT id::text, email FROM users WHERE organisation_id = ${row.id}`,
  );
  const org: SeededOrganisation = {
    id: row.id,
    slug: seed.slug,
    referencePrefix: row.reference_prefix,
    apiKey: seed.apiKey,
    users: Object.fromEntries(users.map((u) => [u.email.split("@")[0], u])),
    groups: await byKey(sql`SELECT code AS key, id::text FROM handler_groups WHERE organisation_id = ${row.id}`),
    categories: await byKey(sql`SELECT code AS key, id::text FROM categories WHERE organisation_id = ${row.id}`),
    areas: {},
  };
  return { org, tickets: Number(row.tickets) };
}

export async function benchQueue(options: { tickets: number[]; keep: boolean; reuse: boolean }): Promise<void> {
  const loadBefore = loadAverage();
  const sizes = [...new Set(options.tickets)].sort((a, b) => a - b);
  console.log(`queue: PostgreSQL database ${DB_NAME}, sizes ${sizes.join(", ")}`);
  const reusing = options.reuse && (await databaseExists(DB_NAME));
  const url = reusing ? databaseUrl(DB_NAME) : await freshDatabase(DB_NAME);
  const rows: Row[] = [];
  const loads: string[] = [];
  let reused = 0;
  try {
    const database = await openPostgres(url);
    const kept = reusing ? await keptOrganisation(database) : null;
    if (reusing && !kept) throw new Error(`${DB_NAME} holds no ${ORG.slug} organisation: run without --reuse`);
    const org = kept?.org ?? (await seedOrganisation(database.db, ORG));
    reused = kept?.tickets ?? 0;
    if (kept) console.log(`queue: reusing ${reused} tickets in ${DB_NAME}`);
    const running = await startApp(database);
    try {
      const headers = await staffHeaders(running.url, org, "advisor");
      const open = "state=new,in_progress,waiting_for_customer";
      const streets = org.groups.streets as string;
      const variants: Variant[] = [
        { name: "queue: streets group, open states, newest first", path: `/api/staff/tickets?queue=${streets}&${open}`, kind: "queue" },
        {
          name: "queue: streets group, open states, by priority",
          path: `/api/staff/tickets?queue=${streets}&${open}&sort=priority`,
          kind: "queue",
        },
        { name: "all queues, open states, newest first (no target)", path: `/api/staff/tickets?${open}`, kind: "info" },
        ...SEARCH_WORDS.map((w) => ({
          name: `search "${w}" by relevance`,
          path: `/api/staff/tickets?q=${encodeURIComponent(w)}&sort=relevance`,
          kind: "search" as const,
        })),
      ];
      let current = kept?.tickets ?? 0;
      for (const size of sizes) {
        if (size < current) throw new Error(`${DB_NAME} already holds ${current} tickets, more than ${size}`);
        const t = performance.now();
        if (size > current) {
          console.log(`queue: generating ${size - current} tickets`);
          await addTickets(url, org, size - current, console.log);
        }
        current = size;
        console.log(`queue: ${size} tickets ready in ${((performance.now() - t) / 1000).toFixed(0)} s`);
        for (const variant of variants) {
          const full = `${running.url}${variant.path}`;
          const first = await fetch(full, { headers });
          if (first.status !== 200) throw new Error(`${variant.path}: ${first.status} ${await first.text()}`);
          const { total, countLimit } = (await first.json()) as { total: number; countLimit: number };
          const count = variant.kind === "search" ? SEARCH_REQUESTS : REQUESTS;
          const latency = await timeRequests([full], headers, { count, concurrency: CONCURRENCY, warmup: WARMUP, maxSeconds: MAX_SECONDS });
          rows.push({ size, variant, total, atLeast: total >= countLimit, latency });
          console.log(`  ${variant.name}: ${total}${total >= countLimit ? "+" : ""} rows, p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}`);
        }
        loads.push(`${size}: ${loadAverage()}`);
      }
    } finally {
      await running.close();
    }
  } finally {
    if (!options.keep && !options.reuse) await dropDatabase(DB_NAME);
  }

  const target = (r: Row) =>
    r.variant.kind === "info"
      ? ["–", "–"]
      : r.size !== TARGET_SIZE
        ? ["(at 1 M)", "–"]
        : r.variant.kind === "queue"
          ? [`p95 < ${QUEUE_P95} ms`, verdict(r.latency.p95 < QUEUE_P95)]
          : [`p95 < ${SEARCH_P95} ms`, verdict(r.latency.p95 < SEARCH_P95)];
  writeSection(
    "queue",
    `## Queue list and search (GET /api/staff/tickets, PostgreSQL)

${table(
  ["Tickets", "Request", "Matching", "Requests", "p50", "p95", "p99", "Target", "Result"],
  rows.map((r) => [
    r.size.toLocaleString("en"),
    r.variant.name,
    `${r.total.toLocaleString("en")}${r.atLeast ? "+" : ""}`,
    r.latency.n,
    ms(r.latency.p50),
    ms(r.latency.p95),
    ms(r.latency.p99),
    ...target(r),
  ]),
)}

How: tickets bulk-generated into a fresh database \`${DB_NAME}\`${reused ? ` (this run reused the ${reused.toLocaleString("en")} tickets a previous run had generated and kept, \`--reuse\`)` : ""} (see \`bench/src/bulk-tickets.ts\`: ~10 %
open and recent, ~90 % resolved/closed over three years, 5 groups, 17 weighted categories,
fi/sv/en descriptions from a pool of 700 generated sentences), indexes rebuilt and \`VACUUM ANALYZE\`
run after each load. The real application in this process on 127.0.0.1, signed in as a service
advisor (sees all tickets). Every request returns a page of 50 rows plus the per-state counts of
the whole filtered set (the queue's tabs; a search that matches \`countLimit\` or more tickets answers
"at least" without per-state counts, see docs/api.md). ${REQUESTS} requests per queue variant and ${SEARCH_REQUESTS} per search
term (fewer when a variant hits its ${MAX_SECONDS} s limit: see "Requests"), ${CONCURRENCY} at a time after ${WARMUP} warm-up requests; latency measured at the HTTP client (includes
HTTP, validation, every SQL query and JSON serialisation). "Matching" is the \`total\` the API
reports for the filter; the API counts up to its \`countLimit\` (${COUNT_LIMIT.toLocaleString("en")}), shown as "${COUNT_LIMIT.toLocaleString("en")}+".

Load average (1/5/15 min) before: ${loadBefore}; after each size: ${loads.join("; ")}.`,
  );
}
