/**
 * Setting absences and working hours: each person their own, technical admins anyone's. An admin's
 * change to someone else is an admin change in the audit log.
 */
import type { Absence, AbsenceSettings } from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.ts";
import { businessCalendars, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { takesTickets, unavailability } from "./absence.ts";

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

async function settingsOf(db: Queryable, organisationId: string, userId: string): Promise<AbsenceSettings> {
  const [row] = await db
    .select({
      absentFrom: users.absentFrom,
      absentUntil: users.absentUntil,
      substituteId: users.substituteId,
      workingCalendarId: users.workingCalendarId,
      calendar: businessCalendars.calendar,
    })
    .from(users)
    .leftJoin(businessCalendars, eq(businessCalendars.id, users.workingCalendarId))
    .where(and(eq(users.organisationId, organisationId), eq(users.id, userId)));
  if (!row) throw notFound("The user");
  const calendars = await db
    .select({ id: businessCalendars.id, name: businessCalendars.name })
    .from(businessCalendars)
    .where(eq(businessCalendars.organisationId, organisationId))
    .orderBy(asc(businessCalendars.createdAt));
  return {
    absence: {
      absentFrom: isoOrNull(row.absentFrom),
      absentUntil: isoOrNull(row.absentUntil),
      substituteId: row.substituteId,
      workingCalendarId: row.workingCalendarId,
    },
    away: unavailability(row, new Date()),
    calendars,
  };
}

async function assertValid(db: Queryable, organisationId: string, userId: string, absence: Absence) {
  if (absence.substituteId) {
    const [substitute] = await db
      .select({ role: users.role, active: users.active })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), eq(users.id, absence.substituteId)));
    if (!substitute?.active || !takesTickets(substitute.role) || absence.substituteId === userId)
      throw new AppError("validation_failed", "Choose a colleague who handles tickets", [
        { path: "substituteId", message: "not a colleague who handles tickets" },
      ]);
  }
  if (absence.workingCalendarId) {
    const [calendar] = await db
      .select({ id: businessCalendars.id })
      .from(businessCalendars)
      .where(and(eq(businessCalendars.organisationId, organisationId), eq(businessCalendars.id, absence.workingCalendarId)));
    if (!calendar)
      throw new AppError("validation_failed", "Unknown calendar", [{ path: "workingCalendarId", message: "unknown calendar" }]);
  }
}

async function store(db: Db, actor: StaffActor, userId: string, absence: Absence): Promise<AbsenceSettings> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.organisationId, actor.organisationId), eq(users.id, userId)))
      .for("update");
    if (!user) throw notFound("The user");
    if (!takesTickets(user.role)) throw forbidden("This role takes no tickets, so it has no absences");
    await assertValid(tx, actor.organisationId, userId, absence);
    await tx
      .update(users)
      .set({
        absentFrom: absence.absentFrom ? new Date(absence.absentFrom) : null,
        absentUntil: absence.absentUntil ? new Date(absence.absentUntil) : null,
        substituteId: absence.substituteId,
        workingCalendarId: absence.workingCalendarId,
      })
      .where(eq(users.id, userId));
    if (userId !== actor.userId) await appendAudit(tx, actor, { action: "user.absence_set", subjectType: "user", subjectId: userId });
    return settingsOf(tx, actor.organisationId, userId);
  });
}

export function ownAbsence(db: Db, actor: StaffActor) {
  if (!takesTickets(actor.role)) throw forbidden("This role takes no tickets, so it has no absences");
  return settingsOf(db, actor.organisationId, actor.userId);
}

export const setOwnAbsence = (db: Db, actor: StaffActor, absence: Absence) => store(db, actor, actor.userId, absence);

export function userAbsence(db: Db, actor: StaffActor, userId: string) {
  requireTechnicalAdmin(actor);
  return settingsOf(db, actor.organisationId, userId);
}

export function setUserAbsence(db: Db, actor: StaffActor, userId: string, absence: Absence) {
  requireTechnicalAdmin(actor);
  return store(db, actor, userId, absence);
}
