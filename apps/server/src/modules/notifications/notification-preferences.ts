/**
 * Notification preferences (REQUIREMENTS M8): for each kind of notification, how the user wants to
 * hear of it. Without a choice of their own the kind's default applies: what needs the user's
 * action (a ticket given to them, a comment request, a resident's message, a missed target) comes
 * by email at once when they are not online (so does a colleague's mention of them); the rest stays
 * in the console or comes in the daily digest, and new tickets in the user's groups' queues are off
 * until the user turns them on. Each user reads and changes only their own.
 */
import {
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
  notificationKinds,
  type UpdateNotificationPreferences,
} from "@yhteys/contracts";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Queryable } from "../../db/client.ts";
import { notificationPreferences } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";

/** The delivery of each kind for users who have not chosen. */
export const defaultDelivery: Record<NotificationKind, NotificationDelivery> = {
  assigned: "email",
  comment_requested: "email",
  information: "daily",
  comment_answered: "in_app",
  resident_message: "email",
  sla_warning: "in_app",
  sla_breached: "email",
  rule: "email",
  // A colleague asks for the user's attention by name, like a comment request.
  mention: "email",
  // Opt-in: a busy queue (the advisors' unclear queue, 40 people) would bury everything else; the
  // queue itself shows new tickets live.
  group_new: "off",
};

/**
 * The delivery that applies to a notification now, in SQL (the user's choice, else the kind's
 * default), for queries on `notifications` (named in full: drizzle leaves selected columns bare,
 * which the subquery would take for its own).
 */
export function deliveryOf(): SQL<NotificationDelivery> {
  const defaults = sql.join(
    notificationKinds.map((k) => sql`WHEN ${k} THEN ${defaultDelivery[k]}`),
    sql` `,
  );
  return sql<NotificationDelivery>`coalesce(
    (SELECT p.delivery::text FROM notification_preferences p WHERE p.user_id = "notifications"."user_id" AND p.kind = "notifications"."kind"),
    CASE "notifications"."kind"::text ${defaults} END)`;
}

/** The deliveries of some users for some kinds: `get(userId, kind)`. */
export async function deliveriesFor(db: Queryable, userIds: string[], kinds: NotificationKind[]) {
  const rows = userIds.length
    ? await db
        .select({ userId: notificationPreferences.userId, kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
        .from(notificationPreferences)
        .where(and(inArray(notificationPreferences.userId, userIds), inArray(notificationPreferences.kind, kinds)))
    : [];
  const chosen = new Map(rows.map((r) => [`${r.userId}:${r.kind}`, r.delivery]));
  return (userId: string, kind: NotificationKind): NotificationDelivery => chosen.get(`${userId}:${kind}`) ?? defaultDelivery[kind];
}

/** The signed-in user's delivery of every kind. */
export async function myNotificationPreferences(db: Db, actor: StaffActor): Promise<NotificationPreferences> {
  const get = await deliveriesFor(db, [actor.userId], [...notificationKinds]);
  return {
    items: notificationKinds.map((kind) => ({ kind, delivery: get(actor.userId, kind), default: defaultDelivery[kind] })),
  };
}

/** Saves some of the signed-in user's choices (never anyone else's) and returns them all. */
export async function updateMyNotificationPreferences(
  db: Db,
  actor: StaffActor,
  input: z.output<typeof UpdateNotificationPreferences>,
): Promise<NotificationPreferences> {
  await db
    .insert(notificationPreferences)
    .values(input.items.map((i) => ({ organisationId: actor.organisationId, userId: actor.userId, kind: i.kind, delivery: i.delivery })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { delivery: sql`excluded.delivery`, updatedAt: sql`now()` },
      where: eq(notificationPreferences.organisationId, actor.organisationId),
    });
  return myNotificationPreferences(db, actor);
}
