/** Business-hour calendars and service-level targets (REQUIREMENTS M6). */
import { z } from "zod";
import { IsoDateTime } from "./common.ts";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM");

/** One opening period of a day, local wall-clock time; `to` after `from` ("24:00" ends the day). */
export const OpeningInterval = z
  .object({ from: clock, to: clock })
  .refine((i) => i.from < i.to, { message: "closes before it opens", path: ["to"] });
export type OpeningInterval = z.infer<typeof OpeningInterval>;

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * When a group works: weekly opening hours in a time zone, public holidays closed (Finnish ones
 * computed for any year), and one-off exceptions that replace a date's hours (empty = closed).
 */
export const BusinessCalendar = z.object({
  timeZone: z.string().default("Europe/Helsinki"),
  weekly: z.record(z.enum(weekdays), z.array(OpeningInterval)),
  publicHolidays: z.enum(["fi", "none"]).default("fi"),
  exceptions: z
    .array(
      z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), hours: z.array(OpeningInterval), note: z.string().max(200).optional() }),
    )
    .default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** Where a ticket stands against its service-level targets. */
export const slaStatuses = ["ok", "warning", "breached", "met", "none"] as const;
export type SlaStatus = (typeof slaStatuses)[number];

/** One service-level target of a ticket: when it is due, and where it stands now. */
export const SlaClock = z.object({ dueAt: IsoDateTime.nullable(), status: z.enum(slaStatuses) });

/** A ticket's service-level targets; `paused` while it waits for the customer (the clocks stand still). */
export const TicketSla = z.object({ firstResponse: SlaClock, resolution: SlaClock, paused: z.boolean() });
export type TicketSla = z.infer<typeof TicketSla>;
