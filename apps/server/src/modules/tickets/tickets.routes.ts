/** Staff ticket API: validate → authenticate → call the service → present. */
import {
  BulkRequest,
  BulkResult,
  Forward,
  LinkRequest,
  MentionCandidates,
  MergeRequest,
  NewTicketRequest,
  Note,
  QueueList,
  Reclassify,
  Reply,
  RequestAnswer,
  SensitivityChange,
  SplitRequest,
  StateChange,
  TicketDetail,
  TicketEdit,
  TicketList,
  TicketListQuery,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { bulkChange, linkTicket, mergeTicket, splitTicket, unlinkTicket } from "../handling/handling.service.ts";
import { addNote, mentionCandidates } from "../handling/notes.ts";
import { answerRequest, createRequest } from "../requests/requests.ts";
import { getTicketDetail, listQueues, listTickets } from "./tickets.queries.ts";
import { changeState, editTicket, forwardTicket, reclassifyTicket, replyToResident, setSensitive } from "./tickets.service.ts";

const tags = ["tickets"];

export function ticketRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get("/queues", { schema: { tags, summary: "Queues I work, with open counts", response: { 200: QueueList } } }, (request) =>
      listQueues(ctx.db, staffActor(request)),
    );

    app.get(
      "/tickets",
      {
        schema: {
          tags,
          summary: "List tickets with filters, sorting and paging",
          querystring: TicketListQuery,
          response: { 200: TicketList },
        },
      },
      (request) => listTickets(ctx.db, staffActor(request), request.query),
    );

    app.post(
      "/tickets/bulk",
      {
        schema: {
          tags,
          summary: "Change many tickets at once: assign, change state or set priority (each ticket checked on its own)",
          body: BulkRequest,
          response: { 200: BulkResult },
        },
      },
      (request) => bulkChange(ctx, staffActor(request), request.body),
    );

    app.get(
      "/tickets/:id",
      { schema: { tags, summary: "A ticket with its messages and history", params: ById, response: { 200: TicketDetail } } },
      (request) => getTicketDetail(ctx.db, staffActor(request), request.params.id),
    );

    app.get(
      "/tickets/:id/mention-candidates",
      {
        schema: {
          tags,
          summary: "Colleagues I may mention in a note on the ticket: those who may open it already",
          params: ById,
          response: { 200: MentionCandidates },
        },
      },
      (request) => mentionCandidates(ctx.db, staffActor(request), request.params.id),
    );

    /**
     * Every change answers with the ticket as it now is, or with 204 when the change took the
     * ticket out of the caller's sight (e.g. an expert forwarded it to another group).
     */
    const change = <B extends z.ZodType>(
      method: "patch" | "post",
      url: string,
      summary: string,
      body: B,
      run: (actor: ReturnType<typeof staffActor>, id: string, body: z.output<B>) => Promise<unknown>,
    ) =>
      app[method](
        url,
        { schema: { tags, summary, params: ById, body, response: { 200: TicketDetail, 204: z.null() } } },
        async (request, reply) => {
          const actor = staffActor(request);
          await run(actor, request.params.id, request.body as z.output<B>);
          try {
            return await getTicketDetail(ctx.db, actor, request.params.id);
          } catch (e) {
            if (e instanceof AppError && e.code === "not_found") return reply.code(204).send(null);
            throw e;
          }
        },
      );

    change("patch", "/tickets/:id", "Edit details", TicketEdit, (a, id, b) => editTicket(ctx, a, id, b));
    change("post", "/tickets/:id/reclassify", "Change category and type", Reclassify, (a, id, b) => reclassifyTicket(ctx, a, id, b));
    change("post", "/tickets/:id/forward", "Forward to a group or person", Forward, (a, id, b) => forwardTicket(ctx, a, id, b));
    change("post", "/tickets/:id/replies", "Reply to the resident", Reply, (a, id, b) => replyToResident(ctx, a, id, b));
    change("post", "/tickets/:id/notes", "Add an internal note", Note, (a, id, b) => addNote(ctx, a, id, b));
    change("post", "/tickets/:id/state", "Change state", StateChange, (a, id, b) => changeState(ctx, a, id, b));
    change("post", "/tickets/:id/sensitivity", "Flag or unflag special categories of personal data", SensitivityChange, (a, id, b) =>
      setSensitive(ctx, a, id, b),
    );
    change(
      "post",
      "/tickets/:id/requests",
      "Ask a colleague or group for a comment, or send for information",
      NewTicketRequest,
      (a, id, b) => createRequest(ctx, a, id, b),
    );
    change("post", "/tickets/:id/links", "Link a related ticket (by reference)", LinkRequest, (a, id, b) =>
      linkTicket(ctx, a, id, b.reference),
    );
    change("post", "/tickets/:id/merge", "Merge this duplicate into the ticket `reference`", MergeRequest, (a, id, b) =>
      mergeTicket(ctx, a, id, b.reference),
    );
    change("post", "/tickets/:id/split", "Split into new tickets, each routed on its own", SplitRequest, (a, id, b) =>
      splitTicket(ctx, a, id, b),
    );

    app.delete(
      "/tickets/:id/links/:otherId",
      {
        schema: {
          tags,
          summary: "Remove the link to another ticket",
          params: z.object({ id: z.uuid(), otherId: z.uuid() }),
          response: { 200: TicketDetail },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        await unlinkTicket(ctx, actor, request.params.id, request.params.otherId);
        return getTicketDetail(ctx.db, actor, request.params.id);
      },
    );

    app.post(
      "/tickets/:id/requests/:requestId/answer",
      {
        schema: {
          tags,
          summary: "Answer a comment request made to me or my group",
          params: z.object({ id: z.uuid(), requestId: z.uuid() }),
          body: RequestAnswer,
          response: { 200: TicketDetail },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        await answerRequest(ctx, actor, request.params.id, request.params.requestId, request.body.answer);
        return getTicketDetail(ctx.db, actor, request.params.id);
      },
    );
  };
}
