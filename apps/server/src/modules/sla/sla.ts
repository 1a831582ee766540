/**
 * Service-level targets (REQUIREMENTS M6): each ticket gets due times for its first response and
 * its resolution, in working time of its group's calendar, from the most specific policy. While
 * the ticket waits for the customer the clocks stand still: leaving that state moves both due
 * times on by the working time spent waiting.
 */
import type { BusinessCalendar, Priority, SlaStatus } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { businessCalendars, handlerGroups, slaPolicies } from "../../db/schema.ts";
import { addBusinessMinutes, businessMinutesBetween } from "./calendar.ts";

type Policy = typeof slaPolicies.$inferSelect;
export type SlaSettings = {
  policies: Policy[];
  /** The calendar of each group that has one of its own. */
  groupCalendars: Map<string, BusinessCalendar>;
  defaultCalendar: BusinessCalendar | null;
};
export type DueTimes = { firstResponseDueAt: Date | null; resolutionDueAt: Date | null };
export type SlaClock = { dueAt: string | null; status: SlaStatus };

/** Settings change rarely and every new ticket needs them: kept per process for a short while. */
const SETTINGS_TTL_MS = 30_000;
const cache = new Map<string, { settings: SlaSettings; until: number }>();

/** The organisation's SLA policies and calendars (cached for SETTINGS_TTL_MS). */
export async function slaSettingsOf(db: Queryable, organisationId: string): Promise<SlaSettings> {
  const hit = cache.get(organisationId);
  if (hit && hit.until > Date.now()) return hit.settings;
  // One after another: `db` may be a transaction, whose client runs one query at a time.
  const policies = await db.select().from(slaPolicies).where(eq(slaPolicies.organisationId, organisationId));
  const calendars = await db.select().from(businessCalendars).where(eq(businessCalendars.organisationId, organisationId));
  const groups = await db
    .select({ id: handlerGroups.id, calendarId: handlerGroups.calendarId })
    .from(handlerGroups)
    .where(eq(handlerGroups.organisationId, organisationId));
  const byId = new Map(calendars.map((c) => [c.id, c.calendar]));
  const settings: SlaSettings = {
    policies,
    groupCalendars: new Map(
      groups.flatMap((g) => (g.calendarId && byId.has(g.calendarId) ? [[g.id, byId.get(g.calendarId) as BusinessCalendar]] : [])),
    ),
    defaultCalendar: calendars.find((c) => c.isDefault)?.calendar ?? null,
  };
  cache.set(organisationId, { settings, until: Date.now() + SETTINGS_TTL_MS });
  return settings;
}

/** Drops this process's cached settings after an admin changed them (other processes follow within the TTL). */
export function forgetSlaSettings(organisationId: string) {
  cache.delete(organisationId);
}

/** The policy for a category and priority: both, category, priority, then the default. */
function policyFor(settings: SlaSettings, categoryId: string, priority: Priority): Policy | undefined {
  const match = (c: string | null, p: Priority | null) => settings.policies.find((x) => x.categoryId === c && x.priority === p);
  return match(categoryId, priority) ?? match(categoryId, null) ?? match(null, priority) ?? match(null, null);
}

const calendarFor = (settings: SlaSettings, groupId: string | null) =>
  (groupId ? settings.groupCalendars.get(groupId) : undefined) ?? settings.defaultCalendar;

/** Due times of a ticket started at `start` (its creation); none without a policy or calendar. */
export function dueTimes(
  settings: SlaSettings,
  ticket: { categoryId: string; priority: Priority; groupId: string | null },
  start: Date,
): DueTimes {
  const policy = policyFor(settings, ticket.categoryId, ticket.priority);
  const calendar = calendarFor(settings, ticket.groupId);
  if (!policy || !calendar) return { firstResponseDueAt: null, resolutionDueAt: null };
  return {
    firstResponseDueAt: addBusinessMinutes(calendar, start, policy.firstResponseMinutes),
    resolutionDueAt: addBusinessMinutes(calendar, start, policy.resolutionMinutes),
  };
}

/** Due times moved on by the working time between `pausedAt` and `now` (the wait for the customer). */
export function resumedDueTimes(settings: SlaSettings, ticket: DueTimes & { groupId: string | null }, pausedAt: Date, now: Date): DueTimes {
  const calendar = calendarFor(settings, ticket.groupId);
  if (!calendar) return ticket;
  const waited = businessMinutesBetween(calendar, pausedAt, now);
  const shift = (due: Date | null) => (due ? addBusinessMinutes(calendar, due, waited) : null);
  return { firstResponseDueAt: shift(ticket.firstResponseDueAt), resolutionDueAt: shift(ticket.resolutionDueAt) };
}

/** Within this much (wall-clock) time of its due time an unmet target is shown as a warning. */
export const SLA_WARNING_MS = 4 * 3_600_000;

/**
 * Where one target stands: met (done in time), breached (done late, or overdue), warning (due
 * soon), ok, or none (no target). While paused, the clock is read at the moment it stopped.
 */
export function slaClock(dueAt: Date | null, doneAt: Date | null, pausedAt: Date | null, now = new Date()): SlaClock {
  if (!dueAt) return { dueAt: null, status: "none" };
  const at = pausedAt ?? now;
  const status: SlaStatus = doneAt
    ? doneAt <= dueAt
      ? "met"
      : "breached"
    : at > dueAt
      ? "breached"
      : !pausedAt && dueAt.getTime() - at.getTime() < SLA_WARNING_MS
        ? "warning"
        : "ok";
  return { dueAt: dueAt.toISOString(), status };
}
