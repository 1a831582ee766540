/**
 * Finnish public holidays (and the two eves on which offices close) for any year, computed rather
 * than listed: Easter by the Gregorian computus, the moving Saturdays by their date windows.
 */
import type { LocalizedText } from "@yhteys/contracts";

export type Holiday = { date: string; name: LocalizedText };

/** A local calendar date as `YYYY-MM-DD`, from UTC parts of a Date made with Date.UTC. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month - 1, date));
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Easter Sunday of `year` (Gregorian; the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, date);
}

/** The first `weekday` (0 = Sunday … 6 = Saturday) on or after the given date. */
function weekdayFrom(year: number, month: number, date: number, weekday: number): Date {
  const start = day(year, month, date);
  return plusDays(start, (weekday - start.getUTCDay() + 7) % 7);
}

/** Finnish public holidays of `year` with Midsummer Eve and Christmas Eve, sorted by date. */
export function finnishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const midsummerDay = weekdayFrom(year, 6, 20, 6);
  const list: [Date, string, string, string][] = [
    [day(year, 1, 1), "Uudenvuodenpäivä", "Nyårsdagen", "New Year's Day"],
    [day(year, 1, 6), "Loppiainen", "Trettondedag jul", "Epiphany"],
    [plusDays(easter, -2), "Pitkäperjantai", "Långfredagen", "Good Friday"],
    [easter, "Pääsiäispäivä", "Påskdagen", "Easter Sunday"],
    [plusDays(easter, 1), "2. pääsiäispäivä", "Annandag påsk", "Easter Monday"],
    [day(year, 5, 1), "Vappu", "Första maj", "May Day"],
    [plusDays(easter, 39), "Helatorstai", "Kristi himmelsfärdsdag", "Ascension Day"],
    [plusDays(easter, 49), "Helluntaipäivä", "Pingstdagen", "Whit Sunday"],
    [plusDays(midsummerDay, -1), "Juhannusaatto", "Midsommarafton", "Midsummer Eve"],
    [midsummerDay, "Juhannuspäivä", "Midsommardagen", "Midsummer Day"],
    [weekdayFrom(year, 10, 31, 6), "Pyhäinpäivä", "Alla helgons dag", "All Saints' Day"],
    [day(year, 12, 6), "Itsenäisyyspäivä", "Självständighetsdagen", "Independence Day"],
    [day(year, 12, 24), "Jouluaatto", "Julafton", "Christmas Eve"],
    [day(year, 12, 25), "Joulupäivä", "Juldagen", "Christmas Day"],
    [day(year, 12, 26), "Tapaninpäivä", "Annandag jul", "St Stephen's Day"],
  ];
  return list.map(([date, fi, sv, en]) => ({ date: isoDate(date), name: { fi, sv, en } })).sort((a, b) => a.date.localeCompare(b.date));
}
