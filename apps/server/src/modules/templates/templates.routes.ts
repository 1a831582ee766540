/** Reply templates and signatures: their admin API, and the templates of a ticket for the reply form. */
import {
  GroupSignatureList,
  Language,
  NewReplyTemplate,
  ReplyTemplate,
  ReplyTemplateList,
  SignatureBody,
  TicketTemplates,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import {
  createTemplate,
  deleteTemplate,
  listSignatures,
  listTemplates,
  setSignature,
  ticketTemplates,
  updateTemplate,
} from "./templates.ts";

const tags = ["templates"];

/** Under /api/staff: the admin routes (…/admin/…) and the ticket's templates. */
export function templateRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/tickets/:id/reply-templates",
      {
        schema: {
          tags,
          summary: "The templates for a reply on this ticket, filled in, and its signature",
          params: ById,
          response: { 200: TicketTemplates },
        },
      },
      (request) => ticketTemplates(ctx.db, staffActor(request), request.params.id),
    );
    app.get(
      "/admin/reply-templates",
      { schema: { tags, summary: "Reply templates I may manage", response: { 200: ReplyTemplateList } } },
      (request) => listTemplates(ctx.db, staffActor(request)),
    );
    app.post(
      "/admin/reply-templates",
      { schema: { tags, summary: "Create a reply template", body: NewReplyTemplate, response: { 201: ReplyTemplate } } },
      async (request, reply) => reply.code(201).send(await createTemplate(ctx.db, staffActor(request), request.body)),
    );
    app.put(
      "/admin/reply-templates/:id",
      { schema: { tags, summary: "Replace a reply template", params: ById, body: NewReplyTemplate, response: { 200: ReplyTemplate } } },
      (request) => updateTemplate(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/admin/reply-templates/:id",
      { schema: { tags, summary: "Delete a reply template", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteTemplate(ctx.db, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      "/admin/signatures",
      { schema: { tags, summary: "Group signatures I may manage", response: { 200: GroupSignatureList } } },
      (request) => listSignatures(ctx.db, staffActor(request)),
    );
    app.put(
      "/admin/signatures/:groupId/:language",
      {
        schema: {
          tags,
          summary: "Set a group's signature in one language (empty removes it)",
          params: z.object({ groupId: z.uuid(), language: Language }),
          body: SignatureBody,
          response: { 200: GroupSignatureList },
        },
      },
      (request) => setSignature(ctx.db, staffActor(request), request.params.groupId, request.params.language, request.body),
    );
  };
}
