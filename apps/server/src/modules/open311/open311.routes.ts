/**
 * Open311 GeoReport v2 under `/open311/v2`. Every endpoint answers in JSON or XML by its suffix
 * (`services.json`, `services.xml`). Open311 has its own error format, so this plugin keeps its
 * own error handler, not-found answer and form-encoded body parser (Fastify encapsulation keeps
 * them out of the rest of the API).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { AppError, toAppError } from "../../http/errors.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import {
  Discovery,
  type Format,
  FormatParams,
  type Open311Error,
  Open311Errors,
  ReadQuery,
  RequestCreated,
  RequestListQuery,
  RequestParams,
  RequestSubmission,
  ServiceDefinition,
  ServiceList,
  ServiceParams,
  ServiceRequestList,
  TokenParams,
} from "./open311.schemas.ts";
import {
  type ApiClientIdentity,
  apiClientByKey,
  discovery,
  getServiceRequest,
  languageOf,
  listServiceRequests,
  listServices,
  serviceDefinition,
  submitServiceRequest,
} from "./open311.service.ts";
import { toXml, type XmlValue } from "./open311.xml.ts";

const tags = ["open311"];
const formatNote = "Answers in JSON or, with the `.xml` suffix, in XML with the same fields.";

/** Sends `body` as JSON, or as XML under `root` (e.g. `services`, `service_requests`). */
function send(reply: FastifyReply, format: Format, root: string, body: XmlValue): void {
  // XML goes out as a string, which Fastify does not pass through the JSON response schema.
  if (format === "xml") reply.type("text/xml; charset=utf-8").send(toXml(root, body));
  else reply.type("application/json; charset=utf-8").send(body);
}

/** The format the client asked for, also when the request failed before its parameters were read. */
const formatOf = (request: FastifyRequest): Format => (/\.xml$/i.test(request.url.split("?")[0] ?? "") ? "xml" : "json");

/** Open311 errors: one entry per invalid field, each with the HTTP status as its code. */
function open311Errors(error: AppError): Open311Error[] {
  const fieldErrors = error.errors ?? [];
  if (!fieldErrors.length) return [{ code: error.status, description: error.message }];
  return fieldErrors.map((f) => {
    // Framework validation names the part of the request (body.lat); the client knows only the field.
    const field = f.path.replace(/^(body|querystring|params|headers)\.?/, "");
    return { code: error.status, description: field ? `${field}: ${f.message}` : f.message };
  });
}

