/**
 * What the staff ticket view shows around a ticket (REQUIREMENTS M9): the customer's other
 * tickets and tickets nearby. Only references and classification, no personal data.
 */
import { z } from "zod";
import { IsoDateTime, LocalizedText, Uuid } from "./common.ts";
import { NEARBY_TICKETS_DEFAULT_METRES, NEARBY_TICKETS_MAX_METRES } from "./constants.ts";
import { Channel, TicketState } from "./tickets.ts";

/** How many of the customer's other tickets the panel lists; the rest are counted in `more`. */
export const CUSTOMER_TICKETS_LIMIT = 20;

/** Another ticket of the same customer (same email or phone), as the caller may see it. */
export const CustomerTicket = z.object({
  id: Uuid,
  reference: z.string(),
  createdAt: IsoDateTime,
  category: z.object({ id: Uuid, name: LocalizedText }),
  state: TicketState,
  channel: Channel,
});
export type CustomerTicket = z.infer<typeof CustomerTicket>;

/**
 * Newest first, at most 20; `more` counts the rest the caller may see. `matched` is false when the
 * ticket has no customer email or phone to match by (anonymous): the console then shows no panel.
 */
export const CustomerTicketList = z.object({
  matched: z.boolean(),
  items: z.array(CustomerTicket),
  more: z.number().int().min(0),
});
export type CustomerTicketList = z.infer<typeof CustomerTicketList>;

export const NearbyTicketsQuery = z.object({
  radius: z.coerce.number().int().min(1).max(NEARBY_TICKETS_MAX_METRES).default(NEARBY_TICKETS_DEFAULT_METRES),
});

/** A ticket near this one: how far (whole metres) and in which direction (degrees from north, clockwise). */
export const NearbyTicket = z.object({
  id: Uuid,
  reference: z.string(),
  createdAt: IsoDateTime,
  category: z.object({ id: Uuid, name: LocalizedText }),
  state: TicketState,
  /** The first 140 characters of the description. */
  excerpt: z.string(),
  distanceMetres: z.number().int().min(0),
  bearingDegrees: z.number().int().min(0).max(359),
  location: z.object({ lat: z.number(), lon: z.number() }),
});
export type NearbyTicket = z.infer<typeof NearbyTicket>;

/**
 * Open tickets and those resolved in the last 90 days within `radius` metres, the nearest 50 first.
 * `located` is false when the ticket itself has no location (nothing to search around).
 */
export const NearbyTicketList = z.object({ located: z.boolean(), radius: z.number().int(), items: z.array(NearbyTicket) });
export type NearbyTicketList = z.infer<typeof NearbyTicketList>;
