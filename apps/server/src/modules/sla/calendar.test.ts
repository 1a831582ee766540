import type { BusinessCalendar } from "@yhteys/contracts";
import { describe, expect, it } from "vitest";
import { roundTheClock } from "./calendar.fixtures.ts";
import { addBusinessMinutes, businessMinutesBetween, localDate, zonedInstant } from "./calendar.ts";
import { easterSunday, finnishHolidays } from "./holidays.ts";

const officeHours = [{ from: "08:00", to: "16:00" }];
const office: BusinessCalendar = {
  timeZone: "Europe/Helsinki",
  weekly: { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours, sat: [], sun: [] },
  publicHolidays: "fi",
  exceptions: [],
};
const at = (iso: string) => new Date(iso);
const holidayDates = (year: number) => Object.fromEntries(finnishHolidays(year).map((h) => [h.name.en, h.date]));

describe("Finnish public holidays", () => {
  it("computes Easter for years with known dates, including the earliest and latest possible", () => {
    const easters = {
      2024: "2024-03-31",
      2025: "2025-04-20",
      2026: "2026-04-05",
      2027: "2027-03-28",
      2038: "2038-04-25",
      2285: "2285-03-22",
    };
    for (const [year, date] of Object.entries(easters)) expect(easterSunday(Number(year)).toISOString().slice(0, 10)).toBe(date);
  });

  it("places the moving holidays on their days across years", () => {
    expect(holidayDates(2026)).toMatchObject({
      "Good Friday": "2026-04-03",
      "Easter Monday": "2026-04-06",
      "Ascension Day": "2026-05-14",
      "Whit Sunday": "2026-05-24",
      "Midsummer Eve": "2026-06-19",
      "Midsummer Day": "2026-06-20",
      "All Saints' Day": "2026-10-31",
    });
    expect(holidayDates(2027)).toMatchObject({
      "Midsummer Day": "2027-06-26",
      "All Saints' Day": "2027-11-06",
      "Ascension Day": "2027-05-06",
    });
    expect(holidayDates(2024)).toMatchObject({ "Midsummer Eve": "2024-06-21", "All Saints' Day": "2024-11-02" });
    for (let year = 2000; year <= 2100; year++) {
      const days = holidayDates(year);
      expect(finnishHolidays(year)).toHaveLength(15);
      // Midsummer Day and All Saints' Day are Saturdays; Ascension Day a Thursday; Good Friday a Friday.
      for (const [name, weekday] of [
        ["Midsummer Day", 6],
        ["All Saints' Day", 6],
        ["Ascension Day", 4],
        ["Good Friday", 5],
      ] as const)
        expect(new Date(`${days[name]}T00:00:00Z`).getUTCDay(), `${name} ${year}`).toBe(weekday);
      expect(days["Midsummer Day"] >= `${year}-06-20` && days["Midsummer Day"] <= `${year}-06-26`).toBe(true);
      expect(days["All Saints' Day"] >= `${year}-10-31` && days["All Saints' Day"] <= `${year}-11-06`).toBe(true);
    }
  });
});

describe("business time", () => {
  it("converts local wall-clock times across daylight-saving changes", () => {
    expect(new Date(zonedInstant("Europe/Helsinki", "2026-03-27", "08:00")).toISOString()).toBe("2026-03-27T06:00:00.000Z");
    expect(new Date(zonedInstant("Europe/Helsinki", "2026-03-30", "08:00")).toISOString()).toBe("2026-03-30T05:00:00.000Z");
    // 03:30 does not exist on 29 March 2026 in Helsinki: it moves forward to 04:30 summer time.
    expect(new Date(zonedInstant("Europe/Helsinki", "2026-03-29", "03:30")).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(localDate("Europe/Helsinki", at("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });

  it("adds working minutes over a weekend and the start of summer time", () => {
    // Friday 15:00 local (13:00 UTC) + 2 h: one hour on Friday, one on Monday from 08:00 (now UTC+3).
    expect(addBusinessMinutes(office, at("2026-03-27T13:00:00Z"), 120).toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(businessMinutesBetween(office, at("2026-03-27T13:00:00Z"), at("2026-03-30T06:00:00Z"))).toBe(120);
  });

  it("counts the short and the long day of daylight saving on a calendar that never closes", () => {
    expect(businessMinutesBetween(roundTheClock, at("2026-03-28T22:00:00Z"), at("2026-03-29T21:00:00Z"))).toBe(23 * 60);
    expect(businessMinutesBetween(roundTheClock, at("2026-10-24T21:00:00Z"), at("2026-10-25T22:00:00Z"))).toBe(25 * 60);
    expect(addBusinessMinutes(roundTheClock, at("2026-10-24T21:00:00Z"), 25 * 60).toISOString()).toBe("2026-10-25T22:00:00.000Z");
  });

  it("skips public holidays, and one-off exceptions override them or close a working day", () => {
    // Wednesday 23 Dec 15:00 + 2 h: 1 h that day; 24–27 Dec closed (holidays, weekend); Monday 28 Dec 09:00.
    expect(addBusinessMinutes(office, at("2026-12-23T13:00:00Z"), 120).toISOString()).toBe("2026-12-28T07:00:00.000Z");
    const closedOn23rd = { ...office, exceptions: [{ date: "2026-12-23", hours: [] }] };
    expect(addBusinessMinutes(closedOn23rd, at("2026-12-23T13:00:00Z"), 120).toISOString()).toBe("2026-12-28T08:00:00.000Z");
    const openOnEve = { ...office, exceptions: [{ date: "2026-12-24", hours: [{ from: "09:00", to: "12:00" }] }] };
    expect(addBusinessMinutes(openOnEve, at("2026-12-23T13:00:00Z"), 120).toISOString()).toBe("2026-12-24T08:00:00.000Z");
    expect(businessMinutesBetween(office, at("2026-12-23T13:00:00Z"), at("2026-12-28T07:00:00Z"))).toBe(120);
  });

  it("starts a zero-length wait at the next opening, and refuses a calendar that never opens", () => {
    expect(addBusinessMinutes(office, at("2026-11-28T10:00:00Z"), 0).toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(addBusinessMinutes(office, at("2026-11-30T10:00:00Z"), 0).toISOString()).toBe("2026-11-30T10:00:00.000Z");
    const never = { ...office, weekly: { ...office.weekly, mon: [], tue: [], wed: [], thu: [], fri: [] } };
    expect(() => addBusinessMinutes(never, at("2026-11-30T10:00:00Z"), 60)).toThrow(/no opening hours/);
    expect(businessMinutesBetween(office, at("2026-11-30T10:00:00Z"), at("2026-11-30T09:00:00Z"))).toBe(0);
  });
});
