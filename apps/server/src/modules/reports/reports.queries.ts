/**
 * The one SQL statement behind a report summary: every figure is aggregated in the database
 * (GROUP BY with GROUPING SETS for the totals, percentile_cont for medians), on PGlite and
 * PostgreSQL alike. Only counts and times leave it.
 */
import type { ReportDimension } from "@yhteys/contracts";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { tickets } from "../../db/schema.ts";

/** Days, weeks and months begin at midnight in Finland, whatever the server's own time zone. */
export const REPORT_TIME_ZONE = "Europe/Helsinki";

/** Filters of a summary; each narrows the tickets counted. */
export type ReportFilters = {
  groupId?: string | undefined;
  categoryId?: string | undefined;
  areaId?: string | undefined;
  channel?: (typeof tickets.channel.enumValues)[number] | undefined;
  type?: (typeof tickets.type.enumValues)[number] | undefined;
};

/**
 * One aggregated row as the database returns it. `part` names the grouping set: `total` (the
 * empty set), `key` (a ticket attribute), or for calendar breakdowns the instant the row's
 * buckets come from (`created`, `resolved`, `responded`, `responseSettled`, `resolutionSettled`).
 */
export type FigureRow = {
  part: "total" | "key" | "created" | "resolved" | "responded" | "responseSettled" | "resolutionSettled";
  key: string | null;
  received: number;
  resolved: number;
  response_median: number | null;
  response_p90: number | null;
  resolution_median: number | null;
  resolution_p90: number | null;
  response_sla: number;
  response_sla_met: number;
  resolution_sla: number;
  resolution_sla_met: number;
  backlog: number;
  backlog_age: number | null;
  /** Open at the start of the period: the first calendar row's backlog builds on it. */
  opening: number;
};

const ticketKeys: Record<ReportDimension, SQL | null> = {
  group: sql`${tickets.groupId}::text`,
  category: sql`${tickets.categoryId}::text`,
  channel: sql`${tickets.channel}::text`,
  area: sql`${tickets.areaId}::text`,
  type: sql`${tickets.type}::text`,
  priority: sql`${tickets.priority}::text`,
  handler: sql`${tickets.handlerId}::text`,
  day: null,
  week: null,
  month: null,
};

/** The first day of the calendar bucket an instant falls in, as YYYY-MM-DD in Finnish time. */
const bucketOf = (unit: "day" | "week" | "month", at: SQL) =>
  sql`to_char(date_trunc(${unit}, ${at} AT TIME ZONE ${REPORT_TIME_ZONE}), 'YYYY-MM-DD')`;

/**
 * Aggregates the tickets in `scope` (a condition on `tickets`) over the days `from`..`to`
 * (inclusive), grouped by `by`. Merged duplicates are left out: the ticket they were merged into
 * carries on and is counted once.
 *
 * Every measure is tied to the instant it happened at: received at creation, resolved and
 * resolution time at resolution, first response time at the first response, a service-level
 * target when it was settled (met or missed by the response, or missed when its due time passed
 * unanswered). A breakdown by a ticket attribute is one pass (GROUPING SETS for the totals); a
 * calendar breakdown groups the period's tickets once per instant, each part with its own measures.
 */
export async function aggregateTickets(
  db: Db,
  scope: SQL,
  period: { from: string; to: string },
  by: ReportDimension,
  filters: ReportFilters,
): Promise<FigureRow[]> {
  return db.transaction(async (tx) => {
    // The sorts of the percentiles stay in memory; JIT compiling costs more than it saves here.
    // The period's instants are worked out once and sent as parameters, not repeated per row.
    const [bounds] = await queryRows<{ start: number; end: number }>(
      tx,
      sql`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
                 extract(epoch FROM ${period.from}::date::timestamp AT TIME ZONE ${REPORT_TIME_ZONE})::float8 AS start,
                 extract(epoch FROM (${period.to}::date + 1)::timestamp AT TIME ZONE ${REPORT_TIME_ZONE})::float8 AS end`,
    );
    const instant = (epoch: number | undefined) => new Date((epoch ?? 0) * 1000);
    return queryRows<FigureRow>(tx, summarySql(scope, instant(bounds?.start), instant(bounds?.end), by, filters));
  });
}

type Measure = keyof Omit<FigureRow, "part" | "key">;

