/**
 * In-app notifications (REQUIREMENTS M8). A consumer of the outbox turns ticket events into
 * notifications for the people they concern: a ticket given to someone, a comment request or
 * information sent to them or their group, the answer to their comment request, a resident's
 * new message on a ticket they handle, and a service-level target near or missed (to the handler;
 * a missed one on an untaken ticket to the group's content admins). Nobody is notified of their own doing. The unique
 * (event, user) pair makes a second hand-over of an event harmless. Each user's preferences decide
 * whether a kind is written at all and whether it is emailed (notification-emails.ts).
 */
import type { MarkNotificationsRead, NotificationKind, NotificationList } from "@yhteys/contracts";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { groupMemberships, notifications, ticketEvents, ticketRequests, tickets, users } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";
import type { OutboxConsumer } from "../outbox/outbox-relay.ts";
import { deliveriesFor } from "./notification-preferences.ts";

type Event = typeof ticketEvents.$inferSelect;
type Wanted = { kind: NotificationKind; userIds: string[] };

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** Who an event concerns, and as what. */
async function recipients(tx: Tx, e: Event, handlerOf: Map<string, string | null>): Promise<Wanted | null> {
  const data = e.data;
  switch (e.type) {
    case "ticket.created":
    case "ticket.rules_applied": {
      // Routed straight to a person by a rule.
      const handler = handlerOf.get(e.ticketId);
      const routed = e.type === "ticket.created" ? Array.isArray(data.rules) && data.rules.length > 0 : true;
      return handler && routed ? { kind: "assigned", userIds: [handler] } : null;
    }
    case "ticket.forwarded": {
      const to = str(obj(data.to).handlerId);
      return to && to !== str(obj(data.from).handlerId) ? { kind: "assigned", userIds: [to] } : null;
    }
    case "ticket.comment_requested":
    case "ticket.sent_for_information": {
      const kind = e.type === "ticket.comment_requested" ? "comment_requested" : "information";
      const toUser = str(data.toUserId);
      if (toUser) return { kind, userIds: [toUser] };
      const toGroup = str(data.toGroupId);
      if (!toGroup) return null;
      const members = await tx
        .select({ id: groupMemberships.userId })
        .from(groupMemberships)
        .innerJoin(users, eq(users.id, groupMemberships.userId))
        .where(and(eq(groupMemberships.groupId, toGroup), eq(users.active, true)));
      return { kind, userIds: members.map((m) => m.id) };
    }
    case "ticket.comment_answered": {
      const requestId = str(data.requestId);
      if (!requestId) return null;
      const [request] = await tx
        .select({ by: ticketRequests.requestedByUserId })
        .from(ticketRequests)
        .where(eq(ticketRequests.id, requestId));
      return request?.by ? { kind: "comment_answered", userIds: [request.by] } : null;
    }
    case "ticket.rule_notified": {
      // The rule's recipients, found when it fired.
      const userIds = Array.isArray(data.userIds) ? data.userIds.filter((id): id is string => typeof id === "string") : [];
      return { kind: "rule", userIds };
    }
    case "ticket.resident_message": {
      const handler = handlerOf.get(e.ticketId);
      return handler ? { kind: "resident_message", userIds: [handler] } : null;
    }
    case "ticket.sla_warning":
    case "ticket.sla_breached": {
      const kind = e.type === "ticket.sla_warning" ? "sla_warning" : "sla_breached";
      const handler = handlerOf.get(e.ticketId);
      if (handler) return { kind, userIds: [handler] };
      // Nobody has taken it: a missed target goes to the group's content admins, who lead its queue.
      if (kind === "sla_warning") return null;
      const leads = await tx
        .select({ id: users.id })
        .from(groupMemberships)
        .innerJoin(users, eq(users.id, groupMemberships.userId))
        .innerJoin(tickets, eq(tickets.groupId, groupMemberships.groupId))
        .where(and(eq(tickets.id, e.ticketId), eq(users.role, "content_admin"), eq(users.active, true)));
      return { kind, userIds: leads.map((l) => l.id) };
    }
    default:
      return null;
  }
}

