/**
 * Administering automation rules (technical admins; content admins may read them, to see why
 * tickets reach their group). Every reference in a rule is checked against the organisation
 * when it is saved, so that a rule can only route to its own groups, people and categories.
 */
import {
  type NewRule,
  type Rule,
  type RuleAction,
  type RuleCondition,
  type RuleList,
  type RuleOrder,
  type RuleUpdate,
  ruleShapeIssues,
  ruleStatusIds,
} from "@yhteys/contracts";
import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { areas, automationRules, categories, handlerGroups, replyTemplates, ticketStatuses, users } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { takesTickets } from "../absence/absence.ts";
import { requireAdmin, requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { addedTypes, isKind } from "../workflows/ticket-types.ts";
import { forgetRules } from "./rules.ts";

type Row = typeof automationRules.$inferSelect;
const present = (r: Row): Rule => ({
  id: r.id,
  name: r.name,
  description: r.description,
  trigger: r.trigger,
  active: r.active,
  stopsProcessing: r.stopsProcessing,
  conditions: r.conditions,
  actions: r.actions,
  position: r.position,
  updatedAt: r.updatedAt.toISOString(),
});

/** The organisation's rules, per trigger in the order they run. */
export async function listRules(db: Db, actor: StaffActor): Promise<RuleList> {
  requireAdmin(actor);
  const rows = await db
    .select()
    .from(automationRules)
    .where(eq(automationRules.organisationId, actor.organisationId))
    .orderBy(asc(automationRules.trigger), asc(automationRules.position), asc(automationRules.createdAt));
  return { items: rows.map(present) };
}

/**
 * 400 naming each condition or action that refers to something the organisation does not have.
 * A switched-off status is refused unless the rule had it before (`kept`): a rule whose status a
 * workflow change switched off can still be renamed or switched off itself.
 */
async function checkReferences(tx: Tx, organisationId: string, conditions: RuleCondition[], actions: RuleAction[], kept: string[] = []) {
  const wanted = {
    categories: new Set<string>(),
    leaves: new Set<string>(),
    areas: new Set<string>(),
    groups: new Set<string>(),
    users: new Set<string>(),
    notified: new Set<string>(),
    templates: new Set<string>(),
    statuses: new Set(ruleStatusIds({ conditions, actions })),
    types: new Set<string>(),
  };
  for (const c of conditions) {
    if (c.field === "category") for (const id of c.anyOf) wanted.categories.add(id);
    if (c.field === "area") for (const id of c.anyOf) wanted.areas.add(id);
    if (c.field === "type") for (const v of c.anyOf) if (!isKind(v)) wanted.types.add(v);
  }
  for (const a of actions) {
    if (a.action === "setCategory") wanted.leaves.add(a.categoryId);
    if (a.action === "setType" && a.typeId) wanted.types.add(a.typeId);
    if ((a.action === "route" || a.action === "routeInTurn") && a.groupId) wanted.groups.add(a.groupId);
    if (a.action === "route" && a.handlerId) wanted.users.add(a.handlerId);
    if (a.action === "notify") {
      for (const id of a.userIds) wanted.notified.add(id);
      for (const id of a.groupIds) wanted.groups.add(id);
    }
    if (a.action === "autoReply" || (a.action === "setState" && a.templateId)) wanted.templates.add(a.templateId as string);
  }
  // Only what the rule refers to is looked up; a rule of words and channels needs no query.
  const lookUp = <T>(set: Set<string>, query: (ids: string[]) => Promise<T[]>) => (set.size ? query([...set]) : Promise.resolve([]));
  const [categoryRows, areaRows, groupRows, userRows, templateRows, statusRows, typeRows] = await Promise.all([
    lookUp(new Set([...wanted.categories, ...wanted.leaves]), (ids) =>
      tx
        .select({
          id: categories.id,
          leaf: sql<boolean>`NOT EXISTS (SELECT 1 FROM categories child WHERE child.parent_id = categories.id)`,
        })
        .from(categories)
        .where(and(eq(categories.organisationId, organisationId), inArray(categories.id, ids))),
    ),
    lookUp(wanted.areas, (ids) =>
      tx
        .select({ id: areas.id })
        .from(areas)
        .where(and(eq(areas.organisationId, organisationId), inArray(areas.id, ids))),
    ),
    lookUp(wanted.groups, (ids) =>
      tx
        .select({ id: handlerGroups.id })
        .from(handlerGroups)
        .where(and(eq(handlerGroups.organisationId, organisationId), inArray(handlerGroups.id, ids))),
    ),
    lookUp(new Set([...wanted.users, ...wanted.notified]), (ids) =>
      tx
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(and(eq(users.organisationId, organisationId), eq(users.active, true), inArray(users.id, ids))),
    ),
    lookUp(wanted.templates, (ids) =>
      tx
        .select({ id: replyTemplates.id })
        .from(replyTemplates)
        .where(and(eq(replyTemplates.organisationId, organisationId), inArray(replyTemplates.id, ids))),
    ),
    // A switched-off status is one the workflow left out: no ticket moves there any more.
    lookUp(wanted.statuses, (ids) =>
      tx
        .select({ id: ticketStatuses.id, active: ticketStatuses.active })
        .from(ticketStatuses)
        .where(and(eq(ticketStatuses.organisationId, organisationId), inArray(ticketStatuses.id, ids))),
    ),
    lookUp(wanted.types, (ids) => addedTypes(tx, organisationId, ids)),
  ]);
  const kindOfType = new Map(typeRows.map((r) => [r.id, r.kind]));
  const known = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const leaves = new Set(categoryRows.filter((c) => c.leaf).map((c) => c.id));
  const handlers = new Set(userRows.filter((u) => takesTickets(u.role)).map((u) => u.id));
  const statuses = new Set(statusRows.filter((s) => s.active || kept.includes(s.id)).map((s) => s.id));
  const errors: { path: string; message: string }[] = [];
  const check = (path: string, ok: boolean, message: string) => {
    if (!ok) errors.push({ path, message });
  };
  conditions.forEach((c, i) => {
    if (c.field === "category")
      check(
        `body.conditions.${i}.anyOf`,
        c.anyOf.every((id) => known(categoryRows).has(id)),
        "unknown category",
      );
    if (c.field === "area")
      check(
        `body.conditions.${i}.anyOf`,
        c.anyOf.every((id) => known(areaRows).has(id)),
        "unknown area",
      );
    if (c.field === "status")
      check(
        `body.conditions.${i}.anyOf`,
        c.anyOf.every((id) => statuses.has(id)),
        "unknown or switched-off status",
      );
    if (c.field === "type")
      check(
        `body.conditions.${i}.anyOf`,
        c.anyOf.every((v) => isKind(v) || kindOfType.has(v)),
        "unknown ticket type",
      );
  });
  actions.forEach((a, i) => {
    if (a.action === "setCategory") check(`body.actions.${i}.categoryId`, leaves.has(a.categoryId), "not a selectable category");
    if (a.action === "setType" && a.typeId)
      check(`body.actions.${i}.typeId`, kindOfType.get(a.typeId) === a.type, "not a ticket type of this kind");
    if ((a.action === "route" || a.action === "routeInTurn") && a.groupId)
      check(`body.actions.${i}.groupId`, known(groupRows).has(a.groupId), "unknown group");
    if (a.action === "route" && a.handlerId)
      check(`body.actions.${i}.handlerId`, handlers.has(a.handlerId), "not a user who handles tickets");
    if (a.action === "notify") {
      check(
        `body.actions.${i}.userIds`,
        a.userIds.every((id) => handlers.has(id)),
        "not a user who handles tickets",
      );
      check(
        `body.actions.${i}.groupIds`,
        a.groupIds.every((id) => known(groupRows).has(id)),
        "unknown group",
      );
    }
    if (a.action === "autoReply" || (a.action === "setState" && a.templateId))
      check(`body.actions.${i}.templateId`, known(templateRows).has(a.templateId as string), "unknown reply template");
    if (a.action === "setStatus") check(`body.actions.${i}.statusId`, statuses.has(a.statusId), "unknown or switched-off status");
  });
  if (errors.length) throw new AppError("validation_failed", "The rule refers to something that does not exist", errors);
}

async function ruleOf(tx: Tx, actor: StaffActor, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.organisationId, actor.organisationId), eq(automationRules.id, id)))
    .for("update");
  if (!row) throw notFound("The rule");
  return row;
}

