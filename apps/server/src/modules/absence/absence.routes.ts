/** Absences and working hours: my own, and (technical admins) anyone's. */
import { Absence, AbsenceSettings } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { ownAbsence, setOwnAbsence, setUserAbsence, userAbsence } from "./absence.service.ts";

const tags = ["absence"];
const ById = z.object({ id: z.uuid() });

export function absenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    const response = { 200: AbsenceSettings };

    app.get("/me/absence", { schema: { tags, summary: "My absence and working hours", response } }, (request) =>
      ownAbsence(ctx.db, staffActor(request)),
    );
    app.put("/me/absence", { schema: { tags, summary: "Set my absence and working hours", body: Absence, response } }, (request) =>
      setOwnAbsence(ctx.db, staffActor(request), request.body),
    );
    app.get(
      "/admin/users/:id/absence",
      { schema: { tags, summary: "A user's absence and working hours (technical admins)", params: ById, response } },
      (request) => userAbsence(ctx.db, staffActor(request), request.params.id),
    );
    app.put(
      "/admin/users/:id/absence",
      { schema: { tags, summary: "Set a user's absence and working hours (technical admins)", params: ById, body: Absence, response } },
      (request) => setUserAbsence(ctx.db, staffActor(request), request.params.id, request.body),
    );
  };
}
