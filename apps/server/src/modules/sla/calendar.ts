/**
 * Business-time arithmetic on a `BusinessCalendar`: when does N minutes of working time after an
 * instant end, and how much working time lies between two instants. Opening hours are local
 * wall-clock times in the calendar's time zone, so days with a daylight-saving change keep their
 * 8:00–16:00 (in UTC they move by an hour); converted with Intl, no time-zone tables shipped here.
 */
import type { BusinessCalendar, CalendarDay, Weekday } from "@yhteys/contracts";
import { finnishHolidays, type Holiday, isoDate } from "./holidays.ts";

const MINUTE = 60_000;
/** Searching further than this for opening hours means the calendar is (practically) never open. */
const MAX_DAYS = 2 * 366;
const weekdayOf: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const QUARTER_HOUR = 15 * MINUTE;
/** Offsets from UTC by time zone and quarter hour (zones change their offset on quarter hours only). */
const offsets = new Map<string, number>();

/**
 * The wall-clock time in `timeZone` at `instant`, as if it were UTC (ms, whole seconds). Intl is
 * the costly part of every due time, so the offset is asked once per zone and quarter hour.
 */
function wallClock(timeZone: string, instant: number): number {
  const quarter = Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone} ${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = intlWallClock(timeZone, quarter) - quarter;
    // A process lives through a few thousand quarter hours of due times; it starts over rather than grow.
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return Math.floor((instant + offset) / 1000) * 1000;
}

function intlWallClock(timeZone: string, instant: number): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The local date (`YYYY-MM-DD`) in `timeZone` at `instant`. */
export const localDate = (timeZone: string, instant: Date): string => isoDate(new Date(wallClock(timeZone, instant.getTime())));

/** The instant at which the wall clock in `timeZone` shows `time` on `date` (a time skipped by DST moves forward). */
export function zonedInstant(timeZone: string, date: string, time: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The offset at the first guess may differ from the offset at the answer across a DST change.
  let guess = wall - (wallClock(timeZone, wall) - wall);
  guess = wall - (wallClock(timeZone, guess) - guess);
  return guess;
}

/** The next local date; remembered, as every due time walks day by day through the same dates. */
const nextDates = new Map<string, string>();
function nextDate(date: string): string {
  let next = nextDates.get(date);
  if (next === undefined) {
    next = isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000));
    if (nextDates.size >= 10_000) nextDates.clear();
    nextDates.set(date, next);
  }
  return next;
}

/** Compiled once per calendar: holidays by year, exceptions by date. */
class CalendarDays {
  private readonly holidays = new Map<number, Map<string, Holiday>>();
  private readonly exceptions: Map<string, BusinessCalendar["exceptions"][number]>;

  constructor(readonly calendar: BusinessCalendar) {
    this.exceptions = new Map(calendar.exceptions.map((e) => [e.date, e]));
  }

  private holiday(date: string): Holiday | undefined {
    if (this.calendar.publicHolidays === "none") return undefined;
    const year = Number(date.slice(0, 4));
    let dates = this.holidays.get(year);
    if (!dates) {
      dates = new Map(finnishHolidays(year).map((h) => [h.date, h]));
      this.holidays.set(year, dates);
    }
    return dates.get(date);
  }

  /** A local date's opening hours: an exception's, else none on a holiday, else the weekday's. */
  day(date: string): CalendarDay {
    const exception = this.exceptions.get(date);
    const holiday = this.holiday(date)?.name ?? null;
    const hours =
      exception?.hours ?? (holiday ? [] : (this.calendar.weekly[weekdayOf[new Date(`${date}T00:00:00Z`).getUTCDay()] as Weekday] ?? []));
    return { date, hours, holiday, exception: exception ? (exception.note ?? "") : null };
  }

  /** Periods by date: time-zone conversion (Intl) is the costly part, and tickets share their days. */
  private readonly periodCache = new Map<string, [number, number][]>();

  /** The opening periods of a local date as [start, end) instants in ms. */
  periods(date: string): [number, number][] {
    const cached = this.periodCache.get(date);
    if (cached) return cached;
    const tz = this.calendar.timeZone;
    const periods: [number, number][] = this.day(date).hours.map((h) => [
      zonedInstant(tz, date, h.from),
      h.to === "24:00" ? zonedInstant(tz, nextDate(date), "00:00") : zonedInstant(tz, date, h.to),
    ]);
    // A few years of dates at most; a long-lived process starts over rather than grow without end.
    if (this.periodCache.size >= 4000) this.periodCache.clear();
    this.periodCache.set(date, periods);
    return periods;
  }
}

const compiled = new WeakMap<BusinessCalendar, CalendarDays>();
function daysOf(calendar: BusinessCalendar): CalendarDays {
  let days = compiled.get(calendar);
  if (!days) {
    days = new CalendarDays(calendar);
    compiled.set(calendar, days);
  }
  return days;
}

/**
 * The instant when `minutes` of working time after `start` have passed. With 0 minutes: `start`
 * itself when open, else the next opening. Throws if the calendar is closed for two years on end.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  const days = daysOf(calendar);
  let remaining = minutes * MINUTE;
  let date = localDate(calendar.timeZone, start);
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [open, close] of days.periods(date)) {
      const from = Math.max(open, start.getTime());
      if (from >= close) continue;
      if (remaining <= close - from) return new Date(from + remaining);
      remaining -= close - from;
    }
  }
  throw new Error("the calendar has no opening hours within two years");
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  const days = daysOf(calendar);
  const end = localDate(calendar.timeZone, to);
  let total = 0;
  for (let date = localDate(calendar.timeZone, from), i = 0; i < MAX_DAYS; date = nextDate(date), i++) {
    for (const [open, close] of days.periods(date)) total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
    if (date === end) break;
  }
  return total / MINUTE;
}

/** `count` local dates from `from` with their opening hours, holidays and exceptions named. */
export function calendarDays(calendar: BusinessCalendar, from: string, count: number): CalendarDay[] {
  const days = daysOf(calendar);
  const list: CalendarDay[] = [];
  for (let date = from; list.length < count; date = nextDate(date)) list.push(days.day(date));
  return list;
}

/** Whether the calendar is open at `instant`. */
export const isOpenAt = (calendar: BusinessCalendar, instant: Date) =>
  addBusinessMinutes(calendar, instant, 0).getTime() === instant.getTime();
