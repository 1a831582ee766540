/** The console's calls to the reports API. */
import type { ReportOptions, ReportSummary } from "@yhteys/contracts";
import { staff } from "../api.ts";

const base = "/api/staff/reports";

export const reportSummary = (query: URLSearchParams) => staff<ReportSummary>(`${base}/summary?${query}`);
export const reportOptions = () => staff<ReportOptions>(`${base}/options`);
/** The CSV export of the same query (a plain link: the session cookie goes with it). */
export const reportCsvUrl = (query: URLSearchParams) => `${base}/summary.csv?${query}`;
