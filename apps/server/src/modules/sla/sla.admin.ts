/**
 * Administering service levels (REQUIREMENTS M6): business calendars and SLA policies. Technical
 * admins create and change them; content admins read them, to pick their own group's calendar
 * (through the group settings). A change applies to tickets created, reclassified or reprioritised
 * from then on; tickets keep the due times they were given.
 */
import type {
  AdminCalendar,
  AdminCalendarList,
  CalendarDays,
  CalendarUpdate,
  NewCalendar,
  SlaPolicy,
  SlaPolicyInput,
  SlaPolicyList,
} from "@yhteys/contracts";
import { and, asc, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Queryable, Tx } from "../../db/client.ts";
import { businessCalendars, categories, handlerGroups, slaPolicies } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireAdmin, requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { calendarDays, localDate } from "./calendar.ts";
import { forgetSlaSettings } from "./sla.ts";

async function presentCalendars(db: Queryable, organisationId: string, id?: string): Promise<AdminCalendar[]> {
  const [rows, groups] = await Promise.all([
    db
      .select()
      .from(businessCalendars)
      .where(and(eq(businessCalendars.organisationId, organisationId), id ? eq(businessCalendars.id, id) : undefined))
      .orderBy(asc(businessCalendars.createdAt)),
    db
      .select({ id: handlerGroups.id, calendarId: handlerGroups.calendarId })
      .from(handlerGroups)
      .where(eq(handlerGroups.organisationId, organisationId)),
  ]);
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    calendar: c.calendar,
    isDefault: c.isDefault,
    groupIds: groups.filter((g) => g.calendarId === c.id).map((g) => g.id),
  }));
}

async function calendarOf(db: Queryable, actor: StaffActor, id: string, lock = false) {
  const query = db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.organisationId, actor.organisationId), eq(businessCalendars.id, id)));
  const [row] = await (lock ? query.for("update") : query);
  if (!row) throw notFound("The calendar");
  return row;
}

/** The organisation's calendars with the groups that use each (admins). */
export async function listCalendars(db: Db, actor: StaffActor): Promise<AdminCalendarList> {
  requireAdmin(actor);
  return { items: await presentCalendars(db, actor.organisationId) };
}

/** Only one calendar is the default: setting one takes the role from the others. */
async function takeDefaultFromOthers(tx: Tx, organisationId: string, id: string) {
  await tx
    .update(businessCalendars)
    .set({ isDefault: false })
    .where(and(eq(businessCalendars.organisationId, organisationId), ne(businessCalendars.id, id)));
}

async function afterCalendarChange(tx: Tx, actor: StaffActor, id: string, action: string, detail: Record<string, unknown>) {
  await appendAudit(tx, actor, { action, subjectType: "calendar", subjectId: id, detail });
  forgetSlaSettings(actor.organisationId);
  const [calendar] = await presentCalendars(tx, actor.organisationId, id);
  if (!calendar) throw notFound("The calendar");
  return calendar;
}

/** Creates a calendar (technical admins); the organisation's first one becomes the default. */
export async function createCalendar(db: Db, actor: StaffActor, input: z.output<typeof NewCalendar>): Promise<AdminCalendar> {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: businessCalendars.id })
      .from(businessCalendars)
      .where(eq(businessCalendars.organisationId, actor.organisationId))
      .limit(1);
    const isDefault = input.isDefault || !existing;
    const [row] = await tx
      .insert(businessCalendars)
      .values({ organisationId: actor.organisationId, name: input.name, calendar: input.calendar, isDefault })
      .returning({ id: businessCalendars.id });
    if (!row) throw new Error("calendar not created");
    if (isDefault) await takeDefaultFromOthers(tx, actor.organisationId, row.id);
    return afterCalendarChange(tx, actor, row.id, "calendar.created", { isDefault });
  });
}

