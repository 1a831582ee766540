/** The signed-in user's notifications under /api/staff/notifications. */
import { MarkNotificationsRead, NotificationList } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
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
  };
}
