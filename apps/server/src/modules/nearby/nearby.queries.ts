/**
 * Contacts near a point. The public query, for the form's "already reported nearby" hint, returns
 * only what is safe to show anyone: reference, category, state, date, distance and a point rounded
 * to about 10 m; never the description, the address or anything about the sender. The staff query
 * (the ticket view's "nearby tickets") is scoped by what the caller may see and adds an excerpt.
 */
import type { GeoPoint, NearbyContact, NearbyTicket } from "@yhteys/contracts";
import { finishedStates, NEARBY_TICKETS_LIMIT, openStates } from "@yhteys/contracts";
import { and, between, eq, gte, inArray, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { categories, tickets } from "../../db/schema.ts";
import { bearingDegrees, boundingBox, distanceMetres } from "../geocoding/geo.ts";
import { publishingNotRefused } from "../publishing/consent.ts";
import { iso } from "../tickets/tickets.presenter.ts";

/** How far counts as "nearby", and how many contacts the hint shows. */
const NEARBY_METRES = 200;
const NEARBY_LIMIT = 10;

/** What both queries read of a nearby ticket. */
const nearbyColumns = {
  reference: tickets.reference,
  categoryId: tickets.categoryId,
  categoryName: categories.name,
  state: tickets.state,
  createdAt: tickets.createdAt,
  lat: tickets.lat,
  lon: tickets.lon,
};

const roundPoint = (p: GeoPoint) => ({ lat: Math.round(p.lat * 10_000) / 10_000, lon: Math.round(p.lon * 10_000) / 10_000 });

/**
 * Open contacts within 200 m, but none whose resident refused publishing: the chosen category
 * first, then the nearest.
 */
export async function nearbyContacts(db: Db, organisationId: string, point: GeoPoint, categoryId?: string): Promise<NearbyContact[]> {
  const box = boundingBox(point, NEARBY_METRES);
  const rows = await db
    .select(nearbyColumns)
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(
      and(
        eq(tickets.organisationId, organisationId),
        inArray(tickets.state, openStates),
        eq(tickets.sensitive, false),
        publishingNotRefused(),
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

/** Finished tickets count as nearby for this long after they were resolved. */
const NEARBY_RESOLVED_DAYS = 90;
const EXCERPT_CHARS = 140;

/**
 * Staff: tickets within `metres` of `point` that are open or were resolved in the last 90 days,
 * other than `exceptId`, among those `visible` to the caller (tickets.access.ts): the nearest 50.
 */
export async function nearbyTickets(
  db: Db,
  visible: SQL,
  point: GeoPoint,
  metres: number,
  exceptId: string,
  now = new Date(),
): Promise<NearbyTicket[]> {
  const box = boundingBox(point, metres);
  const resolvedSince = new Date(now.getTime() - NEARBY_RESOLVED_DAYS * 86_400_000);
  const rows = await db
    .select({ ...nearbyColumns, id: tickets.id, description: tickets.description })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(
      and(
        visible,
        ne(tickets.id, exceptId),
        or(inArray(tickets.state, openStates), and(inArray(tickets.state, finishedStates), gte(tickets.resolvedAt, resolvedSince))),
        between(tickets.lat, box.minLat, box.maxLat),
        between(tickets.lon, box.minLon, box.maxLon),
      ),
    );
  return rows
    .map((row) => {
      const location = { lat: row.lat as number, lon: row.lon as number };
      return {
        id: row.id,
        reference: row.reference,
        createdAt: iso(row.createdAt),
        category: { id: row.categoryId, name: row.categoryName },
        state: row.state,
        excerpt: row.description.length > EXCERPT_CHARS ? `${row.description.slice(0, EXCERPT_CHARS - 1)}…` : row.description,
        distanceMetres: Math.round(distanceMetres(point, location)),
        bearingDegrees: bearingDegrees(point, location),
        location: roundPoint(location),
      };
    })
    .filter((t) => t.distanceMetres <= metres)
    .sort((a, b) => a.distanceMetres - b.distanceMetres || b.createdAt.localeCompare(a.createdAt))
    .slice(0, NEARBY_TICKETS_LIMIT);
}
