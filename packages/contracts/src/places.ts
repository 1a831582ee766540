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

/** An http(s) XYZ raster tile template with {z}, {x} and {y}. */
export const TileUrlTemplate = z
  .string()
  .max(500)
  .regex(/^https?:\/\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, "must be an http(s) template with {z}, {x} and {y}");

/** An organisation's own base map; all null falls back to the installation's settings. */
export const MapSource = z.object({
  styleUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  tileUrl: TileUrlTemplate.nullable(),
  attribution: z.string().trim().max(300).nullable(),
});
export type MapSource = z.infer<typeof MapSource>;

/** How the portal draws its map. Without a style or tile URL it draws a plain background. */
export const MapSettings = z.object({
  /** A MapLibre style document (e.g. the city's vector tiles). */
  styleUrl: z.string().nullable(),
  /** An XYZ raster tile template (`…/{z}/{x}/{y}.png`), used when there is no style URL. */
  tileUrl: z.string().nullable(),
  attribution: z.string().nullable(),
  /** Where the map opens: the middle of the organisation's addresses or areas. */
  center: GeoPoint,
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
