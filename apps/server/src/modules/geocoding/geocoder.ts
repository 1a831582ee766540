/**
 * Geocoding behind one interface: the built-in provider searches the organisation's imported
 * address list; an external provider (the city's own service, national address data) can
 * implement the same interface without the routes or the portal changing.
 */
import type { Address, GeoPoint } from "@yhteys/contracts";
import { and, asc, between, eq, like, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { addresses } from "../../db/schema.ts";
import { boundingBox, distanceMetres } from "./geo.ts";

/** Finds addresses by text and the nearest address to a point, within one organisation. */
export interface Geocoder {
  /** Addresses whose street and number begin with the query (case and diacritics ignored). */
  search(organisationId: string, query: string, limit: number): Promise<Address[]>;
  /** The nearest address within `maxMetres` of the point, with its distance. */
  reverse(organisationId: string, point: GeoPoint, maxMetres: number): Promise<{ address: Address; distanceMetres: number } | null>;
}

/** Lower case, diacritics removed (ä → a, ö → o, å → a), white space folded: "Hämeenkatu  10" → "hameenkatu 10". */
export function searchKey(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

type AddressRow = typeof addresses.$inferSelect;

/** The API's view of an address row. */
function presentAddress(row: Pick<AddressRow, "street" | "number" | "postalCode" | "city" | "lat" | "lon">): Address {
  return {
    street: row.street,
    number: row.number,
    postalCode: row.postalCode,
    city: row.city,
    label: `${row.street} ${row.number}, ${row.postalCode} ${row.city}`,
    location: { lat: row.lat, lon: row.lon },
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The built-in geocoder over the `addresses` table (imported per organisation). */
export class AddressListGeocoder implements Geocoder {
  constructor(private readonly db: Db) {}

  async search(organisationId: string, query: string, limit: number): Promise<Address[]> {
    const key = searchKey(query);
    if (!key) return [];
    const rows = await this.db
      .select()
      .from(addresses)
      .where(and(eq(addresses.organisationId, organisationId), like(addresses.searchKey, `${escapeLike(key)}%`)))
      // Street by street; numbers in natural order (2 before 10, 10 before 10 A).
      .orderBy(asc(addresses.street), asc(sql`length(${addresses.number})`), asc(addresses.number))
      .limit(limit);
    return rows.map(presentAddress);
  }

  async reverse(organisationId: string, point: GeoPoint, maxMetres: number) {
    const box = boundingBox(point, maxMetres);
    const rows = await this.db
      .select()
      .from(addresses)
      .where(
        and(
          eq(addresses.organisationId, organisationId),
          between(addresses.lat, box.minLat, box.maxLat),
          between(addresses.lon, box.minLon, box.maxLon),
        ),
      );
    let best: { address: Address; distanceMetres: number } | null = null;
    for (const row of rows) {
      const d = distanceMetres(point, row);
      if (d <= maxMetres && (!best || d < best.distanceMetres)) best = { address: presentAddress(row), distanceMetres: d };
    }
    return best;
  }
}