/** The outbox consumer that writes notifications. */
export const notificationsConsumer: OutboxConsumer = {
  name: "notifications",
  async handle(tx, batch) {
    const relevant = batch.filter((e) =>
      [
        "ticket.created",
        "ticket.rules_applied",
        "ticket.forwarded",
        "ticket.comment_requested",
        "ticket.sent_for_information",
        "ticket.comment_answered",
        "ticket.resident_message",
        "ticket.sla_warning",
        "ticket.sla_breached",
        "ticket.rule_notified",
      ].includes(e.type),
    );
    if (!relevant.length) return;
    const events = await tx
      .select()
      .from(ticketEvents)
      .where(
        inArray(
          ticketEvents.id,
          relevant.map((e) => e.id),
        ),
      );
    const ticketIds = [...new Set(events.map((e) => e.ticketId))];
    const handlers = await tx.select({ id: tickets.id, handlerId: tickets.handlerId }).from(tickets).where(inArray(tickets.id, ticketIds));
    const handlerOf = new Map(handlers.map((t) => [t.id, t.handlerId]));
    const rows: (typeof notifications.$inferInsert)[] = [];
    for (const e of events) {
      const wanted = await recipients(tx, e, handlerOf);
      const by = e.actorKind === "user" ? e.actorId : null;
      for (const userId of new Set(wanted?.userIds ?? []))
        if (userId !== by)
          rows.push({
            organisationId: e.organisationId,
            userId,
            ticketId: e.ticketId,
            kind: wanted?.kind as NotificationKind,
            eventId: e.id,
            byUserId: by,
          });
    }
    await notifyUsers(tx, rows);
  },
};

/**
 * Writes notifications as their users want them: none for a kind a user turned off, and marked for
 * an email (sent later by the notification email task, if still unread and the user not online)
 * for a kind they want by email at once. Digest kinds are picked up by the digest task.
 */
export async function notifyUsers(tx: Tx, rows: (typeof notifications.$inferInsert)[]) {
  if (!rows.length) return;
  const delivery = await deliveriesFor(tx, [...new Set(rows.map((r) => r.userId))], [...new Set(rows.map((r) => r.kind))]);
  const wanted = rows
    .map((r) => ({ r, delivery: delivery(r.userId, r.kind) }))
    .filter(({ delivery }) => delivery !== "off")
    .map(({ r, delivery }) => (delivery === "email" ? { ...r, emailWantedAt: new Date() } : r));
  if (wanted.length) await tx.insert(notifications).values(wanted).onConflictDoNothing();
}

/** The user's newest notifications (50) and how many are unread. */
export async function listNotifications(db: Db, actor: StaffActor): Promise<NotificationList> {
  const by = alias(users, "by");
  const mine = and(eq(notifications.organisationId, actor.organisationId), eq(notifications.userId, actor.userId));
  const [rows, [unread]] = await Promise.all([
    db
      .select({ n: notifications, reference: tickets.reference, by: by.name })
      .from(notifications)
      .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
      .leftJoin(by, eq(by.id, notifications.byUserId))
      .where(mine)
      .orderBy(desc(notifications.id))
      .limit(50),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map(({ n, reference, by }) => ({
      id: String(n.id),
      kind: n.kind,
      ticket: { id: n.ticketId, reference },
      by,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unread: Number(unread?.n ?? 0),
  };
}

/** Marks the user's notifications read (some or all); others' are never touched. */
export async function markNotificationsRead(db: Db, actor: StaffActor, input: z.output<typeof MarkNotificationsRead>) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.organisationId, actor.organisationId),
        eq(notifications.userId, actor.userId),
        isNull(notifications.readAt),
        "ids" in input ? inArray(notifications.id, input.ids.map(Number)) : undefined,
      ),
    );
  return listNotifications(db, actor);
}
