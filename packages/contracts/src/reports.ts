/**
 * Reports (REQUIREMENTS R1, R2): aggregate figures of tickets over a period, broken down by one
 * dimension. Only counts, medians and shares leave the server: no resident's data.
 */
import { z } from "zod";
import { Language, LocalizedText, Uuid } from "./common.ts";
import { channels, reportDimensions, ticketTypes } from "./constants.ts";

/** The query of a summary and its CSV export. `from` and `to` are days in Finnish time, both included. */
export const ReportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    by: z.enum(reportDimensions).default("group"),
    groupId: Uuid.optional(),
    categoryId: Uuid.optional(),
    areaId: Uuid.optional(),
    channel: z.enum(channels).optional(),
    type: z.enum(ticketTypes).optional(),
    /** Language of the names of groups, categories, areas and buckets; the user's own by default. */
    lang: Language.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });
export type ReportQuery = z.input<typeof ReportQuery>;

/** The measures of one row (or of the totals). Times are hours, ages days, SLA shares percent; null when nothing was measured. */
export const ReportFigures = z.object({
  /** Tickets created in the period. */
  received: z.number().int(),
  /** Tickets resolved or closed in the period (their last resolution). */
  resolved: z.number().int(),
  /** Tickets open at the end of the period (or of the row's day, week or month). */
  backlog: z.number().int(),
  /** Median age in days of the backlog at the end of the period; null for calendar rows. */
  backlogAgeDays: z.number().nullable(),
  /** From creation to first response, for tickets first answered in the period. */
  firstResponseHours: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  /** From creation to resolution, for tickets resolved in the period. */
  resolutionHours: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  /** Service-level targets settled in the period and the share met. */
  firstResponseSla: z.object({ measured: z.number().int(), metPercent: z.number().nullable() }),
  resolutionSla: z.object({ measured: z.number().int(), metPercent: z.number().nullable() }),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportRow = ReportFigures.extend({
  /** The id, code or bucket start date (YYYY-MM-DD) of the value; null for tickets without one (no group, area or handler). */
  key: z.string().nullable(),
  /** The value's name in the asked language. */
  name: z.string(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportSummary = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(reportDimensions),
  language: Language,
  /** The figures' time zone: days, weeks and months begin at midnight there. */
  timeZone: z.string(),
  totals: ReportFigures,
  rows: z.array(ReportRow),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

/** What the report filters offer: the groups (a content admin's own), the categories tickets are filed in, the areas. */
export const ReportOptions = z.object({
  groups: z.array(z.object({ id: Uuid, name: LocalizedText })),
  categories: z.array(z.object({ id: Uuid, name: LocalizedText })),
  areas: z.array(z.object({ id: Uuid, name: LocalizedText })),
});
export type ReportOptions = z.infer<typeof ReportOptions>;
