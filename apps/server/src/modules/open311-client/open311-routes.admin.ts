/**
 * Open311 routing for technical admins: which category's tickets go to which external system, by
 * its Open311 API or by email. The api key is write-only: it is stored for the client to send and
 * never shown again.
 */
import {
  missingRouteFields,
  type NewOpen311Route,
  type Open311Route,
  type Open311RouteList,
  type Open311RouteUpdate,
} from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { open311Routes } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { assertCategory } from "../api-clients/api-clients.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { checkOutboundUrl } from "../channels/channels.admin.ts";
import { iso } from "../tickets/tickets.presenter.ts";

type Ctx = Pick<AppContext, "db" | "config">;

const present = (r: typeof open311Routes.$inferSelect): Open311Route => ({
  id: r.id,
  categoryId: r.categoryId,
  delivery: r.delivery,
  endpoint: r.endpoint,
  serviceCode: r.serviceCode,
  email: r.email,
  jurisdictionId: r.jurisdictionId,
  notOursMarker: r.notOursMarker,
  active: r.active,
  hasApiKey: r.apiKey !== "",
  createdAt: iso(r.createdAt),
});

async function routeOf(db: Queryable, actor: StaffActor, id: string) {
  const [row] = await db
    .select()
    .from(open311Routes)
    .where(and(eq(open311Routes.organisationId, actor.organisationId), eq(open311Routes.id, id)));
  if (!row) throw notFound("The Open311 route");
  return row;
}

export async function listOpen311Routes(ctx: Ctx, actor: StaffActor): Promise<Open311RouteList> {
  requireTechnicalAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(open311Routes)
    .where(eq(open311Routes.organisationId, actor.organisationId))
    .orderBy(asc(open311Routes.createdAt), asc(open311Routes.id));
  return { items: rows.map(present) };
}

export async function createOpen311Route(ctx: Ctx, actor: StaffActor, input: NewOpen311Route): Promise<Open311Route> {
  requireTechnicalAdmin(actor);
  await assertCategory(ctx.db, actor.organisationId, input.categoryId, "body.categoryId");
  if (input.delivery !== "email") checkOutboundUrl(ctx, input.endpoint, "body.endpoint");
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: open311Routes.id })
      .from(open311Routes)
      .where(and(eq(open311Routes.organisationId, actor.organisationId), eq(open311Routes.categoryId, input.categoryId)));
    if (taken) throw new AppError("conflict", "This category is routed already", [{ path: "body.categoryId", message: "routed already" }]);
    const [row] = await tx
      .insert(open311Routes)
      .values({
        organisationId: actor.organisationId,
        categoryId: input.categoryId,
        ...(input.delivery === "email"
          ? { delivery: "email" as const, email: input.email ?? null }
          : {
              delivery: "api" as const,
              endpoint: input.endpoint ?? null,
              apiKey: input.apiKey ?? "",
              serviceCode: input.serviceCode ?? null,
            }),
        jurisdictionId: input.jurisdictionId ?? null,
        notOursMarker: input.notOursMarker ?? "NOT_OURS",
        active: input.active ?? true,
      })
      .returning();
    if (!row) throw new Error("route not created");
    await appendAudit(tx, actor, {
      action: "open311_route.created",
      subjectType: "open311_route",
      subjectId: row.id,
      detail: { categoryId: row.categoryId, delivery: row.delivery, endpoint: row.endpoint, email: row.email },
    });
    return present(row);
  });
}

export async function updateOpen311Route(ctx: Ctx, actor: StaffActor, id: string, input: Open311RouteUpdate): Promise<Open311Route> {
  requireTechnicalAdmin(actor);
  return ctx.db.transaction(async (tx) => {
    const current = await routeOf(tx, actor, id);
    const next = { ...current, ...input };
    const missing = missingRouteFields(next);
    if (missing.length)
      throw new AppError(
        "validation_failed",
        `A route by ${next.delivery} needs ${missing.join(", ")}`,
        missing.map((field) => ({ path: `body.${field}`, message: `required for ${next.delivery} routes` })),
      );
    if (next.delivery === "api") checkOutboundUrl(ctx, next.endpoint, "body.endpoint");
    const [row] = await tx.update(open311Routes).set(input).where(eq(open311Routes.id, id)).returning();
    if (!row) throw notFound("The Open311 route");
    // The key itself never enters the audit log.
    await appendAudit(tx, actor, {
      action: "open311_route.changed",
      subjectType: "open311_route",
      subjectId: id,
      detail: { fields: Object.keys(input) },
    });
    return present(row);
  });
}

export async function deleteOpen311Route(ctx: Ctx, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await ctx.db.transaction(async (tx) => {
    await routeOf(tx, actor, id);
    await tx.delete(open311Routes).where(eq(open311Routes.id, id));
    await appendAudit(tx, actor, { action: "open311_route.deleted", subjectType: "open311_route", subjectId: id });
  });
}
