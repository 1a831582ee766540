/** Staff record phone calls and visits as new tickets. */
import { RecordedContact, RecordedContactReceipt } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { recordContact } from "./recording.service.ts";

export function recordingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.post(
      "/contacts",
      {
        schema: {
          tags: ["tickets"],
          summary: "Record a phone call, visit or other contact as a new ticket (routed like a public submission)",
          body: RecordedContact,
          response: { 201: RecordedContactReceipt },
        },
      },
      async (request, reply) => reply.code(201).send(await recordContact(ctx, staffActor(request), request.body)),
    );
  };
}
