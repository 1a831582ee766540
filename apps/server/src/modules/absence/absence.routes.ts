/** Absences and working hours: my own, and (technical admins) anyone's. */
import { Absence, AbsenceSettings } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { ById, settingsRoutes } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { ownAbsence, setOwnAbsence, setUserAbsence, userAbsence } from "./absence.service.ts";

const tags = ["absence"];

export function absenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    settingsRoutes(app, "/me/absence", {
      tags,
      response: AbsenceSettings,
      read: { summary: "My absence and working hours", handler: (request) => ownAbsence(ctx.db, staffActor(request)) },
      write: {
        summary: "Set my absence and working hours",
        body: Absence,
        handler: (request) => setOwnAbsence(ctx.db, staffActor(request), request.body),
      },
    });
    settingsRoutes(app, "/admin/users/:id/absence", {
      tags,
      params: ById,
      response: AbsenceSettings,
      read: {
        summary: "A user's absence and working hours (technical admins)",
        handler: (request) => userAbsence(ctx.db, staffActor(request), request.params.id),
      },
      write: {
        summary: "Set a user's absence and working hours (technical admins)",
        body: Absence,
        handler: (request) => setUserAbsence(ctx.db, staffActor(request), request.params.id, request.body),
      },
    });
  };
}
