/**
 * Saved views (REQUIREMENTS M2, M9). Anyone who works queues keeps personal views; a group's
 * views are made by the group's content admin, a service advisor or a technical admin and seen
 * by its members; organisation-wide views by technical admins. A view's count always applies the
 * viewer's own rights: sharing a view never shares tickets.
 */
import type { NewSavedView, SavedView, SavedViewList, SavedViewUpdate, ViewFilters } from "@yhteys/contracts";
import { ViewFilters as ViewFiltersSchema } from "@yhteys/contracts";
import { and, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { handlerGroups, savedViews } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";
import { canUseQueues } from "../tickets/tickets.access.ts";
import { countTickets } from "../tickets/tickets.queries.ts";

type Row = typeof savedViews.$inferSelect;

/** May the actor create, change and delete views of this scope (and group)? */
function mayManage(actor: StaffActor, scope: Row["scope"], groupId: string | null, ownerUserId: string | null): boolean {
  if (actor.role === "technical_admin") return true;
  if (scope === "personal") return ownerUserId === actor.userId;
  if (scope === "group")
    return actor.role === "service_advisor" || (actor.role === "content_admin" && groupId !== null && actor.groupIds.includes(groupId));
  return false;
}

/** The views the actor sees: their own, their groups' (every group's for technical admins), the organisation's. */
function visibleViews(actor: StaffActor): SQL {
  const groups =
    actor.role === "technical_admin"
      ? eq(savedViews.scope, "group")
      : actor.groupIds.length
        ? and(eq(savedViews.scope, "group"), inArray(savedViews.groupId, actor.groupIds))
        : undefined;
  return and(
    eq(savedViews.organisationId, actor.organisationId),
    or(eq(savedViews.ownerUserId, actor.userId), eq(savedViews.scope, "organisation"), groups),
  ) as SQL;
}

async function present(db: Db, actor: StaffActor, rows: Row[]): Promise<SavedView[]> {
  const groupIds = [...new Set(rows.flatMap((r) => (r.groupId ? [r.groupId] : [])))];
  const groups = groupIds.length
    ? await db.select({ id: handlerGroups.id, name: handlerGroups.name }).from(handlerGroups).where(inArray(handlerGroups.id, groupIds))
    : [];
  const views: SavedView[] = [];
  for (const r of rows) {
    const filters = ViewFiltersSchema.parse(r.filters);
    views.push({
      id: r.id,
      name: r.name,
      scope: r.scope,
      group: groups.find((g) => g.id === r.groupId) ?? null,
      filters,
      // Counted one by one: each is a capped count (stops at 1 000), a few milliseconds each.
      count: await countTickets(db, actor, filters),
      mayEdit: mayManage(actor, r.scope, r.groupId, r.ownerUserId),
    });
  }
  return views;
}

function requireQueues(actor: StaffActor) {
  if (!canUseQueues(actor)) throw forbidden("Your role has no queues");
}

/** The actor's views with their counts: personal first, then groups', then the organisation's. */
export async function listViews(db: Db, actor: StaffActor): Promise<SavedViewList> {
  requireQueues(actor);
  const rows = await db.select().from(savedViews).where(visibleViews(actor)).orderBy(asc(savedViews.scope), asc(savedViews.name));
  return { items: await present(db, actor, rows) };
}

export async function createView(db: Db, actor: StaffActor, input: z.output<typeof NewSavedView>): Promise<SavedView> {
  requireQueues(actor);
  const groupId = input.scope === "group" ? (input.groupId ?? null) : null;
  if (!mayManage(actor, input.scope, groupId, actor.userId)) throw forbidden("Your role may not share views this widely");
  if (groupId) {
    const [group] = await db
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.id, groupId)));
    if (!group) throw new AppError("validation_failed", "Unknown group", [{ path: "body.groupId", message: "unknown group" }]);
  }
  const [row] = await db
    .insert(savedViews)
    .values({
      organisationId: actor.organisationId,
      name: input.name,
      scope: input.scope,
      ownerUserId: actor.userId,
      groupId,
      filters: input.filters as ViewFilters,
    })
    .returning();
  if (!row) throw new Error("view not created");
  const [view] = await present(db, actor, [row]);
  return view as SavedView;
}

async function editableView(db: Db, actor: StaffActor, id: string): Promise<Row> {
  requireQueues(actor);
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(visibleViews(actor), eq(savedViews.id, id)));
  if (!row) throw notFound("The view");
  if (!mayManage(actor, row.scope, row.groupId, row.ownerUserId)) throw forbidden("You may not change this view");
  return row;
}

export async function updateView(db: Db, actor: StaffActor, id: string, update: z.output<typeof SavedViewUpdate>): Promise<SavedView> {
  await editableView(db, actor, id);
  const [row] = await db
    .update(savedViews)
    .set({ ...(update.name ? { name: update.name } : {}), ...(update.filters ? { filters: update.filters as ViewFilters } : {}) })
    .where(eq(savedViews.id, id))
    .returning();
  if (!row) throw notFound("The view");
  const [view] = await present(db, actor, [row]);
  return view as SavedView;
}

export async function deleteView(db: Db, actor: StaffActor, id: string): Promise<void> {
  await editableView(db, actor, id);
  await db.delete(savedViews).where(eq(savedViews.id, id));
}
