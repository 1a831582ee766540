/**
 * The inbound endpoint `POST /api/channels/:channelKey/messages` (the channel's secret, see
 * channels.inbound.ts) and the admin API under /api/staff/admin/channels (technical admins).
 */
import {
  ChannelKey,
  ChannelReceipt,
  CreatedInboundChannel,
  InboundChannel,
  InboundChannelList,
  InboundChannelUpdate,
  NewInboundChannel,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createChannel, listChannels, updateChannel } from "./channels.admin.ts";
import { authenticateChannel, receiveChannelMessage } from "./channels.inbound.ts";

const rawBodies = new WeakMap<object, string>();

export function channelInboundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The raw body is kept for checking a signature; scoped to this plugin.
    app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
      rawBodies.set(request, String(body));
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(new AppError("bad_request", "The body is not valid JSON"), undefined);
      }
    });
    app.post(
      "/:channelKey/messages",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit * 10, timeWindow: "1 minute" } },
        schema: {
          tags: ["channels"],
          summary: "A message from a channel: a new ticket, or a message on its thread's ticket",
          description:
            "Authenticate with `Authorization: Bearer <secret>` or sign the raw body with `Yhteys-Signature`. Idempotent by the mapped external id.",
          params: z.object({ channelKey: ChannelKey }),
          body: z.unknown(),
          response: { 200: ChannelReceipt, 201: ChannelReceipt },
        },
      },
      async (request, reply) => {
        const signature = request.headers["yhteys-signature"];
        const channel = await authenticateChannel(
          ctx.db,
          request.params.channelKey,
          { authorization: request.headers.authorization, signature: typeof signature === "string" ? signature : undefined },
          rawBodies.get(request) ?? "",
        );
        const receipt = await receiveChannelMessage(ctx, channel, request.body);
        return reply.code(receipt.replayed ? 200 : 201).send(receipt);
      },
    );
  };
}

export function channelAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    const tags = ["channels"];
    app.get("", { schema: { tags, summary: "Inbound channels", response: { 200: InboundChannelList } } }, (request) =>
      listChannels(ctx, staffActor(request)),
    );
    app.post(
      "",
      {
        schema: {
          tags,
          summary: "A new inbound channel; the answer carries its secret, shown this once",
          body: NewInboundChannel,
          response: { 201: CreatedInboundChannel },
        },
      },
      async (request, reply) => reply.code(201).send(await createChannel(ctx, staffActor(request), request.body)),
    );
    app.patch(
      "/:id",
      {
        schema: {
          tags,
          summary: "Change a channel's name, mapping, category, language, reply URL or whether it is active",
          params: ById,
          body: InboundChannelUpdate,
          response: { 200: InboundChannel },
        },
      },
      (request) => updateChannel(ctx, staffActor(request), request.params.id, request.body),
    );
  };
}
