/** Staff absences and working hours, respected when rules route tickets to a person. */
import { z } from "zod";
import { IsoDateTime, LocalizedText, Uuid } from "./common.ts";

/** Why a person does not take tickets now: on leave, or outside their weekly working hours. */
export const awayReasons = ["absent", "off_duty"] as const;
export const AwayReason = z.enum(awayReasons);
export type AwayReason = z.infer<typeof AwayReason>;

/**
 * A person's absence (from–until; either end may be open) and working hours (a business calendar;
 * null = always at work), and who takes their routed tickets meanwhile.
 */
export const Absence = z
  .object({
    absentFrom: IsoDateTime.nullable(),
    absentUntil: IsoDateTime.nullable(),
    substituteId: Uuid.nullable(),
    workingCalendarId: Uuid.nullable(),
  })
  .refine((a) => !a.absentFrom || !a.absentUntil || Date.parse(a.absentFrom) < Date.parse(a.absentUntil), {
    message: "the absence must end after it starts",
    path: ["absentUntil"],
  });
export type Absence = z.infer<typeof Absence>;

/** A person's absence settings, whether they are away now, and the calendars to pick working hours from. */
export const AbsenceSettings = z.object({
  absence: Absence,
  away: AwayReason.nullable(),
  calendars: z.array(z.object({ id: Uuid, name: LocalizedText })),
});
export type AbsenceSettings = z.infer<typeof AbsenceSettings>;
