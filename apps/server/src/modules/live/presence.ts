/**
 * Who has which ticket open, for the console's collision warning ("Sanna is viewing / typing").
 * Each console reports its open ticket over the live socket (and again every 20 s); every app
 * process hears every report by LISTEN/NOTIFY and keeps them for PRESENCE_TTL_MS, so colleagues
 * connected to different processes see each other. A report for a ticket the user may not read
 * is ignored.
 */
import { randomUUID } from "node:crypto";
import { PresenceUpdate, type TicketPresence } from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { tickets } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";
import { mayReadTicket } from "../requests/requests.ts";
import { accessColumns } from "../tickets/tickets.access.ts";

const PRESENCE_CHANNEL = "yhteys_presence";
/** A report is forgotten this long after it was made, unless renewed (a closed laptop, a crash). */
const PRESENCE_TTL_MS = 60_000;

type Report = { key: string; organisationId: string; ticketId: string | null; userId: string; name: string; typing: boolean };
type Seen = Report & { until: number };
/** A local console: where to send the presence of its open ticket. */
export type PresenceListener = { key: string; actor: StaffActor; ticketId: string | null; send: (message: TicketPresence) => void };

export class Presence {
  private readonly seen = new Map<string, Seen>();
  private readonly listeners = new Set<PresenceListener>();
  private stop: (() => Promise<void>) | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: AppContext) {}

  async start() {
    this.stop = await this.ctx.database.listen(PRESENCE_CHANNEL, (payload) => this.heard(JSON.parse(payload) as Report));
    this.sweeper = setInterval(() => this.sweep(), 10_000);
    this.sweeper.unref();
  }

  async close() {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.stop?.();
  }

  /** A new console connection; `report` handles its messages, `leave` its closing. */
  connect(actor: StaffActor, send: PresenceListener["send"]) {
    const listener: PresenceListener = { key: randomUUID(), actor, ticketId: null, send };
    this.listeners.add(listener);
    return {
      report: async (message: unknown) => {
        const update = PresenceUpdate.safeParse(message);
        if (!update.success) return;
        const { ticketId, typing } = update.data;
        if (ticketId && !(await this.mayRead(actor, ticketId))) return;
        listener.ticketId = ticketId;
        await this.announce({
          key: listener.key,
          organisationId: actor.organisationId,
          ticketId,
          userId: actor.userId,
          name: actor.name,
          typing,
        });
        if (ticketId) this.sendTo(listener);
      },
      leave: async () => {
        this.listeners.delete(listener);
        if (listener.ticketId)
          await this.announce({
            key: listener.key,
            organisationId: actor.organisationId,
            ticketId: null,
            userId: actor.userId,
            name: actor.name,
            typing: false,
          });
      },
    };
  }

  private async mayRead(actor: StaffActor, ticketId: string): Promise<boolean> {
    const [ticket] = await this.ctx.db
      .select({ id: tickets.id, ...accessColumns })
      .from(tickets)
      .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
    return ticket ? mayReadTicket(this.ctx.db, actor, ticket) : false;
  }

  private announce(report: Report) {
    return this.ctx.db.execute(sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(report)})`);
  }

  private heard(report: Report) {
    const before = this.seen.get(report.key);
    if (report.ticketId) this.seen.set(report.key, { ...report, until: Date.now() + PRESENCE_TTL_MS });
    else this.seen.delete(report.key);
    const changed = before?.ticketId !== report.ticketId || before?.typing !== report.typing;
    if (!changed) return;
    for (const ticketId of new Set([before?.ticketId, report.ticketId])) if (ticketId) this.update(report.organisationId, ticketId);
  }

  private sweep() {
    const now = Date.now();
    for (const [key, s] of this.seen)
      if (s.until < now) {
        this.seen.delete(key);
        if (s.ticketId) this.update(s.organisationId, s.ticketId);
      }
  }

  /** Sends the ticket's viewers to each local console that has it open. */
  private update(organisationId: string, ticketId: string) {
    for (const l of this.listeners) if (l.ticketId === ticketId && l.actor.organisationId === organisationId) this.sendTo(l);
  }

  private sendTo(listener: PresenceListener) {
    const ticketId = listener.ticketId;
    if (!ticketId) return;
    const others = new Map<string, { userId: string; name: string; typing: boolean }>();
    for (const s of this.seen.values())
      if (s.ticketId === ticketId && s.organisationId === listener.actor.organisationId && s.userId !== listener.actor.userId) {
        const known = others.get(s.userId);
        others.set(s.userId, { userId: s.userId, name: s.name, typing: s.typing || Boolean(known?.typing) });
      }
    listener.send({ type: "presence", ticketId, others: [...others.values()] });
  }
}
