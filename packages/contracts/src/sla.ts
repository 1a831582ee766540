/** Business-hour calendars and service-level targets (REQUIREMENTS M6). */
import { z } from "zod";
import { IsoDateTime, LocalizedText, Uuid } from "./common.ts";
import { Priority } from "./tickets.ts";

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
  /** Days left out are closed. */
  weekly: z.partialRecord(z.enum(weekdays), z.array(OpeningInterval)),
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

/** A business calendar as the admin views show it, with the groups that work by it. */
export const AdminCalendar = z.object({
  id: Uuid,
  name: LocalizedText,
  calendar: BusinessCalendar,
  isDefault: z.boolean(),
  groupIds: z.array(Uuid),
});
export type AdminCalendar = z.infer<typeof AdminCalendar>;
export const AdminCalendarList = z.object({ items: z.array(AdminCalendar) });
export type AdminCalendarList = z.infer<typeof AdminCalendarList>;

/** A new calendar; making it the default takes that role from the previous default. */
export const NewCalendar = z.object({ name: LocalizedText, calendar: BusinessCalendar, isDefault: z.boolean().default(false) });
export type NewCalendar = z.input<typeof NewCalendar>;
export const CalendarUpdate = NewCalendar.extend({ isDefault: z.boolean() })
  .partial()
  .refine((c) => Object.keys(c).length > 0, "Change at least one field");
export type CalendarUpdate = z.input<typeof CalendarUpdate>;

/** The days to show of a calendar, to check it: from a date (today by default), 1–62 days. */
export const CalendarDaysQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
    .optional(),
  days: z.coerce.number().int().min(1).max(62).default(14),
});
/** One local date of a calendar: its opening hours and why they differ from the week's, if they do. */
export const CalendarDay = z.object({
  date: z.string(),
  hours: z.array(OpeningInterval),
  holiday: LocalizedText.nullable(),
  exception: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;
export const CalendarDays = z.object({ items: z.array(CalendarDay) });
export type CalendarDays = z.infer<typeof CalendarDays>;

/** A year's minutes: targets longer than this are not service levels. */
const minutes = z.number().int().min(1).max(525_600);

/**
 * A service-level target in working minutes. Its scope is a category, a priority, both, or
 * neither (the organisation's default); the most specific one applies to a ticket.
 */
export const SlaPolicy = z.object({
  id: Uuid,
  categoryId: Uuid.nullable(),
  priority: Priority.nullable(),
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes,
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export const SlaPolicyList = z.object({ items: z.array(SlaPolicy) });
export type SlaPolicyList = z.infer<typeof SlaPolicyList>;

/** Sets the targets of one scope, replacing the scope's earlier targets if it had some. */
export const SlaPolicyInput = SlaPolicy.omit({ id: true })
  .extend({ categoryId: Uuid.nullable().default(null), priority: Priority.nullable().default(null) })
  .refine((p) => p.resolutionMinutes >= p.firstResponseMinutes, {
    message: "resolution cannot be due before the first response",
    path: ["resolutionMinutes"],
  });
export type SlaPolicyInput = z.input<typeof SlaPolicyInput>;