/** Changes a calendar's name, hours or exceptions, or makes it the default (technical admins). */
export async function updateCalendar(
  db: Db,
  actor: StaffActor,
  id: string,
  update: z.output<typeof CalendarUpdate>,
): Promise<AdminCalendar> {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    const current = await calendarOf(tx, actor, id, true);
    if (current.isDefault && update.isDefault === false)
      throw new AppError("conflict", "The organisation needs a default calendar: make another calendar the default instead");
    await tx
      .update(businessCalendars)
      .set({
        ...(update.name ? { name: update.name } : {}),
        ...(update.calendar ? { calendar: update.calendar } : {}),
        ...(update.isDefault ? { isDefault: true } : {}),
      })
      .where(eq(businessCalendars.id, id));
    if (update.isDefault) await takeDefaultFromOthers(tx, actor.organisationId, id);
    return afterCalendarChange(tx, actor, id, "calendar.updated", { fields: Object.keys(update) });
  });
}

/** Deletes a calendar that is neither the default nor any group's (technical admins). */
export async function deleteCalendar(db: Db, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await db.transaction(async (tx) => {
    const current = await calendarOf(tx, actor, id, true);
    if (current.isDefault)
      throw new AppError("conflict", "The default calendar cannot be deleted: make another calendar the default first");
    const users = await tx
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.calendarId, id)));
    if (users.length > 0)
      throw new AppError("conflict", `${users.length} group(s) work by this calendar: give them another calendar first`);
    await tx.delete(businessCalendars).where(eq(businessCalendars.id, id));
    await appendAudit(tx, actor, { action: "calendar.deleted", subjectType: "calendar", subjectId: id });
    forgetSlaSettings(actor.organisationId);
  });
}

/** A calendar's days from a date (today in its time zone by default), to check hours and holidays. */
export async function daysOfCalendar(
  db: Db,
  actor: StaffActor,
  id: string,
  query: { from?: string | undefined; days: number },
): Promise<CalendarDays> {
  requireAdmin(actor);
  const { calendar } = await calendarOf(db, actor, id);
  const from = query.from ?? localDate(calendar.timeZone, new Date());
  return { items: calendarDays(calendar, from, query.days) };
}

const presentPolicy = (p: typeof slaPolicies.$inferSelect): SlaPolicy => ({
  id: p.id,
  categoryId: p.categoryId,
  priority: p.priority,
  firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
});

/** The organisation's SLA policies, the default (no scope) first (admins). */
export async function listSlaPolicies(db: Db, actor: StaffActor): Promise<SlaPolicyList> {
  requireAdmin(actor);
  const rows = await db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.organisationId, actor.organisationId))
    .orderBy(asc(slaPolicies.categoryId), asc(slaPolicies.priority));
  const scopeRank = (p: SlaPolicy) => (p.categoryId ? 2 : 0) + (p.priority ? 1 : 0);
  return { items: rows.map(presentPolicy).sort((a, b) => scopeRank(a) - scopeRank(b)) };
}

/** Sets the targets of one scope, creating or replacing its policy (technical admins). */
export async function setSlaPolicy(db: Db, actor: StaffActor, policy: z.output<typeof SlaPolicyInput>): Promise<SlaPolicy> {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    if (policy.categoryId) {
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.organisationId, actor.organisationId), eq(categories.id, policy.categoryId)));
      if (!category)
        throw new AppError("validation_failed", "No such category", [{ path: "body.categoryId", message: "unknown category" }]);
    }
    const [row] = await tx
      .insert(slaPolicies)
      .values({ organisationId: actor.organisationId, ...policy })
      .onConflictDoUpdate({
        target: [slaPolicies.organisationId, slaPolicies.categoryId, slaPolicies.priority],
        set: { firstResponseMinutes: policy.firstResponseMinutes, resolutionMinutes: policy.resolutionMinutes },
      })
      .returning();
    if (!row) throw new Error("policy not saved");
    await appendAudit(tx, actor, { action: "sla_policy.set", subjectType: "sla_policy", subjectId: row.id, detail: policy });
    forgetSlaSettings(actor.organisationId);
    return presentPolicy(row);
  });
}

/** Removes a policy; its tickets fall back to a less specific one (technical admins). */
export async function deleteSlaPolicy(db: Db, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(slaPolicies)
      .where(and(eq(slaPolicies.organisationId, actor.organisationId), eq(slaPolicies.id, id)))
      .returning({ id: slaPolicies.id });
    if (!row) throw notFound("The SLA policy");
    await appendAudit(tx, actor, { action: "sla_policy.deleted", subjectType: "sla_policy", subjectId: id });
    forgetSlaSettings(actor.organisationId);
  });
}
