/**
 * The base map the portal draws for an organisation: its own tiles if a technical admin set them,
 * else the installation's (MAP_TILE_URL, MAP_CRS, MAP_TILE_MATRIX), else none; and where the map opens.
 */
import { JHS180_TILE_MATRIX, type MapSettings, type MapSource } from "@yhteys/contracts";
import { eq, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { type Queryable, queryRows } from "../../db/client.ts";
import { mapSettings as mapSettingsTable } from "../../db/schema.ts";

const TTL_MS = 300_000;
const cache = new Map<string, { own: MapSource | null; center: MapSettings["center"]; zoom: number; until: number }>();
/** Without any addresses the map opens on the whole of Finland. */
const FINLAND = { center: { lat: 64.5, lon: 26 }, zoom: 4 };

/** No base map of its own: the installation's settings apply. */
export const NO_MAP_SOURCE: MapSource = { crs: "EPSG:3857", tileUrl: null, attribution: null, tileMatrix: null };

/** The organisation's own base map, or null when it uses the installation's. */
export async function ownMapSource(db: Queryable, organisationId: string): Promise<MapSource | null> {
  const [row] = await db.select().from(mapSettingsTable).where(eq(mapSettingsTable.organisationId, organisationId));
  return row ? { crs: row.crs, tileUrl: row.tileUrl, attribution: row.attribution, tileMatrix: row.tileMatrix } : null;
}

/** The map settings of an organisation, cached for 5 minutes (changes here clear the cache at once). */
export async function mapSettings(db: Queryable, config: Config, organisationId: string): Promise<MapSettings> {
  let hit = cache.get(organisationId);
  if (!hit || hit.until < Date.now()) {
    const [[middle], own] = await Promise.all([
      queryRows<{ lat: number | null; lon: number | null }>(
        db,
        sql`SELECT avg(lat)::float8 AS lat, avg(lon)::float8 AS lon FROM addresses WHERE organisation_id = ${organisationId}`,
      ),
      ownMapSource(db, organisationId),
    ]);
    const center = middle?.lat != null && middle.lon != null ? { lat: middle.lat, lon: middle.lon } : null;
    hit = { own, center: center ?? FINLAND.center, zoom: center ? 14 : FINLAND.zoom, until: Date.now() + TTL_MS };
    cache.set(organisationId, hit);
  }
  const source = hit.own ?? config.map;
  // EPSG:3067 always names its grid for the browser: the JHS 180 one unless the service has its own.
  const tileMatrix = source.crs === "EPSG:3067" ? (source.tileMatrix ?? JHS180_TILE_MATRIX) : null;
  return { ...source, tileMatrix, center: hit.center, zoom: hit.zoom };
}

/** Forgets what is cached of an organisation's map (its address list or base map changed). */
export function forgetMapSettings(organisationId: string) {
  cache.delete(organisationId);
}

/** Sets (or without a tile URL, removes) the organisation's own base map; forget the cache after commit. */
export async function setOwnMapSource(db: Queryable, organisationId: string, source: MapSource): Promise<void> {
  const { tileUrl } = source;
  if (!tileUrl) {
    await db.delete(mapSettingsTable).where(eq(mapSettingsTable.organisationId, organisationId));
    return;
  }
  const values = { crs: source.crs, tileUrl, attribution: source.attribution, tileMatrix: source.tileMatrix };
  await db
    .insert(mapSettingsTable)
    .values({ organisationId, ...values })
    .onConflictDoUpdate({ target: mapSettingsTable.organisationId, set: { ...values, updatedAt: new Date() } });
}
