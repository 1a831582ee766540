/** The base map the portal draws: configured tiles (or none) and where it opens for an organisation. */
import type { MapSettings } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { type Queryable, queryRows } from "../../db/client.ts";

const TTL_MS = 300_000;
const centres = new Map<string, { centre: MapSettings["center"]; zoom: number; until: number }>();
/** Without any addresses the map opens on the whole of Finland. */
const FINLAND = { center: { lat: 64.5, lon: 26 }, zoom: 4 };

/** The map settings of an organisation; the opening point (the middle of its addresses) is cached for 5 minutes. */
export async function mapSettings(db: Queryable, config: Config, organisationId: string): Promise<MapSettings> {
  let hit = centres.get(organisationId);
  if (!hit || hit.until < Date.now()) {
    const [row] = await queryRows<{ lat: number | null; lon: number | null }>(
      db,
      sql`SELECT avg(lat)::float8 AS lat, avg(lon)::float8 AS lon FROM addresses WHERE organisation_id = ${organisationId}`,
    );
    const centre = row?.lat != null && row.lon != null ? { lat: row.lat, lon: row.lon } : null;
    hit = { centre: centre ?? FINLAND.center, zoom: centre ? 14 : FINLAND.zoom, until: Date.now() + TTL_MS };
    centres.set(organisationId, hit);
  }
  return { ...config.map, center: hit.centre, zoom: hit.zoom };
}

/** Forgets the cached opening point of an organisation (its address list changed). */
export function forgetMapCentre(organisationId: string) {
  centres.delete(organisationId);
}
