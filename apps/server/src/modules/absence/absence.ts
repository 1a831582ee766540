/**
 * Experts' working hours and absences (REQUIREMENTS M6): when a rule routes a ticket to a person
 * who is on leave or off duty, the ticket goes to their substitute (if one is set and at work) or
 * else to the group's queue, and the ticket's history says why.
 */
import type { BusinessCalendar } from "@yhteys/contracts";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { businessCalendars, groupMemberships, handlerGroups, users } from "../../db/schema.ts";
import { isOpenAt } from "../sla/calendar.ts";

/** Roles that take tickets (and so have absences); viewers, reporters and internal customers never do. */
export const takesTickets = (role: string) => !["viewer", "reporter", "internal_customer"].includes(role);

/** A calendar with no opening hours at all (within two years) is never open, not an error. */
function openAt(calendar: BusinessCalendar, now: Date): boolean {
  try {
    return isOpenAt(calendar, now);
  } catch {
    return false;
  }
}

/** Why a person cannot take a ticket now: on leave, or outside their weekly working hours. */
export type Unavailability = "absent" | "off_duty";

export type PersonSchedule = {
  absentFrom: Date | null;
  absentUntil: Date | null;
  /** The person's weekly working hours; null means no schedule (always at work unless absent). */
  calendar: BusinessCalendar | null;
};

/** Whether a person is away at `now`, and why; null when they are at work. */
export function unavailability(person: PersonSchedule, now: Date): Unavailability | null {
  const { absentFrom: from, absentUntil: until } = person;
  // "From" alone is open-ended; "until" alone starts at once.
  if ((from || until) && (!from || from.getTime() <= now.getTime()) && (!until || until.getTime() > now.getTime())) return "absent";
  if (person.calendar && !openAt(person.calendar, now)) return "off_duty";
  return null;
}

/** A routing to a person that did not reach them, for the ticket's history. */
export type Diversion = { handlerId: string; reason: Unavailability; substituteId: string | null };

export type PersonRouting = { handlerId: string | null; groupId: string | null; diverted?: Diversion };

type Person = PersonSchedule & { id: string; substituteId: string | null; active: boolean };

async function peopleOf(db: Queryable, organisationId: string, ids: string[]): Promise<Map<string, Person>> {
  const rows = await db
    .select({
      id: users.id,
      active: users.active,
      absentFrom: users.absentFrom,
      absentUntil: users.absentUntil,
      substituteId: users.substituteId,
      calendar: businessCalendars.calendar,
    })
    .from(users)
    .leftJoin(businessCalendars, eq(businessCalendars.id, users.workingCalendarId))
    .where(and(eq(users.organisationId, organisationId), inArray(users.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Where a ticket routed to `handlerId` (with `groupId` decided so far, null if no group was named)
 * really goes at `now`: to the person when at work, else to their substitute when the substitute
 * is at work, else to `groupId` or the person's first group, with no handler.
 */
export async function routeToPerson(
  db: Queryable,
  organisationId: string,
  handlerId: string,
  groupId: string | null,
  now = new Date(),
): Promise<PersonRouting> {
  const people = await peopleOf(db, organisationId, [handlerId]);
  const person = people.get(handlerId);
  const reason = person ? unavailability(person, now) : null;
  if (!person || !reason) return { handlerId, groupId };
  if (person.substituteId) {
    const substitute = (await peopleOf(db, organisationId, [person.substituteId])).get(person.substituteId);
    if (substitute?.active && !unavailability(substitute, now))
      return { handlerId: substitute.id, groupId, diverted: { handlerId, reason, substituteId: substitute.id } };
  }
  const [membership] = groupId
    ? []
    : await db
        .select({ groupId: groupMemberships.groupId })
        .from(groupMemberships)
        .where(eq(groupMemberships.userId, handlerId))
        .orderBy(asc(groupMemberships.groupId))
        .limit(1);
  return { handlerId: null, groupId: groupId ?? membership?.groupId ?? null, diverted: { handlerId, reason, substituteId: null } };
}

/**
 * Whether each of these people is away now, and until when if absent, as the handler pickers show
 * them (`UserSummary.away`, `absentUntil`).
 */
export async function awayNow(
  db: Queryable,
  organisationId: string,
  ids: string[],
  now = new Date(),
): Promise<(id: string) => { away: Unavailability | null; absentUntil: string | null }> {
  const people = ids.length ? await peopleOf(db, organisationId, ids) : new Map<string, Person>();
  return (id) => {
    const person = people.get(id);
    const away = person ? unavailability(person, now) : null;
    return { away, absentUntil: away === "absent" && person?.absentUntil ? person.absentUntil.toISOString() : null };
  };
}

/**
 * The group's active members who take tickets and are at work at `now` (not absent, within their
 * working hours), by id; for a flagged ticket only those who may open it (members of a group with
 * sensitive access).
 */
export async function membersAtWork(
  db: Queryable,
  organisationId: string,
  groupId: string,
  options: { sensitive: boolean; now: Date },
): Promise<string[]> {
  const rows = await db
    .select({
      id: users.id,
      role: users.role,
      absentFrom: users.absentFrom,
      absentUntil: users.absentUntil,
      calendar: businessCalendars.calendar,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .leftJoin(businessCalendars, eq(businessCalendars.id, users.workingCalendarId))
    .where(
      and(
        eq(groupMemberships.groupId, groupId),
        eq(users.organisationId, organisationId),
        eq(users.active, true),
        options.sensitive
          ? sql`EXISTS (SELECT 1 FROM ${groupMemberships} m JOIN ${handlerGroups} g ON g.id = m.group_id
                WHERE m.user_id = ${users.id} AND g.sensitive_access)`
          : undefined,
      ),
    )
    .orderBy(asc(users.id));
  return rows.filter((r) => takesTickets(r.role) && !unavailability(r, options.now)).map((r) => r.id);
}
