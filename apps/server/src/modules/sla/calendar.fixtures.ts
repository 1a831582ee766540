/** Calendars for tests. */
import type { BusinessCalendar } from "@yhteys/contracts";

const allDay = [{ from: "00:00", to: "24:00" }];

/** Open round the clock, no holidays: working minutes are wall-clock minutes. */
export const roundTheClock: BusinessCalendar = {
  timeZone: "Europe/Helsinki",
  weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  publicHolidays: "none",
  exceptions: [],
};
