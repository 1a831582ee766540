/** The mailbox admin API under /api/staff/admin/mailboxes (technical admins; the services check). */
import { Mailbox, MailboxCheck, MailboxList, MailboxUpdate, NewMailbox } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { checkMailboxNow, createMailbox, deleteMailbox, listMailboxes, updateMailbox } from "./mailboxes.ts";

const tags = ["mailboxes"];

export function mailboxRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get("", { schema: { tags, summary: "Incoming-email mailboxes with their status", response: { 200: MailboxList } } }, (request) =>
      listMailboxes(ctx, staffActor(request)),
    );
    app.post(
      "",
      { schema: { tags, summary: "Add a mailbox (the IMAP password is never returned)", body: NewMailbox, response: { 201: Mailbox } } },
      async (request, reply) => reply.code(201).send(await createMailbox(ctx, staffActor(request), request.body)),
    );
    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change a mailbox; leaving out the password keeps the stored one",
          params: ById,
          body: MailboxUpdate,
          response: { 200: Mailbox },
        },
      },
      (request) => updateMailbox(ctx, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a mailbox (its tickets stay)", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteMailbox(ctx, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/:id/check",
      { schema: { tags, summary: "Read an IMAP mailbox now and answer with its status", params: ById, response: { 200: MailboxCheck } } },
      (request) => checkMailboxNow(ctx, staffActor(request), request.params.id, (e) => request.log.warn({ err: e }, "mailbox check")),
    );
  };
}
