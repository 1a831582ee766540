/**
 * Every change to a ticket writes one event row in the same transaction as the change. The row is
 * the ticket's history, the audit trail of changes, and the outbox that later workers read for
 * notifications, webhooks and integrations.
 *
 * Live updates are hints for open consoles, sent after commit: each process batches the notices
 * of committed changes into few NOTIFYs. A NOTIFY inside every transaction would make PostgreSQL
 * commit those transactions one at a time (it holds a global lock while committing a notify).
 */
import type { ticketEventTypes } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.ts";
import { ticketEvents } from "../../db/schema.ts";
import { type Actor, actorId } from "../auth/actor.ts";

export const EVENTS_CHANNEL = "yhteys_ticket_events";

export type TicketEventType = (typeof ticketEventTypes)[number];

/** What travels in a NOTIFY: enough to find the event, nothing personal. */
export type EventNotice = { organisationId: string; ticketId: string; eventId: number; type: TicketEventType };

/** Writes an event row; returns the notice to publish once the transaction has committed. */
export async function recordEvent(
  tx: Queryable,
  event: { organisationId: string; ticketId: string; type: TicketEventType; actor: Actor; data?: Record<string, unknown>; at?: Date },
): Promise<EventNotice> {
  const [row] = await tx
    .insert(ticketEvents)
    .values({
      organisationId: event.organisationId,
      ticketId: event.ticketId,
      type: event.type,
      actorKind: event.actor.kind,
      actorId: actorId(event.actor),
      data: event.data ?? {},
      ...(event.at ? { createdAt: event.at } : {}),
    })
    .returning({ id: ticketEvents.id });
  return { organisationId: event.organisationId, ticketId: event.ticketId, eventId: row?.id ?? 0, type: event.type };
}

/** Notices per NOTIFY: ~150 bytes each keeps a payload well under PostgreSQL's 8000-byte limit. */
const NOTICES_PER_NOTIFY = 40;

/**
 * Publishes notices of committed changes to every app process (LISTEN/NOTIFY on both engines),
 * batched over 20 milliseconds. A notice lost in a crash costs only a live hint: consoles
 * re-read when they reconnect, and the event row itself is committed.
 */
export class EventPublisher {
  private pending: EventNotice[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 20,
  ) {}

  publish(notices: EventNotice[]) {
    this.pending.push(...notices);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.delayMs);
  }

  /** Sends what is pending; called on shutdown so that nothing committed goes unannounced. */
  async close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    await this.flush();
  }

  private async flush() {
    const batch = this.pending.splice(0);
    for (let i = 0; i < batch.length; i += NOTICES_PER_NOTIFY) {
      const payload = JSON.stringify(batch.slice(i, i + NOTICES_PER_NOTIFY));
      // A hint lost in a crash costs nothing (above), so its commit does not wait for the disk.
      await this.db
        .execute(sql`SELECT set_config('synchronous_commit', 'off', true), pg_notify(${EVENTS_CHANNEL}, ${payload})`)
        .catch(this.onError);
    }
  }
}
