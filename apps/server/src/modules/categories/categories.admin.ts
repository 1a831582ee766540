/**
 * Administering the category tree (REQUIREMENTS P1, M10): technical admins build it (create, move,
 * reorder, set defaults, switch off, delete what nothing refers to); content admins edit the texts,
 * search words and extra fields of the categories whose default group is one of their own. Every
 * change is audited and reaches the form, Open311 and routing at once (the caches are dropped).
 *
 * Extra fields are definitions only: a ticket keeps the values it was sent with, so removing a
 * field or changing its type leaves old tickets' values as they are.
 */
import {
  type AdminCategory,
  type AdminCategoryList,
  type CategoryMove,
  type CategoryUpdate,
  categoryTextFields,
  type NewCategory,
} from "@yhteys/contracts";
import { and, asc, count, eq, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { type Db, isUniqueViolation, type Queryable, type Tx } from "../../db/client.ts";
import {
  apiClients,
  automationRules,
  categories,
  faqEntries,
  handlerGroups,
  inboundChannels,
  mailboxes,
  notices,
  open311Routes,
  slaPolicies,
  tickets,
} from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { isTechnicalAdmin, requireAdmin, requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { forgetRules } from "../rules/rules.ts";
import { forgetRouting } from "../tickets/ticket-creation.ts";

type CategoryRow = typeof categories.$inferSelect;

/** May the actor edit the texts, search words and extra fields of a category with this default group? */
const mayEditTexts = (actor: StaffActor, defaultGroupId: string | null) =>
  isTechnicalAdmin(actor) || (actor.role === "content_admin" && defaultGroupId !== null && actor.groupIds.includes(defaultGroupId));

function present(actor: StaffActor, row: CategoryRow, ticketCount: number): AdminCategory {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    description: row.description,
    defaultType: row.defaultType,
    defaultGroupId: row.defaultGroupId,
    keywords: row.keywords,
    extraFields: row.extraFields,
    active: row.active,
    sortOrder: row.sortOrder,
    ticketCount,
    mayEditTexts: mayEditTexts(actor, row.defaultGroupId),
    mayManage: isTechnicalAdmin(actor),
  };
}

async function ticketCounts(db: Queryable, organisationId: string, categoryId?: string) {
  const rows = await db
    .select({ categoryId: tickets.categoryId, count: count() })
    .from(tickets)
    .where(and(eq(tickets.organisationId, organisationId), categoryId ? eq(tickets.categoryId, categoryId) : undefined))
    .groupBy(tickets.categoryId);
  return new Map(rows.map((r) => [r.categoryId, Number(r.count)]));
}

/** The whole tree, inactive categories too, in order (siblings by sort order, then code). */
export async function listAdminCategories(db: Db, actor: StaffActor): Promise<AdminCategoryList> {
  requireAdmin(actor);
  const rows = await db
    .select()
    .from(categories)
    .where(eq(categories.organisationId, actor.organisationId))
    .orderBy(asc(categories.sortOrder), asc(categories.code));
  const counts = await ticketCounts(db, actor.organisationId);
  return { items: rows.map((r) => present(actor, r, counts.get(r.id) ?? 0)) };
}

async function presentOne(db: Queryable, actor: StaffActor, id: string) {
  const row = await categoryRow(db, actor.organisationId, id);
  return present(actor, row, (await ticketCounts(db, actor.organisationId, id)).get(id) ?? 0);
}

async function categoryRow(db: Queryable, organisationId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(categories)
    .where(and(eq(categories.organisationId, organisationId), eq(categories.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("The category");
  return row;
}

const codeTaken = (code: string) =>
  new AppError("conflict", `The code ${code} is already used by another category`, [{ path: "body.code", message: "already in use" }]);

/** 400 unless the group is one of the organisation's. */
async function checkGroup(db: Queryable, organisationId: string, groupId: string | null | undefined) {
  if (!groupId) return;
  const [group] = await db
    .select({ id: handlerGroups.id })
    .from(handlerGroups)
    .where(and(eq(handlerGroups.organisationId, organisationId), eq(handlerGroups.id, groupId)));
  if (!group)
    throw new AppError("validation_failed", "The default group is not one of the organisation's groups", [
      { path: "body.defaultGroupId", message: "not a group of the organisation" },
    ]);
}

/**
 * 422 unless the new parent is one of the organisation's categories outside the category's own
 * subtree (a category cannot sit under itself or its descendants).
 */
async function checkParent(db: Queryable, organisationId: string, parentId: string | null, movingId?: string) {
  if (!parentId) return;
  const rows = await db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(eq(categories.organisationId, organisationId));
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  const invalid = (message: string) => new AppError("unprocessable", "The category cannot go there", [{ path: "body.parentId", message }]);
  if (!parentOf.has(parentId)) throw invalid("not a category of the organisation");
  for (let id: string | null | undefined = parentId, guard = 0; id && guard <= rows.length; id = parentOf.get(id), guard++)
    if (id === movingId) throw invalid("a category cannot go under itself or its own subcategory");
}

/** The sort order after the last of a parent's children. */
async function nextSortOrder(db: Queryable, organisationId: string, parentId: string | null) {
  const [row] = await db
    .select({ max: sql<number | null>`max(${categories.sortOrder})` })
    .from(categories)
    .where(and(eq(categories.organisationId, organisationId), parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId)));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Forms, Open311 and rules read the tree fresh after every change. */
function forgetTree(organisationId: string) {
  forgetRouting(organisationId);
  forgetRules(organisationId);
}

export async function createCategory(db: Db, actor: StaffActor, input: z.output<typeof NewCategory>): Promise<AdminCategory> {
  requireTechnicalAdmin(actor);
  const created = db.transaction(async (tx) => {
    await checkParent(tx, actor.organisationId, input.parentId);
    await checkGroup(tx, actor.organisationId, input.defaultGroupId);
    const sortOrder = await nextSortOrder(tx, actor.organisationId, input.parentId);
    const [row] = await tx
      .insert(categories)
      .values({ ...input, organisationId: actor.organisationId, sortOrder })
      .onConflictDoNothing()
      .returning();
    if (!row) throw codeTaken(input.code);
    await appendAudit(tx, actor, {
      action: "category.created",
      subjectType: "category",
      subjectId: row.id,
      detail: { code: row.code, parentId: row.parentId, name: row.name },
    });
    return present(actor, row, 0);
  });
  return created.then(
    (category) => {
      forgetTree(actor.organisationId);
      return category;
    },
    (e) => {
      throw isUniqueViolation(e) ? codeTaken(input.code) : e;
    },
  );
}

/** Changes a category: a content admin only the texts of their own groups' categories (403 otherwise). */
export async function updateCategory(
  db: Db,
  actor: StaffActor,
  id: string,
  update: z.output<typeof CategoryUpdate>,
): Promise<AdminCategory> {
  requireAdmin(actor);
  const changed = db.transaction(async (tx) => {
    const row = await categoryRow(tx, actor.organisationId, id, true);
    const onlyTexts = Object.keys(update).every((k) => (categoryTextFields as readonly string[]).includes(k));
    if (!isTechnicalAdmin(actor) && !(onlyTexts && mayEditTexts(actor, row.defaultGroupId)))
      throw forbidden(
        "Content admins edit the names, descriptions, search words and extra fields of their own groups' categories; the rest is for technical admins",
      );
    const moved = update.parentId !== undefined && update.parentId !== row.parentId;
    if (moved) await checkParent(tx, actor.organisationId, update.parentId ?? null, id);
    await checkGroup(tx, actor.organisationId, update.defaultGroupId);
    if (update.code && update.code !== row.code) {
      const [taken] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.organisationId, actor.organisationId), eq(categories.code, update.code), ne(categories.id, id)));
      if (taken) throw codeTaken(update.code);
    }
    const sortOrder = moved ? await nextSortOrder(tx, actor.organisationId, update.parentId ?? null) : row.sortOrder;
    await tx
      .update(categories)
      .set({ ...update, sortOrder })
      .where(eq(categories.id, id));
    await appendAudit(tx, actor, {
      action: "category.updated",
      subjectType: "category",
      subjectId: id,
      detail: { code: update.code ?? row.code, fields: Object.keys(update), ...changes(row, update) },
    });
    return presentOne(tx, actor, id);
  });
  return changed.then(
    (category) => {
      forgetTree(actor.organisationId);
      return category;
    },
    (e) => {
      throw isUniqueViolation(e) ? codeTaken(update.code ?? "") : e;
    },
  );
}

/** The audit detail of a change: the place, defaults and active state before and after (texts are named, not copied). */
function changes(row: CategoryRow, update: z.output<typeof CategoryUpdate>) {
  const tracked = ["parentId", "code", "defaultType", "defaultGroupId", "active"] as const;
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of tracked) if (update[key] !== undefined && update[key] !== row[key]) diff[key] = { from: row[key], to: update[key] };
  if (update.extraFields) diff.extraFields = { from: row.extraFields.map((f) => f.code), to: update.extraFields.map((f) => f.code) };
  return diff;
}