async function afterChange(tx: Tx, actor: StaffActor, id: string | null, action: string, detail?: Record<string, unknown>) {
  await appendAudit(tx, actor, { action, subjectType: "rule", subjectId: id, ...(detail ? { detail } : {}) });
  forgetRules(actor.organisationId);
}

/** Adds a rule at the end of its trigger's order. */
export async function createRule(db: Db, actor: StaffActor, input: z.output<typeof NewRule>): Promise<Rule> {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor.organisationId, input.conditions, input.actions);
    const [last] = await tx
      .select({ position: max(automationRules.position) })
      .from(automationRules)
      .where(and(eq(automationRules.organisationId, actor.organisationId), eq(automationRules.trigger, input.trigger)));
    const [row] = await tx
      .insert(automationRules)
      .values({ organisationId: actor.organisationId, ...input, position: (last?.position ?? 0) + 1 })
      .returning();
    if (!row) throw new Error("rule not created");
    await afterChange(tx, actor, row.id, "rule.created", { name: row.name });
    return present(row);
  });
}

/** Changes a rule; moving it to another trigger puts it last there. */
export async function updateRule(db: Db, actor: StaffActor, id: string, update: z.output<typeof RuleUpdate>): Promise<Rule> {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    const current = await ruleOf(tx, actor, id);
    const shape = ruleShapeIssues({ trigger: current.trigger, conditions: current.conditions, actions: current.actions, ...update });
    if (shape.length)
      throw new AppError(
        "validation_failed",
        "The rule does not fit its trigger",
        shape.map((i) => ({ path: `body.${i.path}`, message: i.message })),
      );
    await checkReferences(
      tx,
      actor.organisationId,
      update.conditions ?? current.conditions,
      update.actions ?? current.actions,
      ruleStatusIds(current),
    );
    let position = current.position;
    if (update.trigger && update.trigger !== current.trigger) {
      const [last] = await tx
        .select({ position: max(automationRules.position) })
        .from(automationRules)
        .where(and(eq(automationRules.organisationId, actor.organisationId), eq(automationRules.trigger, update.trigger)));
      position = (last?.position ?? 0) + 1;
    }
    const [row] = await tx
      .update(automationRules)
      .set({ ...update, position, updatedAt: new Date() })
      .where(eq(automationRules.id, id))
      .returning();
    if (!row) throw notFound("The rule");
    await afterChange(tx, actor, id, "rule.updated", { fields: Object.keys(update) });
    return present(row);
  });
}

