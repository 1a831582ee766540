/** Address search and reverse geocoding for residents, and the address-list import for technical admins. */
import { AddressList, AddressSearchQuery, GeoPointQuery, MapSource, ReverseAddress } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { Org, settingsRoutes } from "../../http/routes.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { parseAddressFile, replaceAddresses } from "./address-import.ts";
import { areaCrses, parseAreaFile, upsertAreas } from "./area-import.ts";
import { forgetMapSettings, NO_MAP_SOURCE, ownMapSource, setOwnMapSource } from "./map-settings.ts";

const SEARCH_LIMIT = 10;
/** How far from the point the nearest address may be. */
const REVERSE_MAX_METRES = 150;

/** Public routes under /api/public: `/{org}/addresses` and `/{org}/addresses/reverse`. */
export function publicGeocodingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // Typing in the search field asks often: more room than for submissions.
  const rateLimit = { max: ctx.config.publicRateLimit * 5, timeWindow: "1 minute" };
  return async (app) => {
    app.get(
      "/:org/addresses",
      {
        config: { rateLimit },
        schema: {
          tags: ["public"],
          summary: "Search addresses: the beginning of a street name and number, case and diacritics ignored (top 10)",
          params: Org,
          querystring: AddressSearchQuery,
          response: { 200: AddressList },
        },
      },
      async (request) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        return { items: await ctx.geocoder.search(org.id, request.query.q, SEARCH_LIMIT) };
      },
    );

    app.get(
      "/:org/addresses/reverse",
      {
        config: { rateLimit },
        schema: {
          tags: ["public"],
          summary: `The nearest address within ${REVERSE_MAX_METRES} m of a point`,
          params: Org,
          querystring: GeoPointQuery,
          response: { 200: ReverseAddress },
        },
      },
      async (request) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const found = await ctx.geocoder.reverse(org.id, request.query, REVERSE_MAX_METRES);
        return { address: found?.address ?? null, distanceMetres: found ? Math.round(found.distanceMetres) : null };
      },
    );
  };
}

/** The largest address file accepted (a city of 250 000 has about 30 000 addresses, some 2 MiB). */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * Staff routes under /api/staff/admin, technical admins only: `PUT /addresses` replaces the
 * organisation's address list; `PUT /areas` adds and updates its districts; `GET` and `PUT /map`
 * read and set its own base map.
 */
export function placesAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    // This scope alone reads CSV and GeoJSON bodies, as text.
    app.addContentTypeParser(
      ["text/csv", "application/geo+json"],
      { parseAs: "string", bodyLimit: IMPORT_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    app.put(
      "/addresses",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ["admin"],
          summary:
            "Replace the organisation's address list (text/csv or application/geo+json); bad rows are listed with their line numbers",
          body: z.string(),
          response: { 200: z.object({ imported: z.number().int() }) },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        requireTechnicalAdmin(actor);
        const format = request.headers["content-type"]?.startsWith("text/csv") ? "csv" : "geojson";
        const rows = parseAddressFile(request.body, format);
        const imported = await ctx.db.transaction(async (tx) => {
          const count = await replaceAddresses(tx, actor.organisationId, rows);
          await appendAudit(tx, actor, {
            action: "addresses.imported",
            subjectType: "address_list",
            subjectId: null,
            detail: { count, format },
          });
          return count;
        });
        forgetMapSettings(actor.organisationId);
        return { imported };
      },
    );

    app.put(
      "/areas",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ["admin"],
          summary:
            "Add and update the organisation's districts by code (application/geo+json Polygon/MultiPolygon features, EPSG:4326 or EPSG:3067); bad features are listed",
          querystring: z.object({ crs: z.enum(areaCrses).optional() }),
          body: z.string(),
          response: { 200: z.object({ crs: z.enum(areaCrses), created: z.number().int(), updated: z.number().int() }) },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        requireTechnicalAdmin(actor);
        const { crs, rows } = parseAreaFile(request.body, request.query.crs);
        const counts = await ctx.db.transaction(async (tx) => {
          const result = await upsertAreas(tx, actor.organisationId, rows);
          await appendAudit(tx, actor, {
            action: "areas.imported",
            subjectType: "area_list",
            subjectId: null,
            detail: { ...result, crs, codes: rows.map((r) => r.code) },
          });
          return result;
        });
        return { crs, ...counts };
      },
    );

    settingsRoutes(app, "/map", {
      tags: ["admin"],
      response: MapSource,
      read: {
        summary: "The organisation's own base map (tileUrl null: the installation's MAP_* settings apply)",
        handler: async (request) => {
          const actor = staffActor(request);
          requireTechnicalAdmin(actor);
          return (await ownMapSource(ctx.db, actor.organisationId)) ?? NO_MAP_SOURCE;
        },
      },
      write: {
        summary:
          "Set the organisation's own base map: a raster tile template (XYZ or WMTS) in EPSG:3857 or EPSG:3067 (with the tile matrix unless it is the JHS 180 grid), with attribution; tileUrl null removes it",
        body: MapSource,
        handler: async (request) => {
          const actor = staffActor(request);
          requireTechnicalAdmin(actor);
          await ctx.db.transaction(async (tx) => {
            await setOwnMapSource(tx, actor.organisationId, request.body);
            await appendAudit(tx, actor, {
              action: "map_settings.set",
              subjectType: "map_settings",
              subjectId: null,
              detail: request.body,
            });
          });
          forgetMapSettings(actor.organisationId);
          return request.body.tileUrl ? request.body : NO_MAP_SOURCE;
        },
      },
    });
  };
}