/** Moves a category one step up or down among its siblings (a no-op at either end). */
export async function moveCategory(db: Db, actor: StaffActor, id: string, move: CategoryMove): Promise<AdminCategoryList> {
  requireTechnicalAdmin(actor);
  await db.transaction(async (tx) => {
    const row = await categoryRow(tx, actor.organisationId, id, true);
    const siblings = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(
        and(
          eq(categories.organisationId, actor.organisationId),
          row.parentId ? eq(categories.parentId, row.parentId) : isNull(categories.parentId),
        ),
      )
      .orderBy(asc(categories.sortOrder), asc(categories.code));
    const order = siblings.map((s) => s.id);
    const from = order.indexOf(id);
    const to = move.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to] as string, id];
    for (const [position, siblingId] of order.entries())
      await tx.update(categories).set({ sortOrder: position }).where(eq(categories.id, siblingId));
    await appendAudit(tx, actor, {
      action: "category.moved",
      subjectType: "category",
      subjectId: id,
      detail: { code: row.code, direction: move.direction, sortOrder: to },
    });
  });
  forgetTree(actor.organisationId);
  return listAdminCategories(db, actor);
}

/** What refers to a category, by the names the conflict gives. */
async function references(tx: Tx, organisationId: string, id: string): Promise<string[]> {
  const inRules = `%${id}%`;
  const checks: [string, PgTable, SQL | undefined][] = [
    ["subcategories", categories, and(eq(categories.organisationId, organisationId), eq(categories.parentId, id))],
    ["tickets", tickets, and(eq(tickets.organisationId, organisationId), eq(tickets.categoryId, id))],
    [
      "automation rules",
      automationRules,
      and(
        eq(automationRules.organisationId, organisationId),
        sql`(${automationRules.conditions}::text LIKE ${inRules} OR ${automationRules.actions}::text LIKE ${inRules})`,
      ),
    ],
    ["SLA policies", slaPolicies, and(eq(slaPolicies.organisationId, organisationId), eq(slaPolicies.categoryId, id))],
    ["notices", notices, and(eq(notices.organisationId, organisationId), sql`${notices.categoryIds} @> ${JSON.stringify([id])}::jsonb`)],
    ["FAQ entries", faqEntries, and(eq(faqEntries.organisationId, organisationId), eq(faqEntries.categoryId, id))],
    ["mailboxes", mailboxes, and(eq(mailboxes.organisationId, organisationId), eq(mailboxes.categoryId, id))],
    ["inbound channels", inboundChannels, and(eq(inboundChannels.organisationId, organisationId), eq(inboundChannels.categoryId, id))],
    ["Open311 routes", open311Routes, and(eq(open311Routes.organisationId, organisationId), eq(open311Routes.categoryId, id))],
    ["API clients", apiClients, and(eq(apiClients.organisationId, organisationId), eq(apiClients.defaultCategoryId, id))],
  ];
  const used: string[] = [];
  // One after another: a transaction's client runs one query at a time.
  for (const [what, table, where] of checks) {
    const found = await tx.select({ one: sql`1` }).from(table).where(where).limit(1);
    if (found.length) used.push(what);
  }
  return used;
}

/** Deletes a category nothing refers to; 409 naming what does otherwise (switch it off instead). */
export async function deleteCategory(db: Db, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await db.transaction(async (tx) => {
    const row = await categoryRow(tx, actor.organisationId, id, true);
    const used = await references(tx, actor.organisationId, id);
    if (used.length)
      throw new AppError(
        "conflict",
        `The category is still used by ${used.join(", ")}; switch it off instead of deleting it`,
        used.map((what) => ({ path: "category", message: what })),
      );
    await tx.delete(categories).where(eq(categories.id, id));
    await appendAudit(tx, actor, {
      action: "category.deleted",
      subjectType: "category",
      subjectId: id,
      detail: { code: row.code, name: row.name, parentId: row.parentId },
    });
  });
  forgetTree(actor.organisationId);
}
