/**
 * Received vs resolved per row as pairs of CSS bars. The bars are decoration for sighted users:
 * they are hidden from assistive technology, and the figure's caption points to the table, which
 * holds the same figures (the text alternative).
 */
import type { ReportRow } from "@yhteys/contracts";
import { useI18n } from "../i18n.ts";

/** More rows than this make the chart too long to read; the table still has them all. */
const MAX_ROWS = 62;

export function ReportChart({ rows, breakdown }: { rows: ReportRow[]; breakdown: string }) {
  const { t, formatNumber } = useI18n();
  if (rows.length === 0 || rows.length > MAX_ROWS) return null;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.received, r.resolved)));
  const width = (n: number) => `${(100 * n) / max}%`;
  return (
    <figure className="report-chart">
      <figcaption>{t("reports.chart", { by: breakdown })}</figcaption>
      <div aria-hidden="true">
        <p className="report-legend">
          <span className="report-swatch received" /> {t("reports.received")} <span className="report-swatch resolved" />{" "}
          {t("reports.resolved")}
        </p>
        {rows.map((r) => (
          <div className="report-bars" key={r.key ?? ""}>
            <span className="report-bar-label">{r.name}</span>
            <span className="report-bar-pair">
              <span className="report-bar received" style={{ width: width(r.received) }} />
              <span className="report-bar-value">{formatNumber(r.received)}</span>
              <span className="report-bar resolved" style={{ width: width(r.resolved) }} />
              <span className="report-bar-value">{formatNumber(r.resolved)}</span>
            </span>
          </div>
        ))}
      </div>
    </figure>
  );
}
