import { describe, expect, it } from "vitest";
import { digestPeriods } from "./notification-email-task.ts";

const at = (iso: string) => digestPeriods(new Date(iso));

describe("digest periods", () => {
  it("end on the hour, and the daily one at 07:00 in Finland in winter, summer and across the change to summer time", () => {
    expect(at("2026-11-30T05:30:00Z")).toEqual({ hourly: new Date("2026-11-30T05:00:00Z"), daily: new Date("2026-11-30T05:00:00Z") });
    expect(at("2026-11-30T04:59:59Z").daily).toEqual(new Date("2026-11-29T05:00:00Z"));
    expect(at("2026-07-01T06:10:00Z")).toEqual({ hourly: new Date("2026-07-01T06:00:00Z"), daily: new Date("2026-07-01T04:00:00Z") });
    // Summer time began at 01:00 UTC on 29 March 2026: that morning's 07:00 is 04:00 UTC, the day before's 05:00 UTC.
    expect(at("2026-03-29T04:30:00Z").daily).toEqual(new Date("2026-03-29T04:00:00Z"));
    expect(at("2026-03-29T03:59:00Z").daily).toEqual(new Date("2026-03-28T05:00:00Z"));
  });
});
