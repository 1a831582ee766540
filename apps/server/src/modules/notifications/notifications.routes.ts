/** The signed-in user's notifications and notification preferences under /api/staff/notifications. */
import { MarkNotificationsRead, NotificationList, NotificationPreferences, UpdateNotificationPreferences } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { settingsRoutes } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { myNotificationPreferences, updateMyNotificationPreferences } from "./notification-preferences.ts";
import { listNotifications, markNotificationsRead } from "./notifications.ts";

const tags = ["notifications"];

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.get(
      "/",
      { schema: { tags, summary: "My newest notifications and the unread count", response: { 200: NotificationList } } },
      (request) => listNotifications(ctx.db, staffActor(request)),
    );
    app.post(
      "/read",
      {
        schema: {
          tags,
          summary: "Mark some or all of my notifications read",
          body: MarkNotificationsRead,
          response: { 200: NotificationList },
        },
      },
      (request) => markNotificationsRead(ctx.db, staffActor(request), request.body),
    );
    settingsRoutes(app, "/preferences", {
      tags,
      response: NotificationPreferences,
      read: {
        summary: "How I want to hear of each kind of notification (mine, or the default)",
        handler: (request) => myNotificationPreferences(ctx.db, staffActor(request)),
      },
      write: {
        summary: "Change how I hear of some kinds of notification: off, in the console, email at once, hourly or daily digest",
        body: UpdateNotificationPreferences,
        handler: (request) => updateMyNotificationPreferences(ctx.db, staffActor(request), request.body),
      },
    });
  };
}
