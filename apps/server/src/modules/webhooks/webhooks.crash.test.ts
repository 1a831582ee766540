/**
 * Crash safety: the relay and the deliveries run in a child process that is killed with SIGKILL
 * mid-way and started again. Every event must reach the receiver at least once; the receiver
 * dedupes by `Yhteys-Delivery`, as the docs tell receivers to, and counts each event once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { createTickets, newTenant, SNAPSHOT_PATH, waitFor } from "../../../test/harness.ts";
import { startReceiver } from "../../../test/webhook-receiver.ts";
import { type Database, openPglite, openPostgres } from "../../db/client.ts";
import { webhookSubscriptions } from "../../db/schema.ts";
import { newWebhookSecret } from "./webhook-signature.ts";

const EVENTS = 60;
const serverDir = path.resolve(import.meta.dirname, "../../..");
const children: ChildProcess[] = [];
const pgliteDir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(tmpdir(), "yhteys-crash-"));
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

/** Starts the worker process; resolves once it says it is running. */
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/webhook-worker.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      JOBS_CONCURRENCY: "2",
      JOBS_POLL_MS: "100",
      WEBHOOK_RETRY_BASE_MS: "50",
      LEASE_MS: "1000",
      ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function openDatabaseForTest(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 2);
  return openPglite(pgliteDir, new Blob([readFileSync(SNAPSHOT_PATH)]));
}

it("delivers every event at least once across a SIGKILL of the worker", async () => {
  // Each answer takes a while, so that the kill falls in the middle of the work.
  const receiver = await startReceiver(() => ({ status: 200, delayMs: 25 }));
  const database = await openDatabaseForTest();
  const tenant = await newTenant(database);
  await database.db.insert(webhookSubscriptions).values({ organisationId: tenant.id, url: receiver.url, secret: newWebhookSecret() });
  // The relay's cursor must exist before the events, or a new consumer would start after them.
  await database.db.execute(
    sql`INSERT INTO outbox_cursors (consumer, position) SELECT 'webhooks', coalesce(max(id), 0) FROM ticket_events ON CONFLICT DO NOTHING`,
  );
  await createTickets(database.db, tenant, EVENTS);
  // PGlite has one process at a time on its data dir.
  if (pgliteDir) await database.close();

  const first = await startWorker();
  await waitFor(
    () => receiver.accepted.size,
    (n) => n >= EVENTS / 4,
    60_000,
  );
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const atKill = receiver.accepted.size;
  expect(atKill).toBeLessThan(EVENTS);

  const second = await startWorker();
  await waitFor(
    () => receiver.accepted.size,
    (n) => n >= EVENTS,
    60_000,
  );
  second.kill("SIGTERM");
  await new Promise((resolve) => second.once("exit", resolve));
  if (!pgliteDir) await database.close();
  await receiver.close();

  const events = new Set(receiver.received.map((r) => JSON.parse(r.body).id));
  expect(receiver.accepted.size).toBe(EVENTS);
  expect(events.size).toBe(EVENTS);
});
