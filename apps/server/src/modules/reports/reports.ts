/**
 * Report summaries (REQUIREMENTS R1, R2): the figures of a period, in total and broken down by one
 * dimension, for the roles that read reports (`reportScope`). Aggregates only.
 */
import {
  type Language,
  REPORT_MAX_DAYS,
  type ReportDimension,
  type ReportFigures,
  type ReportQuery,
  type ReportRow,
  type ReportSummary,
  timeDimensions,
} from "@yhteys/contracts";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";
import { reportScope } from "../tickets/tickets.access.ts";
import { namesOf } from "./report-names.ts";
import { aggregateTickets, type FigureRow, REPORT_TIME_ZONE } from "./reports.queries.ts";

/** The default period: the last 30 days, today included. */
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

/** Today in Finnish time, as YYYY-MM-DD. */
const today = (now: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: REPORT_TIME_ZONE }).format(now);
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The period asked for, with the defaults filled in; a period longer than REPORT_MAX_DAYS is refused. */
export function reportPeriod(query: { from?: string | undefined; to?: string | undefined }, now = new Date()) {
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_DAYS - 1) : today(now));
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  const invalid = (path: string, message: string) => new AppError("validation_failed", message, [{ path, message }]);
  if (from > to) throw invalid("from", "from must not be after to");
  if (daysBetween(from, to) + 1 > REPORT_MAX_DAYS) throw invalid("to", `a report covers at most ${REPORT_MAX_DAYS} days`);
  return { from, to };
}

/** The summary of the asked period and breakdown; 403 for roles that read no reports. */
export async function reportSummary(db: Db, actor: StaffActor, query: z.output<typeof ReportQuery>): Promise<ReportSummary> {
  const scope = reportScope(actor);
  if (!scope) throw forbidden("Your role does not read reports");
  const period = reportPeriod(query);
  const language: Language = query.lang ?? actor.language;
  const rows = await aggregateTickets(db, scope, period, query.by, query);
  const totalsRow = rows.find((r) => r.part === "total");
  const totals = figures(totalsRow);
  const isTime = timeDimensions.includes(query.by);
  const keys = isTime ? buckets(query.by, period) : rows.filter((r) => r.part === "key").map((r) => r.key);
  const names = await namesOf(db, actor.organisationId, query.by, keys, language);
  let open = totalsRow?.opening ?? 0;
  const out: ReportRow[] = keys.map((key) => {
    const row = isTime ? calendarFigures(rows, key) : figures(rows.find((r) => r.part === "key" && r.key === key));
    if (isTime) {
      // Open at the end of the bucket: those open at the start, plus received, less resolved, so far.
      open += row.received - row.resolved;
      row.backlog = open;
    }
    return { key, name: names.get(key) ?? key ?? "", ...row };
  });
  if (!isTime) out.sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, language));
  return { from: period.from, to: period.to, by: query.by, language, timeZone: REPORT_TIME_ZONE, totals, rows: out };
}

const round = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? null : Number(n.toFixed(digits)));
const percent = (met: number | null | undefined, measured: number | null | undefined) =>
  measured ? round((100 * (met ?? 0)) / measured) : null;

/** The figures of one aggregated row (missing: nothing happened). */
function figures(r: FigureRow | undefined): ReportFigures {
  return {
    received: r?.received ?? 0,
    resolved: r?.resolved ?? 0,
    backlog: r?.backlog ?? 0,
    backlogAgeDays: round(r?.backlog_age),
    firstResponseHours: { median: round(r?.response_median), p90: round(r?.response_p90) },
    resolutionHours: { median: round(r?.resolution_median), p90: round(r?.resolution_p90) },
    firstResponseSla: { measured: r?.response_sla ?? 0, metPercent: percent(r?.response_sla_met, r?.response_sla) },
    resolutionSla: { measured: r?.resolution_sla ?? 0, metPercent: percent(r?.resolution_sla_met, r?.resolution_sla) },
  };
}

/** A calendar row: each measure from the grouping set of its own instant (the backlog is added by the caller). */
function calendarFigures(rows: FigureRow[], key: string | null): ReportFigures {
  const of = (part: FigureRow["part"]) => figures(rows.find((r) => r.part === part && r.key === key));
  const resolved = of("resolved");
  return {
    received: of("created").received,
    resolved: resolved.resolved,
    backlog: 0,
    backlogAgeDays: null,
    firstResponseHours: of("responded").firstResponseHours,
    resolutionHours: resolved.resolutionHours,
    firstResponseSla: of("responseSettled").firstResponseSla,
    resolutionSla: of("resolutionSettled").resolutionSla,
  };
}

/** Every day, week (from Monday) or month of the period, by its first day, so that quiet ones show as zeros. */
function buckets(by: ReportDimension, period: { from: string; to: string }): string[] {
  const first = (day: string) => {
    if (by === "month") return `${day.slice(0, 7)}-01`;
    if (by === "week") return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    return day;
  };
  const next = (day: string) => {
    if (by === "day") return addDays(day, 1);
    if (by === "week") return addDays(day, 7);
    const d = new Date(`${day}T00:00:00Z`);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  };
  const out: string[] = [];
  for (let day = first(period.from); day <= period.to; day = next(day)) out.push(day);
  return out;
}
