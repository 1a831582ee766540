/**
 * The one SQL statement behind a report summary: every figure is aggregated in the database
 * (GROUP BY with GROUPING SETS for the totals, percentile_cont for medians), on PGlite and
 * PostgreSQL alike. Only counts and times leave it.
 */
import type { ReportDimension } from "@yhteys/contracts";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../db/client.ts";
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

/** One aggregated row as the database returns it; `total` marks the totals (the empty grouping set). */
export type FigureRow = {
  part: "flow" | "backlog";
  key: string | null;
  total: boolean;
  received: number | null;
  resolved: number | null;
  response_median: number | null;
  response_p90: number | null;
  resolution_median: number | null;
  resolution_p90: number | null;
  response_sla: number | null;
  response_sla_met: number | null;
  resolution_sla: number | null;
  resolution_sla_met: number | null;
  backlog: number | null;
  backlog_age: number | null;
  /** Open at the start of the period: the first calendar row's backlog builds on it. */
  opening: number | null;
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
 * Every measure is tied to the instant it happened at, so that a calendar breakdown puts each in
 * its own bucket: received at creation, resolved and resolution time at resolution, first
 * response time at the first response, a service-level target when it was settled (met or
 * missed by the response, or missed when its due time passed unanswered).
 */
export async function aggregateTickets(
  db: Queryable,
  scope: SQL,
  period: { from: string; to: string },
  by: ReportDimension,
  filters: ReportFilters,
): Promise<FigureRow[]> {
  const start = sql`(${period.from}::date::timestamp AT TIME ZONE ${REPORT_TIME_ZONE})`;
  const end = sql`((${period.to}::date + 1)::timestamp AT TIME ZONE ${REPORT_TIME_ZONE})`;
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
  const ticketKey = ticketKeys[by];
  const eventKey = ticketKey ? sql`t.k` : bucketOf(by as "day" | "week" | "month", sql`e.at`);
  const openAt = (instant: SQL) => sql`t.created_at < ${instant} AND (t.resolved_at IS NULL OR t.resolved_at >= ${instant})`;
  const hours = (later: SQL) => sql`extract(epoch FROM ${later} - t.created_at)::float8 / 3600`;
  const percentile = (p: number, kind: number) =>
    sql`percentile_cont(${sql.raw(String(p))}) WITHIN GROUP (ORDER BY hours) FILTER (WHERE kind = ${sql.raw(String(kind))})`;
  const counted = (kind: number, extra = sql``) => sql`count(*) FILTER (WHERE kind = ${sql.raw(String(kind))} ${extra})::int`;
  return queryRows<FigureRow>(
    db,
    sql`WITH t AS MATERIALIZED (
          SELECT ${ticketKey ?? sql`NULL::text`} AS k, ${tickets.createdAt} AS created_at, ${tickets.firstResponseAt} AS first_response_at,
                 ${tickets.resolvedAt} AS resolved_at, ${tickets.firstResponseDueAt} AS response_due, ${tickets.resolutionDueAt} AS resolution_due
            FROM ${tickets} WHERE ${where}),
        ev AS (
          SELECT ${eventKey} AS k, e.kind, e.hours, e.met
            FROM t CROSS JOIN LATERAL (VALUES
              (1, t.created_at, NULL::float8, NULL::boolean),
              (2, t.resolved_at, ${hours(sql`t.resolved_at`)}, NULL),
              (3, t.first_response_at, ${hours(sql`t.first_response_at`)}, NULL),
              (4, CASE WHEN t.response_due IS NULL THEN NULL
                       WHEN t.first_response_at IS NOT NULL THEN t.first_response_at
                       WHEN t.resolved_at IS NULL AND t.response_due < now() THEN t.response_due END,
                  NULL, coalesce(t.first_response_at <= t.response_due, false)),
              (5, CASE WHEN t.resolution_due IS NULL THEN NULL
                       WHEN t.resolved_at IS NOT NULL THEN t.resolved_at
                       WHEN t.resolution_due < now() THEN t.resolution_due END,
                  NULL, coalesce(t.resolved_at <= t.resolution_due, false))
            ) AS e(kind, at, hours, met)
           WHERE e.at >= ${start} AND e.at < ${end})
        SELECT 'flow' AS part, k AS key, grouping(k) = 1 AS total,
               ${counted(1)} AS received, ${counted(2)} AS resolved,
               ${percentile(0.5, 3)} AS response_median, ${percentile(0.9, 3)} AS response_p90,
               ${percentile(0.5, 2)} AS resolution_median, ${percentile(0.9, 2)} AS resolution_p90,
               ${counted(4)} AS response_sla, ${counted(4, sql`AND met`)} AS response_sla_met,
               ${counted(5)} AS resolution_sla, ${counted(5, sql`AND met`)} AS resolution_sla_met,
               NULL::int AS backlog, NULL::float8 AS backlog_age, NULL::int AS opening
          FROM ev GROUP BY GROUPING SETS ((k), ())
        UNION ALL
        SELECT 'backlog', t.k, grouping(t.k) = 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               count(*) FILTER (WHERE ${openAt(end)})::int,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM least(${end}, now()) - t.created_at)::float8 / 86400)
                 FILTER (WHERE ${openAt(end)}),
               count(*) FILTER (WHERE ${openAt(start)})::int
          FROM t GROUP BY GROUPING SETS ((t.k), ())`,
  );
}
