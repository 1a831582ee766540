/** Places: areas (districts), the address list for geocoding and the base map. */

import type { LocalizedText, MapCrs, TileMatrix } from "@yhteys/contracts";
import { doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, tenant } from "./tenancy.ts";

export type AreaBoundary = { type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] };

/** Districts and other areas (GeoJSON boundary); a located ticket belongs to the area that contains it. */
export const areas = pgTable(
  "areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    boundary: jsonb("boundary").$type<AreaBoundary>().notNull(),
  },
  (t) => [uniqueIndex("areas_org_code").on(t.organisationId, t.code)],
);

/**
 * Geocoding and the duplicate hint (REQUIREMENTS P2): the organisation's address list for the
 * built-in geocoder, and residents who follow an earlier contact instead of sending a new one.
 */
export const addresses = pgTable(
  "addresses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: tenant(),
    street: text("street").notNull(),
    number: text("number").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    lat: doublePrecision("lat").notNull(),
    lon: doublePrecision("lon").notNull(),
    /** Lower case without diacritics, "hameenkatu 10": what searches match the beginning of. */
    searchKey: text("search_key").notNull(),
  },
  (t) => [
    index("addresses_org_search").on(t.organisationId, t.searchKey.op("text_pattern_ops")),
    index("addresses_org_point").on(t.organisationId, t.lat, t.lon),
  ],
);

/** An organisation's own base map for the portal's maps; without a row the installation's MAP_* settings apply. */
export const mapSettings = pgTable("map_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** EPSG:3857 (Web Mercator XYZ) or EPSG:3067 (ETRS-TM35FIN WMTS). */
  crs: text("crs").$type<MapCrs>().notNull().default("EPSG:3857"),
  tileUrl: text("tile_url").notNull(),
  attribution: text("attribution"),
  /** EPSG:3067 only, when the service's grid is not the JHS 180 one. */
  tileMatrix: jsonb("tile_matrix").$type<TileMatrix>(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
