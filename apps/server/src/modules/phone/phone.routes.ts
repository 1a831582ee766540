/**
 * Telephony under /api/telephony (an API client key with the `telephony` permission, sent as
 * `Authorization: Bearer <key>`), and the callback queue under /api/staff/callbacks.
 */
import { CallbackDone, CallbackList, CallbackQuery, CallbackRequest, PhoneCall, PhoneReceipt } from "@yhteys/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { type ApiClientIdentity, apiClientByKey } from "../open311/open311.service.ts";
import { listCallbacks, markCalledBack, recordCall, requestCallback, requireTelephony } from "./phone.service.ts";

/** The API client of a request from its bearer key; 401 without one, 403 without the permission. */
async function bearerClient(ctx: AppContext, request: FastifyRequest): Promise<ApiClientIdentity> {
  const header = request.headers.authorization;
  const key = typeof header === "string" ? /^Bearer\s+(\S{1,200})$/i.exec(header)?.[1] : undefined;
  if (!key) throw new AppError("unauthenticated", "Send the API key as Authorization: Bearer <key>");
  const client = await apiClientByKey(ctx.db, key);
  if (!client) throw new AppError("unauthenticated", "The API key is not valid");
  return client;
}

export function telephonyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["telephony"];
    const clients = new WeakMap<FastifyRequest, ApiClientIdentity>();
    // The key is checked before the body, so that a caller without rights learns nothing about validation.
    app.addHook("preValidation", async (request) => {
      const client = await bearerClient(ctx, request);
      requireTelephony(client);
      clients.set(request, client);
    });
    const clientOf = (request: FastifyRequest) => {
      const client = clients.get(request);
      if (!client) throw new AppError("unauthenticated");
      return client;
    };
    const limit = { rateLimit: { max: ctx.config.publicRateLimit * 10, timeWindow: "1 minute" } };

    app.post(
      "/calls",
      {
        config: limit,
        schema: {
          tags,
          summary: "A call's record and transcript: a new ticket, or a message on the caller's open ticket",
          description: "Idempotent by callId: the same call again answers 200 with the first result and writes nothing.",
          body: PhoneCall,
          response: { 200: PhoneReceipt, 201: PhoneReceipt },
        },
      },
      async (request, reply) => {
        const receipt = await recordCall(ctx, clientOf(request), request.body);
        return reply.code(receipt.replayed ? 200 : 201).send(receipt);
      },
    );

    app.post(
      "/callbacks",
      {
        config: limit,
        schema: {
          tags,
          summary: "A callback request (soittopyyntö): a ticket in the callback queue with its time window",
          description: "Idempotent by requestId.",
          body: CallbackRequest,
          response: { 200: PhoneReceipt, 201: PhoneReceipt },
        },
      },
      async (request, reply) => {
        const receipt = await requestCallback(ctx, clientOf(request), request.body);
        return reply.code(receipt.replayed ? 200 : 201).send(receipt);
      },
    );
  };
}

export function callbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    const tags = ["callbacks"];
    app.get(
      "",
      {
        schema: {
          tags,
          summary: "The callback queue: callback requests by their time window (an audited read of phone numbers)",
          querystring: CallbackQuery,
          response: { 200: CallbackList },
        },
      },
      (request) => listCallbacks(ctx, staffActor(request), request.query),
    );
    app.post(
      "/:ticketId/done",
      {
        schema: {
          tags,
          summary: "Mark the callback made, with its outcome",
          params: z.object({ ticketId: z.uuid() }),
          body: CallbackDone,
          response: {
            200: z.object({ ticketId: z.uuid(), calledBackAt: z.string(), outcome: CallbackDone.shape.outcome }),
          },
        },
      },
      (request) => markCalledBack(ctx, staffActor(request), request.params.ticketId, request.body),
    );
  };
}
