/** Assembles the HTTP application: plugins, error handling, OpenAPI, modules and web apps. */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import websocket from "@fastify/websocket";
import { Instance } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { DestinationStream } from "pino";
import { startBackground } from "../background.ts";
import type { AppContext } from "../context.ts";
import { adminRoutes } from "../modules/admin/admin.routes.ts";
import { publicAttachmentRoutes, staffAttachmentRoutes } from "../modules/attachments/attachments.routes.ts";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import { directoryRoutes } from "../modules/directory/directory.routes.ts";
import { placesAdminRoutes, publicGeocodingRoutes } from "../modules/geocoding/geocoding.routes.ts";
import { intakeRoutes } from "../modules/intake/intake.routes.ts";
import { LiveHub, liveRoutes } from "../modules/live/live.ts";
import { nearbyRoutes } from "../modules/nearby/nearby.routes.ts";
import { notificationRoutes } from "../modules/notifications/notifications.routes.ts";
import { open311Routes } from "../modules/open311/open311.routes.ts";
import { ruleRoutes } from "../modules/rules/rules.routes.ts";
import { slaRoutes } from "../modules/sla/sla.routes.ts";
import { templateRoutes } from "../modules/templates/templates.routes.ts";
import { ticketRoutes } from "../modules/tickets/tickets.routes.ts";
import { viewRoutes } from "../modules/views/views.routes.ts";
import { webhookRoutes } from "../modules/webhooks/webhooks.routes.ts";
import { AppError, handleError, problem, sendProblem } from "./errors.ts";

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../");
const BODY_LIMIT = 256 * 1024;

/** Route parameters that are secrets (tracking tokens, Open311 tokens) and never reach a log. */
const SECRET_PARAMS = new Set(["token"]);

/**
 * Request log lines carry the id, method, route pattern and non-secret parameters only: never
 * raw URLs, query strings, bodies, cookies or headers (personal data and tokens).
 */
const serializers = {
  req: (req: FastifyRequest) => ({
    id: req.id,
    method: req.method,
    route: req.routeOptions?.url ?? "(no route)",
    params: Object.fromEntries(Object.entries((req.params ?? {}) as Record<string, string>).filter(([k]) => !SECRET_PARAMS.has(k))),
  }),
};

export type BuildOptions = { logger?: false; logStream?: DestinationStream };

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: ctx.config.logLevel, serializers, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: BODY_LIMIT,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // JSON only (Open311 adds form bodies in its own scope); anything else is 415.
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { ...problem("not_found", `No route for ${request.method} ${request.url.split("?")[0]}`), instance: request.id }),
  );
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
  });

  await app.register(cookie, { secret: ctx.config.secret });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError("rate_limited", `Slow down: try again in ${context.after}`),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Yhteys API",
        version: "1",
        description: "Staff, public and Open311 APIs of Yhteys. Errors are RFC 9457 problem+json.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "yhteys_session" } } },
    },
    transform: jsonSchemaTransform,
  });

  const live = new LiveHub(ctx);
  await live.start();
  const stopBackground = ctx.config.jobs.enabled ? await startBackground(ctx) : null;
  app.addHook("onClose", async () => {
    await ctx.events.close();
    await live.close();
    await stopBackground?.();
  });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.execute(sql`SELECT 1`);
      return { status: "ready", database: ctx.database.engine };
    } catch {
      return sendProblem(reply, problem("internal", "The database does not answer"));
    }
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get(
    "/api/instance",
    { schema: { tags: ["public"], summary: "Facts about this installation for the web apps", response: { 200: Instance } } },
    async () => ({ defaultOrganisation: ctx.config.defaultOrganisation }),
  );

  await app.register(authRoutes(ctx), { prefix: "/api/auth" });
  await app.register(ticketRoutes(ctx), { prefix: "/api/staff" });
  await app.register(templateRoutes(ctx), { prefix: "/api/staff" });
  await app.register(viewRoutes(ctx), { prefix: "/api/staff/views" });
  await app.register(notificationRoutes(ctx), { prefix: "/api/staff/notifications" });
  await app.register(directoryRoutes(ctx), { prefix: "/api/staff" });
  await app.register(liveRoutes(ctx, live), { prefix: "/api/staff" });
  await app.register(adminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(slaRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(ruleRoutes(ctx), { prefix: "/api/staff/admin/rules" });
  await app.register(auditRoutes(ctx), { prefix: "/api/staff/admin/audit" });
  await app.register(webhookRoutes(ctx), { prefix: "/api/staff/admin/webhooks" });
  await app.register(placesAdminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(intakeRoutes(ctx), { prefix: "/api/public" });
  await app.register(publicGeocodingRoutes(ctx), { prefix: "/api/public" });
  await app.register(nearbyRoutes(ctx), { prefix: "/api/public" });
  await app.register(staffAttachmentRoutes(ctx), { prefix: "/api/staff" });
  await app.register(publicAttachmentRoutes(ctx), { prefix: "/api/public" });
  await app.register(open311Routes(ctx), { prefix: "/open311/v2" });
  await registerWebApps(app, ctx);

  return app;
}

/** First path segments that belong to the server, never to an organisation's portal. */
const RESERVED_SEGMENTS = new Set(["api", "open311", "console", "assets", "healthz", "readyz"]);

/** Serves the built console under /console/ and the portal at /{organisation}/ (single-page apps). */
async function registerWebApps(app: FastifyInstance, ctx: AppContext) {
  const portalDir = path.join(webRoot, "apps/portal/dist");
  const consoleDir = path.join(webRoot, "apps/console/dist");
  const apps = [
    { prefix: "/console/", dir: consoleDir },
    { prefix: "/", dir: portalDir },
  ].filter((a) => existsSync(path.join(a.dir, "index.html")));
  for (const [i, { prefix, dir }] of apps.entries())
    await app.register(fastifyStatic, { root: dir, prefix, decorateReply: i === 0, wildcard: false, index: false });
  const has = (dir: string) => apps.some((a) => a.dir === dir);

  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect(`/${ctx.config.defaultOrganisation}/`));
  app.get("/console", { schema: { hide: true } }, (_request, reply) => reply.redirect("/console/"));
  if (has(consoleDir)) app.get("/console/*", { schema: { hide: true } }, (_request, reply) => reply.sendFile("index.html", consoleDir));
  if (!has(portalDir)) return;
  app.get<{ Params: { org: string } }>("/:org", { schema: { hide: true } }, (request, reply) =>
    RESERVED_SEGMENTS.has(request.params.org) ? reply.callNotFound() : reply.redirect(`/${encodeURIComponent(request.params.org)}/`),
  );
  app.get<{ Params: { org: string } }>("/:org/*", { schema: { hide: true } }, (request, reply) =>
    RESERVED_SEGMENTS.has(request.params.org) ? reply.callNotFound() : reply.sendFile("index.html", portalDir),
  );
}
