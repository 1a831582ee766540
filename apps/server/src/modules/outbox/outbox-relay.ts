/**
 * The outbox relay: reads `ticket_events` in id order after a stored cursor (`outbox_cursors`,
 * one row per consumer) and hands each new event to its consumer, in order, at least once. The
 * consumer works in the relay's transaction and the cursor moves in that same transaction, so what
 * a consumer writes (e.g. delivery jobs) commits exactly when the cursor passes the events. A
 * restart continues at the cursor; the cursor row is locked with SKIP LOCKED, so only one process
 * relays for a consumer at a time.
 *
 * Event ids come from a sequence, and transactions commit in another order than they took their
 * ids: event 11 can be visible while event 10's transaction is still running. The relay therefore
 * stops at a missing id and waits until it appears, or until every transaction that could still
 * write it has ended (then the id was rolled back or deleted, and is passed over): see `gapSettled`.
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows, type Tx } from "../../db/client.ts";

/** An event as consumers of the outbox get it: ids and type only (read the rest if needed). */
export type OutboxEvent = { id: number; organisationId: string; ticketId: string; type: string; createdAt: Date };

/** Something that acts on every ticket event; `handle` runs in the transaction that moves its cursor. */
export type OutboxConsumer = { name: string; handle: (tx: Tx, events: OutboxEvent[]) => Promise<void> };

export type OutboxRelayOptions = {
  batchSize: number;
  /** How long a missing id is waited for before checking whether any transaction can still write it. */
  gapGraceMs: number;
};

type Gap = { after: number; seenAt: number; horizon: string | null };

export class OutboxRelay {
  /** The cursor as last seen here, so that an idle relay costs one indexed read per round. */
  private seen = -1;
  private gap: Gap | null = null;

  constructor(
    private readonly db: Db,
    private readonly consumer: OutboxConsumer,
    private readonly options: OutboxRelayOptions = { batchSize: 200, gapGraceMs: 1000 },
  ) {}

  /** Relays one batch; resolves true when a full batch went out (more may be waiting). */
  async pump(): Promise<boolean> {
    if (this.seen >= 0) {
      const [next] = await queryRows<{ id: string }>(this.db, sql`SELECT id FROM ticket_events WHERE id > ${this.seen} LIMIT 1`);
      if (!next) return false;
    }
    const { handled, position } = await this.db.transaction(async (tx) => {
      // What this transaction writes (the cursor and the consumer's rows) may be lost in a crash as
      // one: the events are relayed again from the older cursor. So its commit need not wait for
      // the disk, and the submissions' commits do not queue behind it. Anything that acts outside
      // the database (a delivery job) is claimed by a later, synchronous commit, which flushes
      // this one first.
      await tx.execute(sql`SET LOCAL synchronous_commit = off`);
      // A new consumer starts at the newest event: it acts on what happens from now on.
      if (this.seen < 0)
        await tx.execute(
          sql`INSERT INTO outbox_cursors (consumer, position)
              SELECT ${this.consumer.name}, coalesce(max(id), 0) FROM ticket_events
              ON CONFLICT (consumer) DO NOTHING`,
        );
      const [cursor] = await queryRows<{ position: string }>(
        tx,
        sql`SELECT position FROM outbox_cursors WHERE consumer = ${this.consumer.name} FOR UPDATE SKIP LOCKED`,
      );
      // Another process is relaying for this consumer right now.
      if (!cursor) return { handled: 0, position: -1 };
      const from = Number(cursor.position);
      const rows = await queryRows<{ id: string; organisation_id: string; ticket_id: string; type: string; created_at: string | Date }>(
        tx,
        sql`SELECT id, organisation_id, ticket_id, type, created_at FROM ticket_events
            WHERE id > ${from} ORDER BY id LIMIT ${this.options.batchSize}`,
      );
      const events: OutboxEvent[] = [];
      let expected = from + 1;
      for (const row of rows) {
        const id = Number(row.id);
        if (id !== expected && !(await this.gapSettled(tx, expected - 1))) break;
        events.push({
          id,
          organisationId: row.organisation_id,
          ticketId: row.ticket_id,
          type: row.type,
          createdAt: new Date(row.created_at),
        });
        expected = id + 1;
      }
      const last = events.at(-1);
      if (!last) return { handled: 0, position: from };
      await this.consumer.handle(tx, events);
      await tx.execute(sql`UPDATE outbox_cursors SET position = ${last.id}, updated_at = now() WHERE consumer = ${this.consumer.name}`);
      return { handled: events.length, position: last.id };
    });
    // -1 (the cursor is missing or another process holds it): the next pump makes sure it exists.
    this.seen = position;
    return handled === this.options.batchSize;
  }

  /**
   * Whether the ids after `after` that are missing can be passed over. A transaction that took such
   * an id before a later id committed was running (with a transaction id) within moments of taking
   * it. So: wait `gapGraceMs` after first seeing the gap, note the transaction-id horizon then
   * (`pg_snapshot_xmax`), and pass over once no transaction older than that horizon is running.
   */
  private async gapSettled(tx: Tx, after: number): Promise<boolean> {
    const now = Date.now();
    if (this.gap?.after !== after) {
      this.gap = { after, seenAt: now, horizon: null };
      return false;
    }
    if (now - this.gap.seenAt < this.options.gapGraceMs) return false;
    if (!this.gap.horizon) {
      const [row] = await queryRows<{ horizon: string }>(tx, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon`);
      this.gap.horizon = row?.horizon ?? null;
      return false;
    }
    const [row] = await queryRows<{ settled: boolean }>(
      tx,
      sql`SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ${this.gap.horizon}::xid8 AS settled`,
    );
    if (row?.settled) this.gap = null;
    return row?.settled === true;
  }
}
