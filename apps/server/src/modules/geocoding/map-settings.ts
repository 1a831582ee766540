/**
 * The base map the portal draws for an organisation: its own tiles if a technical admin set them,
 * else the installation's (MAP_STYLE_URL, MAP_TILE_URL), else none; and where the map opens.
 */
import type { MapSettings, MapSource } from "@yhteys/contracts";
import { eq, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { type Queryable, queryRows } from "../../db/client.ts";
import { mapSettings as mapSettingsTable } from "../../db/schema.ts";

const TTL_MS = 300_000;
const cache = new Map<string, { own: MapSource | null; center: MapSettings["center"]; zoom: number; until: number }>();
/** Without any addresses the map opens on the whole of Finland. */
const FINLAND = { center: { lat: 64.5, lon: 26 }, zoom: 4 };

/** The organisation's own base map, or null when it uses the installation's. */
export async function ownMapSource(db: Queryable, organisationId: string): Promise<MapSource | null> {
  const [row] = await db.select().from(mapSettingsTable).where(eq(mapSettingsTable.organisationId, organisationId));
  return row ? { styleUrl: row.styleUrl, tileUrl: row.tileUrl, attribution: row.attribution } : null;
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
  const source = hit.own?.styleUrl || hit.own?.tileUrl ? hit.own : config.map;
  return { ...source, center: hit.center, zoom: hit.zoom };
}

/** Forgets what is cached of an organisation's map (its address list or base map changed). */
export function forgetMapSettings(organisationId: string) {
  cache.delete(organisationId);
}

/** Sets (or without a style or tile URL, removes) the organisation's own base map; forget the cache after commit. */
export async function setOwnMapSource(db: Queryable, organisationId: string, source: MapSource): Promise<void> {
  if (!source.styleUrl && !source.tileUrl) await db.delete(mapSettingsTable).where(eq(mapSettingsTable.organisationId, organisationId));
  else
    await db
      .insert(mapSettingsTable)
      .values({ organisationId, ...source })
      .onConflictDoUpdate({ target: mapSettingsTable.organisationId, set: { ...source, updatedAt: new Date() } });
}
