/**
 * Live updates for the staff console. Ticket events arrive by LISTEN/NOTIFY (so every app process
 * sees changes made by any other), and each connected user gets only tickets they may see.
 */
import type { LiveEvent } from "@yhteys/contracts";
import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsync } from "fastify";
import type { WebSocket } from "ws";
import type { AppContext } from "../../context.ts";
import { tickets } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { EVENTS_CHANNEL, type EventNotice } from "../tickets/ticket-events.ts";
import { accessColumns, canSeeTicket, canUseQueues } from "../tickets/tickets.access.ts";
import { OnlineStaff } from "./online.ts";
import { Presence } from "./presence.ts";

type Connection = { actor: StaffActor; socket: WebSocket };

export class LiveHub {
  private connections = new Set<Connection>();
  private stop: (() => Promise<void>) | null = null;
  /** Who has which ticket open, for collision warnings. */
  readonly presence: Presence;
  /** Who has a console open, so that notification emails go only to those who have not. */
  readonly online: OnlineStaff;

  constructor(private readonly ctx: AppContext) {
    this.presence = new Presence(ctx);
    this.online = new OnlineStaff(ctx.db, (err) => console.error("marking staff online failed", err));
  }

  async start() {
    this.stop = await this.ctx.database.listen(EVENTS_CHANNEL, (payload) => {
      for (const notice of JSON.parse(payload) as EventNotice[])
        this.publish(notice).catch((err) => console.error("live update failed", err));
    });
    await this.presence.start();
    this.online.start();
  }

  async close() {
    for (const c of this.connections) c.socket.close(1001, "server shutting down");
    await this.stop?.();
    await this.presence.close();
    await this.online.close();
  }

  add(connection: Connection) {
    this.connections.add(connection);
    const { userId, organisationId } = connection.actor;
    const failed = (err: unknown) => console.error("marking staff online failed", err);
    this.online.connected({ userId, organisationId }).catch(failed);
    connection.socket.on("close", () => {
      this.connections.delete(connection);
      this.online.disconnected(userId).catch(failed);
    });
  }

  get size() {
    return this.connections.size;
  }

  private async publish(notice: EventNotice) {
    const inOrg = [...this.connections].filter((c) => c.actor.organisationId === notice.organisationId);
    if (!inOrg.length) return;
    const [ticket] = await this.ctx.db
      .select({
        id: tickets.id,
        reference: tickets.reference,
        state: tickets.state,
        ...accessColumns,
      })
      .from(tickets)
      .where(and(eq(tickets.organisationId, notice.organisationId), eq(tickets.id, notice.ticketId)));
    if (!ticket) return;
    const event: LiveEvent = {
      type: notice.type === "ticket.created" ? "ticket.created" : "ticket.updated",
      ticketId: ticket.id,
      reference: ticket.reference,
      groupId: ticket.groupId,
      state: ticket.state,
      at: new Date().toISOString(),
    };
    const message = JSON.stringify(event);
    for (const c of inOrg) if (canSeeTicket(c.actor, ticket) && c.socket.readyState === c.socket.OPEN) c.socket.send(message);
  }
}

/**
 * `GET /api/staff/live` upgrades to a websocket that streams LiveEvent messages, takes the
 * console's PresenceUpdate messages, and answers with TicketPresence for the ticket it has open.
 */
export function liveRoutes(ctx: AppContext, hub: LiveHub): FastifyPluginAsync {
  return async (app) => {
    app.get("/live", { websocket: true, preHandler: staffGuard(ctx), schema: { hide: true } }, (socket, request) => {
      const actor = staffActor(request);
      if (!canUseQueues(actor)) return socket.close(1008, "no access to queues");
      hub.add({ actor, socket });
      const presence = hub.presence.connect(actor, (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      });
      const failed = (err: unknown) => request.log.warn({ err }, "presence update failed");
      socket.on("message", (data) => {
        let message: unknown;
        try {
          message = JSON.parse(String(data));
        } catch {
          return; // Not JSON: ignored, like any message the console does not send.
        }
        presence.report(message).catch(failed);
      });
      // Keep idle connections alive through proxies.
      const ping = setInterval(() => socket.ping(), 25_000);
      socket.on("close", () => {
        clearInterval(ping);
        presence.leave().catch(failed);
      });
    });
  };
}
