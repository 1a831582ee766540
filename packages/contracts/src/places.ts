/** Addresses (geocoding), the base map, and earlier contacts near a point (the duplicate hint). */
import { z } from "zod";
import { GeoPoint, IsoDateTime, LocalizedText, Uuid } from "./common.ts";
import { TicketState } from "./tickets.ts";

/** A point in a query string (`?lat=61.49&lon=23.76`), within GeoPoint's bounds. */
export const GeoPointQuery = z.object({
  lat: z.coerce.number().min(59).max(71),
  lon: z.coerce.number().min(19).max(32),
});

/** One address of the organisation's address list. */
export const Address = z.object({
  street: z.string(),
  number: z.string(),
  postalCode: z.string(),
  city: z.string(),
  /** "Hämeenkatu 10, 33100 Tampere": what the form puts in the address field. */
  label: z.string(),
  location: GeoPoint,
});
export type Address = z.infer<typeof Address>;

export const AddressSearchQuery = z.object({ q: z.string().trim().min(1).max(100) });

/** At most 10 addresses, street by street, lower numbers first. */
export const AddressList = z.object({ items: z.array(Address) });
export type AddressList = z.infer<typeof AddressList>;

/** The nearest address within 150 m of the point, or null. */
export const ReverseAddress = z.object({ address: Address.nullable(), distanceMetres: z.number().int().nullable() });
export type ReverseAddress = z.infer<typeof ReverseAddress>;

export const mapCrses = ["EPSG:3857", "EPSG:3067"] as const;
export const MapCrs = z.enum(mapCrses);
export type MapCrs = z.infer<typeof MapCrs>;

/**
 * A WMTS tile matrix set in a projected CRS: the top-left corner of tile 0/0 (easting, northing
 * in metres) and the metres per pixel of each zoom level (TileMatrix 0, 1, 2…), largest first.
 */
export const TileMatrix = z
  .object({
    origin: z.tuple([z.number().finite(), z.number().finite()]),
    resolutions: z.array(z.number().positive().finite()).min(1).max(30),
  })
  .refine((m) => m.resolutions.every((r, i) => i === 0 || r < (m.resolutions[i - 1] ?? 0)), {
    message: "resolutions must get smaller from one zoom level to the next",
    path: ["resolutions"],
  });
export type TileMatrix = z.infer<typeof TileMatrix>;

/**
 * An http(s) raster tile template with {z}, {x} and {y} in any order: XYZ (`…/{z}/{x}/{y}.png`),
 * WMTS REST (`…/ETRS-TM35FIN/{z}/{y}/{x}.png`) or WMTS KVP (`…&TileMatrix={z}&TileRow={y}&TileCol={x}`):
 * {z} is the zoom level (TileMatrix), {x} the column from the left (TileCol), {y} the row from the
 * top (TileRow). {s} picks one of the subdomains a, b and c.
 */
export const TileUrlTemplate = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/, "must be an http(s) URL without spaces")
  .refine((t) => ["{z}", "{x}", "{y}"].every((p) => t.includes(p)), "must contain {z}, {x} and {y}")
  .refine((t) => (t.match(/\{[^}]*\}/g) ?? []).every((p) => ["{z}", "{x}", "{y}", "{s}"].includes(p)), {
    message: "may contain only the placeholders {z}, {x}, {y} and {s}",
  });

/** An organisation's own base map; without a tile URL it falls back to the installation's settings. */
export const MapSource = z
  .object({
    /** The tiles' coordinate system: Web Mercator (XYZ) or ETRS-TM35FIN (Finnish WMTS). */
    crs: MapCrs.default("EPSG:3857"),
    tileUrl: TileUrlTemplate.nullable(),
    attribution: z.string().trim().max(300).nullable(),
    /** EPSG:3067 only: the service's tile matrix set; null is the JHS 180 grid of the National Land Survey. */
    tileMatrix: TileMatrix.nullable().default(null),
  })
  .refine((s) => s.crs === "EPSG:3067" || s.tileMatrix === null, {
    message: "a tile matrix is given only for EPSG:3067 (Web Mercator has one grid)",
    path: ["tileMatrix"],
  });
export type MapSource = z.infer<typeof MapSource>;

/** How the portal draws its map. Without a tile URL it draws a plain background (in the same CRS). */
export const MapSettings = z.object({
  crs: MapCrs,
  /** A raster tile template (see TileUrlTemplate). */
  tileUrl: z.string().nullable(),
  attribution: z.string().nullable(),
  /** The grid of EPSG:3067 (the JHS 180 grid unless the service has its own); null for EPSG:3857. */
  tileMatrix: TileMatrix.nullable(),
  /** Where the map opens: the middle of the organisation's addresses or areas. */
  center: GeoPoint,
  /** Web Mercator zoom level (14 is a district); a map in EPSG:3067 takes its nearest level (matrixZoom). */
  zoom: z.number(),
});
export type MapSettings = z.infer<typeof MapSettings>;

export const NearbyQuery = GeoPointQuery.extend({ categoryId: Uuid.optional() });

/** An open contact near the point: no description, no personal data. */
export const NearbyContact = z.object({
  reference: z.string(),
  category: z.object({ id: Uuid, name: LocalizedText }),
  state: TicketState,
  createdAt: IsoDateTime,
  /** Rounded to whole metres. */
  distanceMetres: z.number().int(),
  /** Rounded to about 10 m, enough to draw it on the map. */
  location: GeoPoint,
  sameCategory: z.boolean(),
});
export type NearbyContact = z.infer<typeof NearbyContact>;

/** Up to 10 contacts within 200 m, the chosen category first, then the nearest. */
export const NearbyContactList = z.object({ items: z.array(NearbyContact) });
export type NearbyContactList = z.infer<typeof NearbyContactList>;

export const TicketReferenceParam = z.string().regex(/^[A-Z]{1,10}-\d{4}-\d{6,}$/);

/** "I have the same issue": an optional email for news of it. */
export const FollowRequest = z.object({ email: z.email().max(254).optional() });
export type FollowRequest = z.infer<typeof FollowRequest>;

export const FollowReceipt = z.object({
  reference: z.string(),
  state: TicketState,
  /** Residents who have said they have the same issue. */
  followers: z.number().int(),
  /** False when this email already followed the contact (nothing was added). */
  added: z.boolean(),
});
export type FollowReceipt = z.infer<typeof FollowReceipt>;
