/**
 * Earlier contacts near a point, for the form's "already reported nearby" hint. Only what is safe
 * to show anyone: reference, category, state, date, distance and a point rounded to about 10 m;
 * never the description, the address or anything about the sender.
 */
import type { GeoPoint, NearbyContact } from "@yhteys/contracts";
import { openStates } from "@yhteys/contracts";
import { and, between, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { categories, tickets } from "../../db/schema.ts";
import { boundingBox, distanceMetres } from "../geocoding/geo.ts";
import { iso } from "../tickets/tickets.presenter.ts";

/** How far counts as "nearby", and how many contacts the hint shows. */
export const NEARBY_METRES = 200;
export const NEARBY_LIMIT = 10;

const roundPoint = (p: GeoPoint) => ({ lat: Math.round(p.lat * 10_000) / 10_000, lon: Math.round(p.lon * 10_000) / 10_000 });

/**
 * Open contacts within 200 m (there is no publishing yet, so open ones stand for the published):
 * the chosen category first, then the nearest.
 */
export async function nearbyContacts(db: Db, organisationId: string, point: GeoPoint, categoryId?: string): Promise<NearbyContact[]> {
  const box = boundingBox(point, NEARBY_METRES);
  const rows = await db
    .select({
      reference: tickets.reference,
      categoryId: tickets.categoryId,
      categoryName: categories.name,
      state: tickets.state,
      createdAt: tickets.createdAt,
      lat: tickets.lat,
      lon: tickets.lon,
    })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(
      and(
        eq(tickets.organisationId, organisationId),
        inArray(tickets.state, openStates),
        eq(tickets.sensitive, false),
        between(tickets.lat, box.minLat, box.maxLat),
        between(tickets.lon, box.minLon, box.maxLon),
      ),
    );
  return rows
    .map((row) => ({ row, location: { lat: row.lat as number, lon: row.lon as number } }))
    .map(({ row, location }) => ({
      reference: row.reference,
      category: { id: row.categoryId, name: row.categoryName },
      state: row.state,
      createdAt: iso(row.createdAt),
      distanceMetres: Math.round(distanceMetres(point, location)),
      location: roundPoint(location),
      sameCategory: row.categoryId === categoryId,
    }))
    .filter((c) => c.distanceMetres <= NEARBY_METRES)
    .sort((a, b) => Number(b.sameCategory) - Number(a.sameCategory) || a.distanceMetres - b.distanceMetres)
    .slice(0, NEARBY_LIMIT);
}
