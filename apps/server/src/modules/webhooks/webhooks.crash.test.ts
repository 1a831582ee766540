/**
 * Crash safety: the relay and the deliveries run in a child process that is killed with SIGKILL
 * mid-way and started again. Every event must reach the receiver at least once; the receiver
 * dedupes by `Yhteys-Delivery`, as the docs tell receivers to, and counts each event once.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { crashHarness } from "../../../test/crash.ts";
import { createTickets, newTenant, waitFor } from "../../../test/harness.ts";
import { startReceiver } from "../../../test/webhook-receiver.ts";
import { webhookSubscriptions } from "../../db/schema.ts";
import { newWebhookSecret } from "./webhook-signature.ts";

const EVENTS = 60;
const crash = crashHarness("crash");
const startWorker = () => crash.startJobWorker({ WEBHOOK_RETRY_BASE_MS: "50" });

it("delivers every event at least once across a SIGKILL of the worker", async () => {
  // Each answer takes a while, so that the kill falls in the middle of the work.
  const receiver = await startReceiver(() => ({ status: 200, delayMs: 25 }));
  const database = await crash.openDatabase();
  const tenant = await newTenant(database);
  await database.db.insert(webhookSubscriptions).values({ organisationId: tenant.id, url: receiver.url, secret: newWebhookSecret() });
  // The relay's cursor must exist before the events, or a new consumer would start after them.
  await database.db.execute(
    sql`INSERT INTO outbox_cursors (consumer, position) SELECT 'webhooks', coalesce(max(id), 0) FROM ticket_events ON CONFLICT DO NOTHING`,
  );
  await createTickets(database.db, tenant, EVENTS);
  // PGlite has one process at a time on its data dir.
  if (crash.pgliteDir) await database.close();

  const first = await startWorker();
  await waitFor(
    () => receiver.accepted.size,
    (n) => n >= EVENTS / 4,
    60_000,
  );
  await crash.stop(first, "SIGKILL");
  const atKill = receiver.accepted.size;
  expect(atKill).toBeLessThan(EVENTS);

  const second = await startWorker();
  await waitFor(
    () => receiver.accepted.size,
    (n) => n >= EVENTS,
    60_000,
  );
  await crash.stop(second, "SIGTERM");
  if (!crash.pgliteDir) await database.close();
  await receiver.close();

  const events = new Set(receiver.received.map((r) => JSON.parse(r.body).id));
  expect(receiver.accepted.size).toBe(EVENTS);
  expect(events.size).toBe(EVENTS);
  // Two worker start-ups (tsx) take long on a loaded machine.
}, 240_000);
