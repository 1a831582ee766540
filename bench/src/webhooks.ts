/**
 * Webhook deliveries per second with a slow receiver: a receiver on loopback that takes 200 ms to
 * answer each POST, one subscription, and a burst of new tickets (one `ticket.created` event
 * each) relayed from the outbox and delivered by the job runner at its default concurrency and at
 * a higher one, on PGlite and PostgreSQL. While it delivers, a probe times a trivial query every
 * 50 ms, to see whether the runner crowds the database out for requests (PGlite is one connection).
 */
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { startBackground } from "../../apps/server/src/background.ts";
import { loadConfig } from "../../apps/server/src/config.ts";
import { createContext } from "../../apps/server/src/context.ts";
import { type Database, openPglite, openPostgres } from "../../apps/server/src/db/client.ts";
import { webhookSubscriptions } from "../../apps/server/src/db/schema.ts";
import { buildApp } from "../../apps/server/src/http/app.ts";
import { newWebhookSecret } from "../../apps/server/src/modules/webhooks/webhook-signature.ts";
import { createTickets, newTenant } from "../../apps/server/test/harness.ts";
import { startReceiver } from "../../apps/server/test/webhook-receiver.ts";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { load, percentile } from "./load.ts";
import { loadAverage } from "./machine.ts";
import { ms, table, writeSection } from "./results.ts";

const RECEIVER_DELAY_MS = 200;
const DB_NAME = "yhteys_bench_webhooks";

type Submissions = { mode: string; rps: number; p99: number; delivered: number };

/**
 * Public submissions at 50 connections on PGlite (in memory) with the job runner off, on with
 * nothing to deliver, and on with a subscription whose receiver answers at once: what background
 * work costs the requests that share PGlite's one connection.
 */
async function submissionsUnderJobs(seconds: number): Promise<Submissions[]> {
  const results: Submissions[] = [];
  for (const [i, mode] of ["JOBS=off", "JOBS=on", "JOBS=on, 1 subscription"].entries()) {
    const database = await openPglite(null);
    const receiver = await startReceiver();
    try {
      const config = loadConfig({ ...BASE_ENV, PUBLIC_RATE_LIMIT: "100000000", JOBS: i === 0 ? "off" : "on" });
      const ctx = createContext(config, database);
      const tenant = await newTenant(ctx);
      if (i === 2)
        await ctx.db.insert(webhookSubscriptions).values({ organisationId: tenant.id, url: receiver.url, secret: newWebhookSecret() });
      const app = await buildApp(ctx, { logger: false });
      await app.listen({ host: "127.0.0.1", port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const body = JSON.stringify({ categoryId: tenant.categories.potholes, description: "Syvä kuoppa ajoradalla suojatien vieressä." });
      const requests = [
        { method: "POST" as const, path: `/api/public/${tenant.slug}/contacts`, headers: { "content-type": "application/json" }, body },
      ];
      await load(url, { connections: 50, seconds: 2, requests });
      const figures = await load(url, { connections: 50, seconds, requests });
      results.push({ mode, rps: figures.rps, p99: figures.p99, delivered: receiver.accepted.size });
      await app.close();
    } finally {
      await receiver.close();
      await database.close();
    }
  }
  return results;
}

type Run = {
  engine: string;
  concurrency: number;
  deliveries: number;
  seconds: number;
  perSecond: number;
  probeP50: number;
  probeP99: number;
};

const BASE_ENV = {
  NODE_ENV: "production",
  SECRET: "bench-secret-bench-secret-bench-secret",
  DEMO: "false",
  LOG_LEVEL: "warn",
  WEBHOOK_ALLOW_PRIVATE: "true",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(engine: string, database: Database, concurrency: number, events: number): Promise<Run> {
  const config = loadConfig({ ...BASE_ENV, JOBS_CONCURRENCY: String(concurrency) });
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
  const submissions = await submissionsUnderJobs(8);
  for (const r of submissions) console.log(`submissions with ${r.mode}: ${Math.round(r.rps)}/s, p99 ${r.p99} ms`);
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
(to keep their order); different tickets' deliveries run side by side.

**What background work costs requests on PGlite.** Public submissions at 50 connections for 8 s
(PGlite in memory, same process and machine load):

${table(
  ["Runner", "Submissions/s", "p99", "Webhooks delivered meanwhile"],
  submissions.map((r) => [r.mode, Math.round(r.rps), ms(r.p99), r.delivered]),
)}`,
  );
}