/** The statement of `aggregateTickets` for the period from `startAt` to `endAt`. */
function summarySql(scope: SQL, startAt: Date, endAt: Date, by: ReportDimension, filters: ReportFilters): SQL {
  const start = sql`${startAt}::timestamptz`;
  const end = sql`${endAt}::timestamptz`;
  const where = and(
    scope,
    sql`${tickets.mergedIntoId} IS NULL`,
    filters.groupId ? eq(tickets.groupId, filters.groupId) : undefined,
    filters.categoryId ? eq(tickets.categoryId, filters.categoryId) : undefined,
    filters.areaId ? eq(tickets.areaId, filters.areaId) : undefined,
    filters.channel ? eq(tickets.channel, filters.channel) : undefined,
    filters.type ? eq(tickets.type, filters.type) : undefined,
    sql`${tickets.createdAt} < ${end}`,
    // Anything that happened in the period or is still open: later times are never before creation.
    sql`(${tickets.createdAt} >= ${start} OR ${tickets.resolvedAt} IS NULL OR ${tickets.resolvedAt} >= ${start} OR ${tickets.firstResponseAt} >= ${start})`,
  );
  const inPeriod = (at: string) => sql`${sql.raw(at)} >= ${start} AND ${sql.raw(at)} < ${end}`;
  const openAt = (instant: SQL) => sql`created_at < ${instant} AND (resolved_at IS NULL OR resolved_at >= ${instant})`;
  const hours = (later: string) => sql.raw(`extract(epoch FROM ${later} - created_at)::float8 / 3600`);
  const percentile = (p: number, at: string) =>
    sql`percentile_cont(${sql.raw(String(p))}) WITHIN GROUP (ORDER BY ${hours(at)}) FILTER (WHERE ${inPeriod(at)})`;
  const counted = (at: string, extra = sql``) => sql`count(*) FILTER (WHERE ${inPeriod(at)} ${extra})::int`;
  const measures: Record<Measure, SQL> = {
    received: counted("created_at"),
    resolved: counted("resolved_at"),
    response_median: percentile(0.5, "first_response_at"),
    response_p90: percentile(0.9, "first_response_at"),
    resolution_median: percentile(0.5, "resolved_at"),
    resolution_p90: percentile(0.9, "resolved_at"),
    response_sla: counted("response_settled"),
    response_sla_met: counted("response_settled", sql`AND first_response_at <= response_due`),
    resolution_sla: counted("resolution_settled"),
    resolution_sla_met: counted("resolution_settled", sql`AND resolved_at <= resolution_due`),
    backlog: sql`count(*) FILTER (WHERE ${openAt(end)})::int`,
    backlog_age: sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM least(${end}, now()) - created_at)::float8 / 86400)
      FILTER (WHERE ${openAt(end)})`,
    opening: sql`count(*) FILTER (WHERE ${openAt(start)})::int`,
  };
  /** The measures named in `only` (all by default), the others null, in FigureRow's order. */
  const select = (part: SQL, key: SQL, only?: Measure[]) =>
    sql`SELECT ${part} AS part, ${key} AS key, ${sql.join(
      (Object.keys(measures) as Measure[]).map((m) => sql`${only && !only.includes(m) ? sql`NULL` : measures[m]} AS ${sql.raw(m)}`),
      sql`, `,
    )}`;
  const ticketKey = ticketKeys[by];
  const rows = sql`SELECT ${ticketKey ?? sql`NULL::text`} AS key, ${tickets.createdAt} AS created_at,
           ${tickets.firstResponseAt} AS first_response_at, ${tickets.resolvedAt} AS resolved_at,
           ${tickets.firstResponseDueAt} AS response_due, ${tickets.resolutionDueAt} AS resolution_due,
           CASE WHEN ${tickets.firstResponseDueAt} IS NULL THEN NULL
                WHEN ${tickets.firstResponseAt} IS NOT NULL THEN ${tickets.firstResponseAt}
                WHEN ${tickets.resolvedAt} IS NULL AND ${tickets.firstResponseDueAt} < now() THEN ${tickets.firstResponseDueAt}
           END AS response_settled,
           CASE WHEN ${tickets.resolutionDueAt} IS NULL THEN NULL
                WHEN ${tickets.resolvedAt} IS NOT NULL THEN ${tickets.resolvedAt}
                WHEN ${tickets.resolutionDueAt} < now() THEN ${tickets.resolutionDueAt}
           END AS resolution_settled
      FROM ${tickets} WHERE ${where}`;
  if (ticketKey)
    return sql`${select(sql`CASE WHEN grouping(key) = 1 THEN 'total' ELSE 'key' END`, sql`key`)}
      FROM (${rows}) AS t GROUP BY GROUPING SETS ((key), ())`;
  const unit = by as "day" | "week" | "month";
  const parts = calendarParts.map(
    (c) => sql`${select(sql`${c.part}`, bucketOf(unit, sql.raw(c.at)), [...c.measures])} FROM t WHERE ${inPeriod(c.at)} GROUP BY 2`,
  );
  return sql`WITH t AS MATERIALIZED (${rows})
    ${select(sql`'total'`, sql`NULL::text`)} FROM t
    UNION ALL ${sql.join(parts, sql` UNION ALL `)}`;
}

/** The parts of a calendar breakdown: the instant each buckets by and the measures it gives. */
const calendarParts = [
  { part: "created", at: "created_at", measures: ["received"] },
  { part: "resolved", at: "resolved_at", measures: ["resolved", "resolution_median", "resolution_p90"] },
  { part: "responded", at: "first_response_at", measures: ["response_median", "response_p90"] },
  { part: "responseSettled", at: "response_settled", measures: ["response_sla", "response_sla_met"] },
  { part: "resolutionSettled", at: "resolution_settled", measures: ["resolution_sla", "resolution_sla_met"] },
] as const;
