/**
 * In-app notifications (REQUIREMENTS M8). A consumer of the outbox turns ticket events into
 * notifications for the people they concern: a ticket given to someone, a comment request or
 * information sent to them or their group, the answer to their comment request, a resident's
 * new message on a ticket they handle, and a service-level target near or missed (to the handler;
 * a missed one on an untaken ticket to the group's content admins), a colleague's mention in a note,
 * and a new ticket in the queue of a group the user belongs to (created there, or forwarded or routed
 * there without a person). Nobody is notified of their own doing, and of a mention or a new ticket
 * only those who may open the ticket. The unique (event, user) pair makes a second hand-over of an
 * event harmless, and makes a landing in a queue one notification per member. Each user's preferences decide
 * whether a kind is written at all and whether it is emailed (notification-emails.ts).
 */
import type { MarkNotificationsRead, NotificationKind, NotificationList } from "@yhteys/contracts";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { groupMemberships, notificationPreferences, notifications, ticketEvents, ticketRequests, tickets, users } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";
import type { OutboxConsumer } from "../outbox/outbox-relay.ts";
import { readersOf } from "../requests/requests.ts";
import { accessColumns, type TicketAccessFields } from "../tickets/tickets.access.ts";
import { defaultDelivery, deliveriesFor } from "./notification-preferences.ts";

type Event = typeof ticketEvents.$inferSelect;
type Wanted = { kind: NotificationKind; userIds: string[] };
type Ticket = TicketAccessFields & { id: string; organisationId: string };

/** Kinds that reach people by who they are, not by access the event gives them: only those who may open the ticket get them. */
const readersOnly: readonly NotificationKind[] = ["mention", "group_new"];

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * The active members of a group; with `wanting`, only those who have not turned that kind off (one
 * query, so that a busy queue whose members mostly keep the default costs nothing more).
 */
async function membersOf(tx: Tx, groupId: string, wanting?: NotificationKind): Promise<string[]> {
  const members = tx
    .select({ id: groupMemberships.userId })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .$dynamic();
  const active = and(eq(groupMemberships.groupId, groupId), eq(users.active, true));
  const rows = wanting
    ? await members
        .leftJoin(
          notificationPreferences,
          and(eq(notificationPreferences.userId, groupMemberships.userId), eq(notificationPreferences.kind, wanting)),
        )
        .where(and(active, sql`coalesce(${notificationPreferences.delivery}::text, ${defaultDelivery[wanting]}) <> 'off'`))
    : await members.where(active);
  return rows.map((m) => m.id);
}

/** A ticket waiting in `groupId`'s queue (still there, nobody has taken it) is news to the group's members. */
async function newInQueue(tx: Tx, ticket: Ticket | undefined, groupId: string | null): Promise<Wanted | null> {
  if (!ticket || !groupId || ticket.handlerId || ticket.groupId !== groupId) return null;
  return { kind: "group_new", userIds: await membersOf(tx, groupId, "group_new") };
}

/** Whether fired rules (as stored in an event) routed the ticket to a group without a person. */
const routedToQueue = (rules: unknown) =>
  Array.isArray(rules) &&
  rules.some(
    (r) =>
      Array.isArray(obj(r).actions) &&
      (obj(r).actions as unknown[]).some((a) => obj(a).action === "route" && str(obj(a).groupId) && !str(obj(a).handlerId)),
  );

/** Who an event concerns, and as what. */
async function recipients(tx: Tx, e: Event, ticketOf: Map<string, Ticket>): Promise<Wanted | null> {
  const data = e.data;
  const ticket = ticketOf.get(e.ticketId);
  const handler = ticket?.handlerId ?? null;
  switch (e.type) {
    case "ticket.created": {
      // Routed straight to a person by a rule; else new in its group's queue.
      if (handler) return Array.isArray(data.rules) && data.rules.length > 0 ? { kind: "assigned", userIds: [handler] } : null;
      return newInQueue(tx, ticket, str(data.groupId));
    }
    case "ticket.rules_applied":
      if (handler) return { kind: "assigned", userIds: [handler] };
      return routedToQueue(data.rules) ? newInQueue(tx, ticket, ticket?.groupId ?? null) : null;
    case "ticket.forwarded": {
      const to = obj(data.to);
      const from = obj(data.from);
      const toHandler = str(to.handlerId);
      if (toHandler) return toHandler !== str(from.handlerId) ? { kind: "assigned", userIds: [toHandler] } : null;
      // Into a group's queue: from another group, or back from a person.
      const toGroup = str(to.groupId);
      return toGroup !== str(from.groupId) || str(from.handlerId) ? newInQueue(tx, ticket, toGroup) : null;
    }
    case "ticket.noted": {
      const mentioned = strings(data.mentions);
      return mentioned.length ? { kind: "mention", userIds: mentioned } : null;
    }
    case "ticket.comment_requested":
    case "ticket.sent_for_information": {
      const kind = e.type === "ticket.comment_requested" ? "comment_requested" : "information";
      const toUser = str(data.toUserId);
      if (toUser) return { kind, userIds: [toUser] };
      const toGroup = str(data.toGroupId);
      return toGroup ? { kind, userIds: await membersOf(tx, toGroup) } : null;
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
    case "ticket.rule_notified":
      // The rule's recipients, found when it fired.
      return { kind: "rule", userIds: strings(data.userIds) };
    case "ticket.resident_message":
      return handler ? { kind: "resident_message", userIds: [handler] } : null;
    case "ticket.sla_warning":
    case "ticket.sla_breached": {
      const kind = e.type === "ticket.sla_warning" ? "sla_warning" : "sla_breached";
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
        "ticket.noted",
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
    const rows = await tx
      .select({ id: tickets.id, organisationId: tickets.organisationId, ...accessColumns })
      .from(tickets)
      .where(inArray(tickets.id, ticketIds));
    const ticketOf = new Map(rows.map((t) => [t.id, t]));
    const made: (typeof notifications.$inferInsert)[] = [];
    for (const e of events) {
      const wanted = await recipients(tx, e, ticketOf);
      if (!wanted) continue;
      const by = e.actorKind === "user" ? e.actorId : null;
      let userIds = [...new Set(wanted.userIds)].filter((id) => id !== by);
      const ticket = ticketOf.get(e.ticketId);
      if (!userIds.length) continue;
      if (readersOnly.includes(wanted.kind) && ticket)
        userIds = (await readersOf(tx, ticket.organisationId, ticket, userIds)).map((r) => r.userId);
      for (const userId of userIds)
        made.push({ organisationId: e.organisationId, userId, ticketId: e.ticketId, kind: wanted.kind, eventId: e.id, byUserId: by });
    }
    await notifyUsers(tx, made);
  },
};

/**
 * Writes notifications as their users want them: none for a kind a user turned off, and marked for
 * an email (sent later by the notification email task, if still unread and the user not online)
 * for a kind they want by email at once. Digest kinds are picked up by the digest task.
 */
async function notifyUsers(tx: Tx, rows: (typeof notifications.$inferInsert)[]) {
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
