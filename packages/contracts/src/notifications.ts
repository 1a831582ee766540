/** In-app notifications (REQUIREMENTS M8): what happened to a ticket that concerns the user. */
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.ts";

export const notificationKinds = [
  "assigned",
  "comment_requested",
  "information",
  "comment_answered",
  "resident_message",
  "sla_warning",
  "sla_breached",
  /** An automation rule asked to tell the user about the ticket. */
  "rule",
  /** A colleague mentioned the user (@Name) in an internal note. */
  "mention",
  /** A new ticket landed in the queue of a group the user belongs to, without a person. */
  "group_new",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const Notification = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  ticket: z.object({ id: Uuid, reference: z.string() }),
  /** Who caused it: a colleague's name; null for residents and the system. */
  by: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ items: z.array(Notification), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

/** Marks notifications read: the given ones, or all of the user's. */
export const MarkNotificationsRead = z.union([
  z.object({ ids: z.array(z.string().regex(/^\d+$/)).min(1).max(200) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkNotificationsRead = z.input<typeof MarkNotificationsRead>;

/**
 * How a user wants to hear of one kind of notification: not at all, only in the console, by
 * email at once (when not online and not read by then), or in an hourly or daily digest email.
 */
export const notificationDeliveries = ["off", "in_app", "email", "hourly", "daily"] as const;
export type NotificationDelivery = (typeof notificationDeliveries)[number];

export const NotificationPreference = z.object({
  kind: z.enum(notificationKinds),
  delivery: z.enum(notificationDeliveries),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

/** The signed-in user's choice for every kind, and the installation's default for each. */
export const NotificationPreferences = z.object({
  items: z.array(NotificationPreference.extend({ default: z.enum(notificationDeliveries) })),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** Changes some of the signed-in user's choices; each kind at most once. */
export const UpdateNotificationPreferences = z.strictObject({
  items: z
    .array(NotificationPreference)
    .min(1)
    .max(notificationKinds.length)
    .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, "each kind at most once"),
});
export type UpdateNotificationPreferences = z.input<typeof UpdateNotificationPreferences>;
