/** Assembles the HTTP application: plugins, error handling, OpenAPI, modules and web apps. */

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
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
import { startBackground, startIncomingEmail } from "../background.ts";
import type { AppContext } from "../context.ts";
import { absenceRoutes } from "../modules/absence/absence.routes.ts";
import { adminRoutes } from "../modules/admin/admin.routes.ts";
import { apiClientRoutes } from "../modules/api-clients/api-clients.routes.ts";
import { publicAttachmentRoutes, staffAttachmentRoutes } from "../modules/attachments/attachments.routes.ts";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import { categoryAdminRoutes } from "../modules/categories/categories.routes.ts";
import { channelAdminRoutes, channelInboundRoutes } from "../modules/channels/channels.routes.ts";
import { contextRoutes } from "../modules/context/context.routes.ts";
import { directoryRoutes } from "../modules/directory/directory.routes.ts";
import { mailboxRoutes } from "../modules/email/mailboxes.routes.ts";
import { mailAdminRoutes, unsubscribeRoutes } from "../modules/email/outgoing.routes.ts";
import { allowedOrigins, embedAdminRoutes, embedScriptRoute, frameAncestors } from "../modules/embed/embed.ts";
import { placesAdminRoutes, publicGeocodingRoutes } from "../modules/geocoding/geocoding.routes.ts";
import { intakeRoutes } from "../modules/intake/intake.routes.ts";
import { internalRequestRoutes } from "../modules/internal-requests/internal-requests.routes.ts";
import { LiveHub, liveRoutes } from "../modules/live/live.ts";
import { nearbyRoutes } from "../modules/nearby/nearby.routes.ts";
import { noticeAdminRoutes, publicNoticeRoutes } from "../modules/notices/notices.routes.ts";
import { notificationRoutes } from "../modules/notifications/notifications.routes.ts";
import { open311Routes } from "../modules/open311/open311.routes.ts";
import { open311RouteRoutes } from "../modules/open311-client/open311-client.routes.ts";
import { organisationBySlug } from "../modules/organisations/organisations.ts";
import { callbackRoutes, telephonyRoutes } from "../modules/phone/phone.routes.ts";
import { publicFeedbackRoutes, staffPublishingRoutes } from "../modules/publishing/publishing.routes.ts";
import { recordingRoutes } from "../modules/recording/recording.routes.ts";
import { reportRoutes } from "../modules/reports/reports.routes.ts";
import { ruleRoutes } from "../modules/rules/rules.routes.ts";
import { slaRoutes } from "../modules/sla/sla.routes.ts";
import { templateRoutes } from "../modules/templates/templates.routes.ts";
import { publicThemeRoutes, themeAdminRoutes } from "../modules/theming/theme.routes.ts";
import { themeCssUrl, themeState } from "../modules/theming/theme.service.ts";
import { ticketRoutes } from "../modules/tickets/tickets.routes.ts";
import { viewRoutes } from "../modules/views/views.routes.ts";
import { webhookRoutes } from "../modules/webhooks/webhooks.routes.ts";
import { workflowRoutes } from "../modules/workflows/workflows.routes.ts";
import { AppError, handleError, problem, sendProblem } from "./errors.ts";
import { rejectNulCharacters } from "./nul-guard.ts";

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
  app.addHook("preValidation", rejectNulCharacters);
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
  const stopIncomingEmail = ctx.config.jobs.enabled ? await startIncomingEmail(ctx) : null;
  app.addHook("onClose", async () => {
    await stopIncomingEmail?.();
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
  await app.register(contextRoutes(ctx), { prefix: "/api/staff" });
  await app.register(templateRoutes(ctx), { prefix: "/api/staff" });
  await app.register(viewRoutes(ctx), { prefix: "/api/staff/views" });
  await app.register(reportRoutes(ctx), { prefix: "/api/staff/reports" });
  await app.register(notificationRoutes(ctx), { prefix: "/api/staff/notifications" });
  await app.register(directoryRoutes(ctx), { prefix: "/api/staff" });
  await app.register(recordingRoutes(ctx), { prefix: "/api/staff" });
  await app.register(internalRequestRoutes(ctx), { prefix: "/api/staff/internal-requests" });
  await app.register(absenceRoutes(ctx), { prefix: "/api/staff" });
  await app.register(liveRoutes(ctx, live), { prefix: "/api/staff" });
  await app.register(adminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(slaRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(workflowRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(ruleRoutes(ctx), { prefix: "/api/staff/admin/rules" });
  await app.register(auditRoutes(ctx), { prefix: "/api/staff/admin/audit" });
  await app.register(webhookRoutes(ctx), { prefix: "/api/staff/admin/webhooks" });
  await app.register(mailboxRoutes(ctx), { prefix: "/api/staff/admin/mailboxes" });
  await app.register(placesAdminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(noticeAdminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(categoryAdminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(embedAdminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(themeAdminRoutes(ctx), { prefix: "/api/staff/admin" });
  await app.register(intakeRoutes(ctx), { prefix: "/api/public" });
  await app.register(publicGeocodingRoutes(ctx), { prefix: "/api/public" });
  await app.register(nearbyRoutes(ctx), { prefix: "/api/public" });
  await app.register(publicNoticeRoutes(ctx), { prefix: "/api/public" });
  await app.register(publicThemeRoutes(ctx), { prefix: "/api/public" });
  await app.register(embedScriptRoute(ctx));
  await app.register(mailAdminRoutes(ctx), { prefix: "/api/staff/admin/mail" });
  await app.register(unsubscribeRoutes(ctx), { prefix: "/api/public" });
  await app.register(publicFeedbackRoutes(ctx), { prefix: "/api/public" });
  await app.register(staffPublishingRoutes(ctx), { prefix: "/api/staff" });
  await app.register(staffAttachmentRoutes(ctx), { prefix: "/api/staff" });
  await app.register(publicAttachmentRoutes(ctx), { prefix: "/api/public" });
  await app.register(open311Routes(ctx), { prefix: "/open311/v2" });
  await app.register(telephonyRoutes(ctx), { prefix: "/api/telephony" });
  await app.register(callbackRoutes(ctx), { prefix: "/api/staff/callbacks" });
  await app.register(apiClientRoutes(ctx), { prefix: "/api/staff/admin/api-clients" });
  await app.register(channelInboundRoutes(ctx), { prefix: "/api/channels" });
  await app.register(channelAdminRoutes(ctx), { prefix: "/api/staff/admin/channels" });
  await app.register(open311RouteRoutes(ctx), { prefix: "/api/staff/admin/open311-routes" });
  await registerWebApps(app, ctx);

  return app;
}

/** First path segments that belong to the server, never to an organisation's portal. */
const RESERVED_SEGMENTS = new Set(["api", "open311", "console", "assets", "embed-app", "healthz", "readyz", "embed.js"]);
/** The embedded form's own small build (apps/portal/vite.embed.config.ts), inside the portal's. */
const EMBED_PAGE = "embed-app/embed.html";

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
  const embedPage = existsSync(path.join(portalDir, EMBED_PAGE)) ? EMBED_PAGE : "index.html";
  app.get<{ Params: { org: string } }>("/:org", { schema: { hide: true } }, (request, reply) =>
    RESERVED_SEGMENTS.has(request.params.org) ? reply.callNotFound() : reply.redirect(`/${encodeURIComponent(request.params.org)}/`),
  );
  // An organisation's pages may be framed only by the portal itself and the origins it allows (the embed).
  app.get<{ Params: { org: string; "*": string } }>("/:org/*", { schema: { hide: true } }, async (request, reply) => {
    if (RESERVED_SEGMENTS.has(request.params.org)) return reply.callNotFound();
    const org = await organisationBySlug(ctx.db, request.params.org).catch(() => null);
    reply.header("content-security-policy", frameAncestors(org ? await allowedOrigins(ctx.db, org.id) : []));
    const page = await readFile(path.join(portalDir, request.params["*"] === "embed" ? embedPage : "index.html"), "utf8");
    const themeUrl = org ? themeCssUrl(await themeState(ctx.db, org.id)) : null;
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(themeUrl ? withStylesheet(page, themeUrl) : page);
  });
}

/**
 * The page with the organisation's theme as the last stylesheet of its head: the browser applies
 * it before the first paint (no flash of the default colours), and as a same-origin stylesheet
 * it passes any CSP that lets the portal load its own styles (no inline style, no nonce).
 */
function withStylesheet(page: string, href: string): string {
  return page.replace("</head>", `<link rel="stylesheet" href="${href}"></head>`);
}
