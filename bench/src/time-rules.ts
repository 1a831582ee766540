/**
 * The time-rule scan on PostgreSQL with 1 000 000 bulk-generated tickets: how long the first
 * round takes to work off a backlog (every open ticket that qualified at once), and what a round
 * costs afterwards, when nothing new qualifies (the price paid every minute).
 */
import { sql } from "drizzle-orm";
import { openPostgres, queryRows } from "../../apps/server/src/db/client.ts";
import { automationRules } from "../../apps/server/src/db/schema.ts";
import { seedOrganisation } from "../../apps/server/src/modules/demo/demo.ts";
import { runTimeRules } from "../../apps/server/src/modules/rules/rules.timer.ts";
import { addTickets } from "./bulk-tickets.ts";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { loadAverage } from "./machine.ts";
import { ms, table, writeSection } from "./results.ts";

const DB_NAME = "yhteys_bench_time_rules";
const STEADY_ROUNDS = 10;

export async function benchTimeRules(options: { tickets: number }): Promise<void> {
  const loadBefore = loadAverage();
  const url = await freshDatabase(DB_NAME);
  const rows: (string | number)[][] = [];
  let loadAfter = "";
  let open = 0;
  try {
    const database = await openPostgres(url);
    const db = database.db;
    const org = await seedOrganisation(db, { slug: "bench-time", emailDomain: "time.bench.test", apiKey: "bench-time" });
    console.log(`time rules: generating ${options.tickets} tickets`);
    await addTickets(url, org, options.tickets, console.log);
    // The application stamps the start of waiting; the bulk load does not.
    await db.execute(sql`UPDATE tickets SET sla_paused_at = updated_at WHERE state = 'waiting_for_customer'`);
    await db.execute(sql`ANALYZE tickets`);
    const [counted] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM tickets WHERE state IN ('new', 'in_progress', 'waiting_for_customer')`,
    );
    open = Number(counted?.n ?? 0);
    const base = { organisationId: org.id, trigger: "time" as const, active: true, stopsProcessing: false, description: null };
    await db.insert(automationRules).values([
      {
        ...base,
        name: "Waited 14 days: resolve",
        position: 1,
        conditions: [
          { field: "state", anyOf: ["waiting_for_customer"] },
          { field: "elapsed", since: "waiting", hours: 14 * 24, businessHours: false },
        ],
        actions: [
          { action: "setState", state: "resolved" },
          { action: "addTag", tag: "auto-closed" },
        ],
      },
      {
        ...base,
        name: "Urgent, new and unassigned for 2 working hours: notify the group",
        position: 2,
        conditions: [
          { field: "state", anyOf: ["new"] },
          { field: "assigned", is: false },
          { field: "priority", anyOf: ["urgent"] },
          { field: "elapsed", since: "created", hours: 2, businessHours: true },
        ],
        actions: [{ action: "notify", userIds: [], groupIds: [org.groups.streets as string] }],
      },
      {
        ...base,
        name: "Street lights in progress, no change for 60 days: tag",
        position: 3,
        conditions: [
          { field: "state", anyOf: ["in_progress"] },
          { field: "words", anyOf: ["katuvalo"] },
          { field: "elapsed", since: "updated", hours: 60 * 24, businessHours: false },
        ],
        actions: [{ action: "addTag", tag: "forgotten" }],
      },
    ]);

    const backlog = { rounds: 0, fired: 0, scanned: 0, ms: 0 };
    for (let more = true; more; ) {
      const t = performance.now();
      const round = await runTimeRules(db, { organisationId: org.id });
      backlog.ms += performance.now() - t;
      backlog.rounds++;
      backlog.fired += round.fired;
      backlog.scanned += round.scanned;
      more = round.more;
      console.log(`  backlog round ${backlog.rounds}: ${round.fired} fired, ${round.scanned} scanned, ${ms(performance.now() - t)}`);
    }
    rows.push([
      "first round (backlog)",
      backlog.rounds,
      backlog.scanned.toLocaleString("en"),
      backlog.fired.toLocaleString("en"),
      ms(backlog.ms),
      backlog.fired ? `${((backlog.ms / backlog.fired) * 1000).toFixed(0)} µs` : "–",
    ]);
    const steady: number[] = [];
    let scanned = 0;
    let fired = 0;
    for (let i = 0; i < STEADY_ROUNDS; i++) {
      const t = performance.now();
      const round = await runTimeRules(db, { organisationId: org.id });
      steady.push(performance.now() - t);
      scanned = round.scanned;
      fired += round.fired;
    }
    steady.sort((a, b) => a - b);
    rows.push([
      `later rounds (p50 / max of ${STEADY_ROUNDS})`,
      STEADY_ROUNDS,
      scanned.toLocaleString("en"),
      fired.toLocaleString("en"),
      `${ms(steady[Math.floor(steady.length / 2)] ?? 0)} / ${ms(steady.at(-1) ?? 0)}`,
      "–",
    ]);
    loadAfter = loadAverage();
    await database.close();
  } finally {
    await dropDatabase(DB_NAME);
  }

  writeSection(
    "time-rules",
    `## Time-rule scan (PostgreSQL, ${options.tickets.toLocaleString("en")} tickets)

${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAfter}
(the machine is shared by up to 8 helpers working at the same time).

${table(["Round", "Rounds", "Candidates read", "Rules fired", "Time", "Per firing"], rows)}

How: ${options.tickets.toLocaleString("en")} tickets bulk-generated (\`bench/src/bulk-tickets.ts\`; ${open.toLocaleString("en")} open),
three time rules: resolve and tag tickets waiting for the resident for 14 days; notify a group of
urgent new unassigned tickets after 2 working hours (default calendar); tag street-light tickets in
progress without a change for 60 days (a word condition). \`runTimeRules\` in this process against
PostgreSQL on 127.0.0.1: per rule an indexed statement pages through candidates (500 at a time) not
yet fired for their period and not remembered as a miss, narrowed in SQL by the conditions it can
test (words as case-insensitive LIKE patterns); the conditions that look at the ticket are then
tested without a lock, misses remembered in \`rule_misses\` (until the ticket's updated_at or the
rule's conditions change), and only the rest locked and fired in batches of 50 per transaction
(firing rows, changes, events). A round fires at most 2,000 rules and then asks for another at once.
"Later rounds" is what the background task costs every minute when nothing new qualifies.`,
  );
}