export async function deleteRule(db: Db, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await db.transaction(async (tx) => {
    await ruleOf(tx, actor, id);
    await tx.delete(automationRules).where(eq(automationRules.id, id));
    await afterChange(tx, actor, id, "rule.deleted");
  });
}

/** Sets the order of a trigger's rules; the list must hold each of them exactly once. */
export async function reorderRules(db: Db, actor: StaffActor, order: z.output<typeof RuleOrder>): Promise<RuleList> {
  requireTechnicalAdmin(actor);
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: automationRules.id })
      .from(automationRules)
      .where(and(eq(automationRules.organisationId, actor.organisationId), eq(automationRules.trigger, order.trigger)))
      .for("update");
    const current = new Set(rows.map((r) => r.id));
    if (
      order.ruleIds.length !== current.size ||
      new Set(order.ruleIds).size !== current.size ||
      !order.ruleIds.every((id) => current.has(id))
    )
      throw new AppError("validation_failed", "List every rule of the trigger exactly once", [
        { path: "body.ruleIds", message: "not the trigger's rules" },
      ]);
    for (const [i, id] of order.ruleIds.entries())
      await tx
        .update(automationRules)
        .set({ position: i + 1 })
        .where(eq(automationRules.id, id));
    await afterChange(tx, actor, null, "rule.reordered", { trigger: order.trigger });
  });
  return listRules(db, actor);
}
