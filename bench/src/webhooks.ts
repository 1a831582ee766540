/**
 * Webhook deliveries per second with a slow receiver: a receiver on loopback that takes 200 ms to
 * answer each POST, one subscription, and a burst of new tickets (one `ticket.created` event
 * each) relayed from the outbox and delivered by the job runner at its default concurrency and at
 * a higher one, on PGlite and PostgreSQL. While it delivers, a probe times a trivial query every
 * 50 ms, to see whether the runner crowds the database out for requests (PGlite is one connection).
 */
import { sql } from "drizzle-orm";
import { startBackground } from "../../apps/server/src/background.ts";
import { loadConfig } from "../../apps/server/src/config.ts";
import { createContext } from "../../apps/server/src/context.ts";
import { type Database, openPglite, openPostgres } from "../../apps/server/src/db/client.ts";
import { webhookSubscriptions } from "../../apps/server/src/db/schema.ts";
import { newWebhookSecret } from "../../apps/server/src/modules/webhooks/webhook-signature.ts";
import { createTickets, newTenant } from "../../apps/server/test/harness.ts";
import { startReceiver } from "../../apps/server/test/webhook-receiver.ts";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { percentile } from "./load.ts";
import { loadAverage } from "./machine.ts";
import { ms, table, writeSection } from "./results.ts";

const RECEIVER_DELAY_MS = 200;
const DB_NAME = "yhteys_bench_webhooks";

type Run = {
  engine: string;
  concurrency: number;
  deliveries: number;
  seconds: number;
  perSecond: number;
  probeP50: number;
  probeP99: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(engine: string, database: Database, concurrency: number, events: number): Promise<Run> {
  const config = loadConfig({
    NODE_ENV: "production",
    SECRET: "bench-secret-bench-secret-bench-secret",
    DEMO: "false",
    LOG_LEVEL: "warn",
    JOBS_CONCURRENCY: String(concurrency),
    WEBHOOK_ALLOW_PRIVATE: "true",
  });
  const ctx = createContext(config, database);
  const receiver = await startReceiver(() => ({ status: 200, delayMs: RECEIVER_DELAY_MS }));
  const tenant = await newTenant(ctx);
  await ctx.db.insert(webhookSubscriptions).values({ organisationId: tenant.id, url: receiver.url, secret: newWebhookSecret() });
  const stop = await startBackground(ctx);
  await sleep(200); // the relay's first round places its cursor
  await createTickets(ctx.db, tenant, events);
  ctx.jobs.nudge();
  const probes: number[] = [];
  const started = performance.now();
  while (receiver.accepted.size < events && performance.now() - started < 300_000) {
    const t = performance.now();
    await ctx.db.execute(sql`SELECT 1`);
    probes.push(performance.now() - t);
    await sleep(50);
  }
  const times = receiver.received.map((r) => r.at);
  const seconds = (Math.max(...times) + RECEIVER_DELAY_MS - Math.min(...times)) / 1000;
  await stop();
  await receiver.close();
  probes.sort((a, b) => a - b);
  return {
    engine,
    concurrency,
    deliveries: receiver.accepted.size,
    seconds,
    perSecond: receiver.accepted.size / seconds,
    probeP50: percentile(probes, 50),
    probeP99: percentile(probes, 99),
  };
}

/** Runs both engines at two concurrencies and writes the `webhooks` section of RESULTS.md. */
export async function benchWebhooks(options: { events: number } = { events: 400 }): Promise<void> {
  const loadBefore = loadAverage();
  const runs: Run[] = [];
  const defaultConcurrency = loadConfig({}).jobs.concurrency;
  for (const concurrency of [defaultConcurrency, 32]) {
    const pglite = await openPglite(null);
    try {
      runs.push(await measure("PGlite (in memory)", pglite, concurrency, options.events));
    } finally {
      await pglite.close();
    }
    const postgres = await openPostgres(await freshDatabase(DB_NAME));
    try {
      runs.push(await measure("PostgreSQL", postgres, concurrency, options.events));
    } finally {
      await postgres.close();
      await dropDatabase(DB_NAME);
    }
  }
  for (const r of runs) console.log(`webhooks ${r.engine} ×${r.concurrency}: ${r.perSecond.toFixed(1)}/s`);
  writeSection(
    "webhooks",
    `## Webhook deliveries (receiver answers in ${RECEIVER_DELAY_MS} ms)

${options.events} new tickets, one subscription: every \`ticket.created\` event relayed from the outbox and
POSTed, signed, to a receiver on loopback that answers each request after ${RECEIVER_DELAY_MS} ms. Deliveries/s is
from the first request to the last answer. The probe is a \`SELECT 1\` every 50 ms during the run (on
PGlite it shares the one connection with the runner, as requests would). Load average before: ${loadBefore}.

${table(
  ["Engine", "JOBS_CONCURRENCY", "Delivered", "Seconds", "Deliveries/s", "Ceiling (concurrency / 0.2 s)", "Probe p50", "Probe p99"],
  runs.map((r) => [
    r.engine,
    r.concurrency,
    r.deliveries,
    r.seconds.toFixed(1),
    r.perSecond.toFixed(1),
    (r.concurrency / (RECEIVER_DELAY_MS / 1000)).toFixed(0),
    ms(r.probeP50),
    ms(r.probeP99),
  ]),
)}

Deliveries are bound by the receiver: each job holds a slot for the whole request, so a process
delivers at most JOBS_CONCURRENCY / (answer time) per second. One ticket's events go one at a time
(to keep their order); different tickets' deliveries run side by side.`,
  );
}
