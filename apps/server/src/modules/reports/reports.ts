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
  const flow = rows.filter((r) => r.part === "flow");
  const backlog = rows.filter((r) => r.part === "backlog");
  const totalsOf = (part: FigureRow[]) => part.find((r) => r.total);
  const totals = figures(totalsOf(flow), totalsOf(backlog));

  const isTime = timeDimensions.includes(query.by);
  const keys = isTime ? buckets(query.by, period) : [...new Set(rows.filter((r) => !r.total).map((r) => r.key))];
  const names = await namesOf(db, actor.organisationId, query.by, keys, language);
  let open = totalsOf(backlog)?.opening ?? 0;
  const out: ReportRow[] = keys.map((key) => {
    const row = figures(
      flow.find((r) => !r.total && r.key === key),
      isTime ? undefined : backlog.find((r) => !r.total && r.key === key),
    );
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

/** The figures of one row from its flow and backlog parts (either may be missing: nothing happened). */
function figures(flow: FigureRow | undefined, backlog: FigureRow | undefined): ReportFigures {
  return {
    received: flow?.received ?? 0,
    resolved: flow?.resolved ?? 0,
    backlog: backlog?.backlog ?? 0,
    backlogAgeDays: round(backlog?.backlog_age),
    firstResponseHours: { median: round(flow?.response_median), p90: round(flow?.response_p90) },
    resolutionHours: { median: round(flow?.resolution_median), p90: round(flow?.resolution_p90) },
    firstResponseSla: { measured: flow?.response_sla ?? 0, metPercent: percent(flow?.response_sla_met, flow?.response_sla) },
    resolutionSla: { measured: flow?.resolution_sla ?? 0, metPercent: percent(flow?.resolution_sla_met, flow?.resolution_sla) },
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