export function open311Routes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The specification's POST is form-encoded. Scoped to this plugin; Fastify's body limit still applies.
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      const fields: Record<string, string | string[]> = {};
      for (const [rawKey, value] of new URLSearchParams(String(body))) {
        // `attribute[code][]=a&attribute[code][]=b` and repeated keys become lists.
        const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey;
        const earlier = fields[key];
        fields[key] = earlier === undefined ? (rawKey.endsWith("[]") ? [value] : value) : [...[earlier].flat(), value];
      }
      done(null, fields);
    });

    app.setErrorHandler((error, request, reply) => {
      const known = toAppError(error);
      if (!known || known.status >= 500) request.log.error({ err: error }, "open311 request failed");
      const appError =
        known?.code === "unsupported_media_type"
          ? new AppError("unsupported_media_type", "Send application/x-www-form-urlencoded or application/json")
          : known && known.status < 500
            ? known
            : new AppError("internal", "Something went wrong on our side");
      send(reply.code(appError.status), formatOf(request), "errors", open311Errors(appError));
    });

    const errors = { 400: Open311Errors, 404: Open311Errors };

    app.get(
      "/discovery.:format",
      { schema: { tags, summary: "Open311 discovery", description: formatNote, params: FormatParams, response: { 200: Discovery } } },
      (request, reply) => send(reply, request.params.format, "discovery", discovery(ctx.config.publicUrl, ctx.config.env === "production")),
    );

    app.get(
      "/services.:format",
      {
        schema: {
          tags,
          summary: "Services (selectable categories)",
          description: formatNote,
          params: FormatParams,
          querystring: ReadQuery,
          response: { 200: ServiceList, ...errors },
        },
      },
      async (request, reply) => {
        const { jurisdiction_id, locale, lang } = request.query;
        const org = await organisationBySlug(ctx.db, jurisdiction_id ?? ctx.config.defaultOrganisation);
        const services = await listServices(ctx.db, org, languageOf(locale ?? lang, org.defaultLanguage));
        send(reply, request.params.format, "services", services);
      },
    );

    app.get(
      "/services/:service_code.:format",
      {
        schema: {
          tags,
          summary: "A service's definition: its attributes (extra fields)",
          description: formatNote,
          params: ServiceParams,
          querystring: ReadQuery,
          response: { 200: ServiceDefinition, ...errors },
        },
      },
      async (request, reply) => {
        const { jurisdiction_id, locale, lang } = request.query;
        const org = await organisationBySlug(ctx.db, jurisdiction_id ?? ctx.config.defaultOrganisation);
        const definition = await serviceDefinition(
          ctx.db,
          org,
          request.params.service_code,
          languageOf(locale ?? lang, org.defaultLanguage),
        );
        send(reply, request.params.format, "service_definition", definition);
      },
    );

    // The API client of each POST, found before validation so that a bad key is a 403 whatever the body holds.
    const clients = new WeakMap<FastifyRequest, ApiClientIdentity>();

    app.post(
      "/requests.:format",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Submit a service request",
          description: `Form-encoded (application/x-www-form-urlencoded) or JSON; needs an api_key. The ticket is created at once, so the answer carries its service_request_id (no token). ${formatNote}`,
          params: FormatParams,
          body: RequestSubmission,
          response: { 200: RequestCreated, ...errors, 403: Open311Errors, 429: Open311Errors },
        },
        preValidation: async (request) => {
          const body = request.body as { api_key?: unknown } | undefined;
          const query = request.query as { api_key?: unknown };
          const key = body?.api_key ?? query.api_key;
          const client = typeof key === "string" && key.length <= 200 ? await apiClientByKey(ctx.db, key) : null;
          if (!client) throw new AppError("forbidden", key ? "The api_key is not valid" : "An api_key is required");
          clients.set(request, client);
        },
      },
      async (request, reply) => {
        const client = clients.get(request);
        if (!client) throw new AppError("forbidden", "An api_key is required");
        send(reply, request.params.format, "service_requests", await submitServiceRequest(ctx, client, request.body));
      },
    );

    app.get(
      "/requests.:format",
      {
        schema: {
          tags,
          summary: "Service requests, newest first",
          description: `Without dates, the last 90 days. status is open (new, in progress, waiting for the customer) or closed (resolved, closed as unnecessary). No personal data. ${formatNote}`,
          params: FormatParams,
          querystring: RequestListQuery,
          response: { 200: ServiceRequestList, ...errors },
        },
      },
      async (request, reply) => {
        const query = request.query;
        const org = await organisationBySlug(ctx.db, query.jurisdiction_id ?? ctx.config.defaultOrganisation);
        const requests = await listServiceRequests(ctx.db, org, query, languageOf(query.locale ?? query.lang, org.defaultLanguage));
        send(reply, request.params.format, "service_requests", requests);
      },
    );

    app.get(
      "/requests/:service_request_id.:format",
      {
        schema: {
          tags,
          summary: "One service request",
          description: formatNote,
          params: RequestParams,
          querystring: ReadQuery,
          response: { 200: ServiceRequestList, ...errors },
        },
      },
      async (request, reply) => {
        const { jurisdiction_id, locale, lang } = request.query;
        const org = await organisationBySlug(ctx.db, jurisdiction_id ?? ctx.config.defaultOrganisation);
        const language = languageOf(locale ?? lang, org.defaultLanguage);
        send(
          reply,
          request.params.format,
          "service_requests",
          await getServiceRequest(ctx.db, org, request.params.service_request_id, language),
        );
      },
    );

    app.get(
      "/tokens/:token.:format",
      {
        schema: {
          tags,
          summary: "Not used: requests are created synchronously",
          description: "POST requests answers with the service_request_id at once, so no token is ever issued; this always answers 404.",
          params: TokenParams,
          querystring: ReadQuery,
          response: { 404: Open311Errors },
        },
      },
      async () => {
        throw new AppError("not_found", "No such token: this server creates requests synchronously and issues no tokens");
      },
    );

    // Anything else under /open311/v2 answers in Open311's format, not with the portal or problem+json.
    app.route({
      method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      url: "/*",
      schema: { hide: true },
      handler: async () => {
        throw new AppError("not_found", "No such Open311 endpoint: use discovery, services, requests or tokens with .json or .xml");
      },
    });
  };
}
