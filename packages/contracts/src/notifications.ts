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
