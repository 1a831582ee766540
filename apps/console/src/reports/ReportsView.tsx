/**
 * The reports page (raportit, REQUIREMENTS R2): a period with quick choices, filters and a
 * breakdown, all kept in the address; the figures as a table with the totals, a bar chart of
 * received vs resolved, and the same report as CSV. Loaded lazily: not part of the first load.
 */
import type { LocalizedText, ReportFigures, ReportRow } from "@yhteys/contracts";
import { channels, reportDimensions, ticketTypes } from "@yhteys/contracts/constants";
import { useCallback, useId } from "react";
import { useAdminList, useAdminPage } from "../admin/useAdminList.tsx";
import { channelName, name, typeName } from "../format.ts";
import { type T, useI18n } from "../i18n.ts";
import { navigate, reportsPath } from "../router.ts";
import { ReportChart } from "./ReportChart.tsx";
import { breakdownOf, quickPeriod, quickPeriods, type ReportParam, reportSearch, withParam } from "./reportParams.ts";
import { reportCsvUrl, reportOptions, reportSummary } from "./reports.api.ts";
import "./reports.css";
import "./reports.texts.ts";

export function ReportsView({ search }: { search: URLSearchParams }) {
  const { t, language, formatDate } = useI18n();
  const prefix = useId();
  const query = reportSearch(search);
  query.set("lang", language);
  const key = query.toString();
  const loadSummary = useCallback(() => reportSummary(new URLSearchParams(key)), [key]);
  const summary = useAdminList(loadSummary);
  const options = useAdminList(reportOptions, { loading: false });
  const heading = useAdminPage(t("reports.nav"), summary.data !== null);
  const by = breakdownOf(search);
  const change = (changes: Partial<Record<ReportParam, string>>, replace = false) =>
    navigate(reportsPath(withParam(search, changes)), { replace });
  const data = summary.data;
  const byName = t(`reports.by.${by}`);

  const select = (param: ReportParam, label: string, values: { value: string; label: string }[], all = true) => (
    <div className="field">
      <label htmlFor={`${prefix}${param}`}>{label}</label>
      <select id={`${prefix}${param}`} value={search.get(param) ?? (all ? "" : by)} onChange={(e) => change({ [param]: e.target.value })}>
        {all && <option value="">{t("reports.all")}</option>}
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </div>
  );
  const named = (items: { id: string; name: LocalizedText }[] | undefined) =>
    (items ?? []).map((i) => ({ value: i.id, label: name(i.name, language) })).sort((a, b) => a.label.localeCompare(b.label, language));

  return (
    <section className="admin-view" aria-labelledby={`${prefix}heading`}>
      <h1 id={`${prefix}heading`} ref={heading} tabIndex={-1}>
        {t("reports.nav")}
      </h1>
      <p className="muted">{t("reports.intro")}</p>
      <form className="report-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t("reports.period")}</legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${prefix}from`}>{t("reports.from")}</label>
              <input
                id={`${prefix}from`}
                type="date"
                value={search.get("from") ?? data?.from ?? ""}
                onChange={(e) => change({ from: e.target.value }, true)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${prefix}to`}>{t("reports.to")}</label>
              <input
                id={`${prefix}to`}
                type="date"
                value={search.get("to") ?? data?.to ?? ""}
                onChange={(e) => change({ to: e.target.value }, true)}
              />
            </div>
          </div>
          <fieldset className="button-row">
            <legend className="visually-hidden">{t("reports.quick")}</legend>
            {quickPeriods.map((q) => (
              <button key={q} type="button" className="button secondary" onClick={() => change(quickPeriod(q))}>
                {t(`reports.quick.${q}`)}
              </button>
            ))}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t("reports.filters")}</legend>
          <div className="field-row">
            {select("groupId", t("reports.filter.group"), named(options.data?.groups))}
            {select("categoryId", t("reports.filter.category"), named(options.data?.categories))}
            {select("areaId", t("reports.filter.area"), named(options.data?.areas))}
            {select(
              "channel",
              t("reports.filter.channel"),
              channels.map((c) => ({ value: c, label: channelName(t, c) })),
            )}
            {select(
              "type",
              t("reports.filter.type"),
              ticketTypes.map((x) => ({ value: x, label: typeName(t, x) })),
            )}
            {select(
              "by",
              t("reports.by"),
              reportDimensions.map((d) => ({ value: d, label: t(`reports.by.${d}`) })),
              false,
            )}
          </div>
        </fieldset>
      </form>
      {summary.status}
      {data && (
        <>
          <p>
            <a className="button secondary" href={reportCsvUrl(new URLSearchParams(key))} download>
              {t("reports.csv")}
            </a>
          </p>
          <ReportChart rows={data.rows} breakdown={byName} />
          {data.rows.length === 0 && <p className="muted">{t("reports.empty")}</p>}
          {/* A wide table scrolls sideways: the region takes focus so that the keyboard can scroll it. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-scroll" aria-labelledby={`${prefix}caption`} tabIndex={0}>
            <table className="tickets report">
              <caption id={`${prefix}caption`}>
                {t("reports.caption", { by: byName, from: formatDate(data.from), to: formatDate(data.to) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{byName}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c} title={c.endsWith("Sla") ? t("reports.slaTitle") : undefined}>
                      {t(`reports.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r: ReportRow) => (
                  <tr key={r.key ?? ""}>
                    <th scope="row">{r.name}</th>
                    <Figures figures={r} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("reports.total")}</th>
                  <Figures figures={data.totals} />
                </tr>
              </tfoot>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

const columns = [
  "received",
  "resolved",
  "backlog",
  "backlogAge",
  "responseMedian",
  "responseP90",
  "resolutionMedian",
  "resolutionP90",
  "responseSla",
  "resolutionSla",
] as const;

/** The cells of one row's figures, formatted for the language; "–" where nothing was measured. */
function Figures({ figures: f }: { figures: ReportFigures }) {
  const { t, formatNumber } = useI18n();
  const n = (v: number | null) => (v === null ? t("reports.none") : formatNumber(v));
  const sla = (s: ReportFigures["firstResponseSla"]) => slaText(t, s, n);
  return (
    <>
      <td>{n(f.received)}</td>
      <td>{n(f.resolved)}</td>
      <td>{n(f.backlog)}</td>
      <td>{n(f.backlogAgeDays)}</td>
      <td>{n(f.firstResponseHours.median)}</td>
      <td>{n(f.firstResponseHours.p90)}</td>
      <td>{n(f.resolutionHours.median)}</td>
      <td>{n(f.resolutionHours.p90)}</td>
      <td>{sla(f.firstResponseSla)}</td>
      <td>{sla(f.resolutionSla)}</td>
    </>
  );
}

const slaText = (t: T, s: ReportFigures["firstResponseSla"], n: (v: number | null) => string) =>
  s.metPercent === null ? t("reports.none") : t("reports.sla", { percent: n(s.metPercent), count: n(s.measured) });
