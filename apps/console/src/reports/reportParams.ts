/**
 * The report's state in the address: period, filters and breakdown as URL parameters, so that a
 * report can be bookmarked and shared; and the quick period choices.
 */
import { type ReportDimension, reportDimensions } from "@yhteys/contracts/constants";

/** The parameters the summary takes from the address (the language is the viewer's own, not part of a shared link). */
export const reportParams = ["from", "to", "by", "groupId", "categoryId", "areaId", "channel", "type"] as const;
export type ReportParam = (typeof reportParams)[number];

/** Only the known, non-empty parameters of the address, in a fixed order. */
export function reportSearch(search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of reportParams) {
    const value = search.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

/** The breakdown in the address, or the default (by group). */
export const breakdownOf = (search: URLSearchParams): ReportDimension =>
  (reportDimensions as readonly string[]).includes(search.get("by") ?? "") ? (search.get("by") as ReportDimension) : "group";

/** The address with one parameter changed (an empty value removes it). */
export function withParam(search: URLSearchParams, changes: Partial<Record<ReportParam, string>>): URLSearchParams {
  const next = reportSearch(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

export const quickPeriods = ["last7", "last30", "thisMonth", "lastMonth", "thisYear"] as const;
export type QuickPeriod = (typeof quickPeriods)[number];

/** A local calendar day as YYYY-MM-DD. */
const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The days a quick choice covers, today included. */
export function quickPeriod(choice: QuickPeriod, today = new Date()): { from: string; to: string } {
  const y = today.getFullYear();
  const m = today.getMonth();
  const daysBack = (n: number) => new Date(y, m, today.getDate() - n);
  switch (choice) {
    case "last7":
      return { from: day(daysBack(6)), to: day(today) };
    case "last30":
      return { from: day(daysBack(29)), to: day(today) };
    case "thisMonth":
      return { from: day(new Date(y, m, 1)), to: day(today) };
    case "lastMonth":
      return { from: day(new Date(y, m - 1, 1)), to: day(new Date(y, m, 0)) };
    case "thisYear":
      return { from: day(new Date(y, 0, 1)), to: day(today) };
  }
}
