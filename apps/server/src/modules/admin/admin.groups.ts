/**
 * Handler groups and area scopes for the admin views. Technical admins list, create and rename
 * every group; content admins see and edit the settings (name, description, calendar) of their own groups
 * only. Memberships and sensitive access are access rights and stay with technical admins.
 */
import type { AdminGroup, AdminGroupList, AreaList, GroupUpdate, NewGroup } from "@yhteys/contracts";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, isUniqueViolation, type Tx } from "../../db/client.ts";
import { areas, businessCalendars, groupMemberships, handlerGroups, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { forgetSlaSettings } from "../sla/sla.ts";
import { isTechnicalAdmin, mayManageGroup, requireAdmin, requireTechnicalAdmin } from "./admin.access.ts";

async function presentGroups(db: Db | Tx, organisationId: string, groupIds: string[] | null): Promise<AdminGroup[]> {
  if (groupIds?.length === 0) return [];
  const scope = groupIds ? inArray(handlerGroups.id, groupIds) : undefined;
  const [groups, members] = await Promise.all([
    db
      .select()
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, organisationId), scope))
      .orderBy(asc(handlerGroups.code)),
    db
      .select({ groupId: groupMemberships.groupId, id: users.id, name: users.name, role: users.role })
      .from(groupMemberships)
      .innerJoin(users, eq(users.id, groupMemberships.userId))
      .where(and(eq(groupMemberships.organisationId, organisationId), eq(users.active, true)))
      .orderBy(asc(users.name)),
  ]);
  return groups.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    description: g.description ?? null,
    isUnclearQueue: g.isUnclearQueue,
    calendarId: g.calendarId ?? null,
    sensitiveAccess: g.sensitiveAccess,
    members: members.filter((m) => m.groupId === g.id).map(({ id, name, role }) => ({ id, name, role })),
  }));
}

/** Every group for technical admins; a content admin's own groups for them. */
export async function listAdminGroups(db: Db, actor: StaffActor): Promise<AdminGroupList> {
  requireAdmin(actor);
  return { items: await presentGroups(db, actor.organisationId, isTechnicalAdmin(actor) ? null : actor.groupIds) };
}

/** Creates a handler group with a unique code (technical admins). */
export async function createGroup(db: Db, actor: StaffActor, input: NewGroup): Promise<AdminGroup> {
  requireTechnicalAdmin(actor);
  const codeTaken = () => new AppError("conflict", "A group with this code already exists", [{ path: "body.code", message: "taken" }]);
  const created = db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.code, input.code)));
    if (taken) throw codeTaken();
    const [row] = await tx
      .insert(handlerGroups)
      .values({ organisationId: actor.organisationId, code: input.code, name: input.name, description: input.description ?? null })
      .returning({ id: handlerGroups.id });
    if (!row) throw new Error("group not created");
    await appendAudit(tx, actor, { action: "group.created", subjectType: "group", subjectId: row.id, detail: { code: input.code } });
    const [group] = await presentGroups(tx, actor.organisationId, [row.id]);
    if (!group) throw new Error("group not found after creation");
    return group;
  });
  // A concurrent request may take the code between the check and the insert.
  return created.catch((e) => {
    throw isUniqueViolation(e) ? codeTaken() : e;
  });
}

/** A calendar of the organisation, or 400 (the admin picked it from a list). */
async function requireCalendar(tx: Tx, organisationId: string, calendarId: string) {
  const [calendar] = await tx
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(and(eq(businessCalendars.organisationId, organisationId), eq(businessCalendars.id, calendarId)));
  if (!calendar) throw new AppError("validation_failed", "No such calendar", [{ path: "body.calendarId", message: "unknown calendar" }]);
}

/**
 * Renames or describes a group, or sets its business calendar: any group for technical admins,
 * their own for content admins.
 */
export async function updateGroup(db: Db, actor: StaffActor, groupId: string, update: GroupUpdate): Promise<AdminGroup> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const [group] = await tx
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.id, groupId)))
      .for("update");
    if (!group) throw notFound("The group");
    if (!mayManageGroup(actor, groupId)) throw forbidden("Content admins manage only their own groups");
    if (update.sensitiveAccess !== undefined) requireTechnicalAdmin(actor);
    if (update.calendarId) await requireCalendar(tx, actor.organisationId, update.calendarId);
    await tx
      .update(handlerGroups)
      .set({
        ...(update.name ? { name: update.name } : {}),
        ...(update.description !== undefined ? { description: update.description } : {}),
        ...(update.calendarId !== undefined ? { calendarId: update.calendarId } : {}),
        ...(update.sensitiveAccess !== undefined ? { sensitiveAccess: update.sensitiveAccess } : {}),
      })
      .where(eq(handlerGroups.id, groupId));
    await appendAudit(tx, actor, {
      action: "group.updated",
      subjectType: "group",
      subjectId: groupId,
      detail: { fields: Object.keys(update) },
    });
    if (update.calendarId !== undefined) forgetSlaSettings(actor.organisationId);
    const [updated] = await presentGroups(tx, actor.organisationId, [groupId]);
    if (!updated) throw notFound("The group");
    return updated;
  });
}

/** The organisation's areas, to scope viewers. */
/** The organisation's areas by code, without their boundaries. */
export function organisationAreas(db: Db, organisationId: string): Promise<AreaList["items"]> {
  return db
    .select({ id: areas.id, code: areas.code, name: areas.name })
    .from(areas)
    .where(eq(areas.organisationId, organisationId))
    .orderBy(asc(areas.code));
}

export async function listAreas(db: Db, actor: StaffActor): Promise<AreaList> {
  requireTechnicalAdmin(actor);
  return { items: await organisationAreas(db, actor.organisationId) };
}
