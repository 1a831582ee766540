/**
 * A report summary as CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel reads
 * ä and ö right), semicolons between fields and a decimal comma in Finnish and Swedish (what
 * Excel expects with Finnish regional settings), a point in English. The last row is the totals.
 */
import type { Language, ReportFigures, ReportSummary } from "@yhteys/contracts";

const headers: Record<Language, string[]> = {
  fi: [
    "Peruste",
    "Saapuneet",
    "Ratkaistut",
    "Avoinna jakson lopussa",
    "Avointen ikä, mediaani (pv)",
    "Ensivastaus, mediaani (h)",
    "Ensivastaus, 90 % (h)",
    "Ratkaisuaika, mediaani (h)",
    "Ratkaisuaika, 90 % (h)",
    "Ensivastauksen tavoitteita",
    "Ensivastaus ajallaan (%)",
    "Ratkaisun tavoitteita",
    "Ratkaisu ajallaan (%)",
  ],
  sv: [
    "Grund",
    "Inkomna",
    "Lösta",
    "Öppna vid periodens slut",
    "Öppnas ålder, median (d)",
    "Första svar, median (h)",
    "Första svar, 90 % (h)",
    "Lösningstid, median (h)",
    "Lösningstid, 90 % (h)",
    "Mål för första svar",
    "Första svar i tid (%)",
    "Mål för lösning",
    "Lösning i tid (%)",
  ],
  en: [
    "Breakdown",
    "Received",
    "Resolved",
    "Open at end of period",
    "Backlog age, median (days)",
    "First response, median (h)",
    "First response, 90th percentile (h)",
    "Resolution, median (h)",
    "Resolution, 90th percentile (h)",
    "First response targets",
    "First response on time (%)",
    "Resolution targets",
    "Resolution on time (%)",
  ],
};
const totalName: Record<Language, string> = { fi: "Yhteensä", sv: "Totalt", en: "Total" };

/** Quotes a field when needed; a leading =, +, - or @ is defused so that a name cannot run as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function numbers(f: ReportFigures, language: Language): string[] {
  const n = (v: number | null) => (v === null ? "" : language === "en" ? String(v) : String(v).replace(".", ","));
  return [
    f.received,
    f.resolved,
    f.backlog,
    f.backlogAgeDays,
    f.firstResponseHours.median,
    f.firstResponseHours.p90,
    f.resolutionHours.median,
    f.resolutionHours.p90,
    f.firstResponseSla.measured,
    f.firstResponseSla.metPercent,
    f.resolutionSla.measured,
    f.resolutionSla.metPercent,
  ].map(n);
}

/** The CSV text of a summary, BOM first, CRLF line ends (RFC 4180). */
export function reportCsv(summary: ReportSummary): string {
  const lines = [
    headers[summary.language],
    ...summary.rows.map((r) => [field(r.name), ...numbers(r, summary.language)]),
    [field(totalName[summary.language]), ...numbers(summary.totals, summary.language)],
  ];
  return `\uFEFF${lines.map((l) => l.join(";")).join("\r\n")}\r\n`;
}

/** E.g. `raportti-group-2026-01-01-2026-01-31.csv` (ASCII only, safe in a header). */
export const reportFileName = (s: ReportSummary) =>
  `${{ fi: "raportti", sv: "rapport", en: "report" }[s.language]}-${s.by}-${s.from}-${s.to}.csv`;
