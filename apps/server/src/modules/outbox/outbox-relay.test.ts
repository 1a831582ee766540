import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { queryRows } from "../../db/client.ts";
import { tickets } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { type OutboxConsumer, type OutboxEvent, OutboxRelay } from "./outbox-relay.ts";

let t: TestApp;
let tenant: SeededOrganisation;
let ticketId: string;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await newTenant(t.ctx);
  const { reference } = await submitContact(t.app, tenant);
  const [row] = await t.ctx.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.reference, reference));
  ticketId = row?.id ?? "";
});
afterAll(() => t.close());

/** A consumer that remembers what it was handed, for this tenant only (other tests share the database). */
function recorder(organisationIds = [tenant.id]): OutboxConsumer & { seen: OutboxEvent[] } {
  const seen: OutboxEvent[] = [];
  return {
    name: `test-${crypto.randomUUID()}`,
    seen,
    handle: async (_tx, events) => void seen.push(...events.filter((e) => organisationIds.includes(e.organisationId))),
  };
}

const note = (db = t.ctx.db, organisationId = tenant.id, ticket = ticketId) =>
  recordEvent(db, { organisationId, ticketId: ticket, type: "ticket.noted", actor: { kind: "system", organisationId } });

async function drain(relay: OutboxRelay, until: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!until() && Date.now() < deadline) if (!(await relay.pump())) await new Promise((r) => setTimeout(r, 10));
}

describe("outbox relay", () => {
  it("hands every new event over once, in id order, across batches, concurrent writers and a restart", async () => {
    const consumer = recorder();
    const options = { batchSize: 7, gapGraceMs: 50 };
    const relay = new OutboxRelay(t.ctx.db, consumer, options);
    await relay.pump(); // creates the cursor at the newest event
    const first = await Promise.all(Array.from({ length: 30 }, () => note()));
    await drain(relay, () => consumer.seen.length >= 30);
    // A restarted process continues at the stored cursor.
    const restarted = new OutboxRelay(t.ctx.db, consumer, options);
    const second = await Promise.all(Array.from({ length: 20 }, () => note()));
    await drain(restarted, () => consumer.seen.length >= 50);
    const ids = consumer.seen.map((e) => e.id);
    expect(ids).toEqual([...first, ...second].map((n) => n.eventId).sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(50);
  });

  it("passes over an id whose transaction rolled back, once no transaction can still write it", async () => {
    const consumer = recorder();
    const relay = new OutboxRelay(t.ctx.db, consumer, { batchSize: 100, gapGraceMs: 50 });
    await relay.pump();
    await t.ctx.db
      .transaction(async (tx) => {
        await note(tx);
        throw new Error("roll back");
      })
      .catch(() => {});
    const after = await note();
    await drain(relay, () => consumer.seen.length >= 1);
    expect(consumer.seen.map((e) => e.id)).toEqual([after.eventId]);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("waits for an earlier id that is still being written, and keeps the order", async () => {
    // Another organisation: events of one organisation queue on its audit chain's head row.
    const other = await newTenant(t.ctx);
    const { reference } = await submitContact(t.app, other);
    const [otherTicket] = await t.ctx.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.reference, reference));
    const consumer = recorder([tenant.id, other.id]);
    const relay = new OutboxRelay(t.ctx.db, consumer, { batchSize: 100, gapGraceMs: 50 });
    await relay.pump();
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let earlier = 0;
    const slow = t.ctx.db.transaction(async (tx) => {
      earlier = (await note(tx)).eventId;
      await held;
    });
    while (!earlier) await new Promise((r) => setTimeout(r, 5));
    const later = (await note(t.ctx.db, other.id, otherTicket?.id)).eventId;
    // Long past the grace period, the running transaction still holds the relay back.
    for (let i = 0; i < 10; i++) {
      await relay.pump();
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(consumer.seen).toEqual([]);
    release();
    await slow;
    await drain(relay, () => consumer.seen.length >= 2);
    expect(consumer.seen.map((e) => e.id)).toEqual([earlier, later]);
  });

  it("lets one relay at a time work a consumer's cursor", async () => {
    const consumer = recorder();
    const relays = [1, 2, 3].map(() => new OutboxRelay(t.ctx.db, consumer, { batchSize: 5, gapGraceMs: 50 }));
    await relays[0]?.pump();
    const written = await Promise.all(Array.from({ length: 40 }, () => note()));
    const deadline = Date.now() + 10_000;
    while (consumer.seen.length < 40 && Date.now() < deadline) await Promise.all(relays.map((r) => r.pump()));
    expect(consumer.seen.map((e) => e.id)).toEqual(written.map((n) => n.eventId).sort((a, b) => a - b));
    const [cursor] = await queryRows<{ position: string }>(
      t.ctx.db,
      sql`SELECT position FROM outbox_cursors WHERE consumer = ${consumer.name}`,
    );
    expect(Number(cursor?.position)).toBe(Math.max(...written.map((n) => n.eventId)));
  });
});
