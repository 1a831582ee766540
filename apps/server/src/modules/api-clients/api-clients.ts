/**
 * API clients (the city's mobile app, telephony, other systems) for technical admins: each has its
 * own key (shown once, stored as a hash) and permissions. Every change is an audit entry.
 */
import type { ApiClient, ApiClientList, ApiClientUpdate, CreatedApiClient, NewApiClient } from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Store } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { apiClients, categories } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import { iso } from "../tickets/tickets.presenter.ts";

const present = (r: typeof apiClients.$inferSelect): ApiClient => ({
  id: r.id,
  name: r.name,
  permissions: r.permissions,
  defaultCategoryId: r.defaultCategoryId,
  active: r.active,
  createdAt: iso(r.createdAt),
});

async function clientOf(db: Queryable, actor: StaffActor, id: string) {
  const [row] = await db
    .select()
    .from(apiClients)
    .where(and(eq(apiClients.organisationId, actor.organisationId), eq(apiClients.id, id)));
  if (!row) throw notFound("The API client");
  return row;
}

/** A category of the actor's organisation, or a validation error on `path`. */
export async function assertCategory(db: Queryable, organisationId: string, id: string | null | undefined, path: string) {
  if (!id) return;
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.organisationId, organisationId), eq(categories.id, id)));
  if (!row) throw new AppError("validation_failed", "Unknown category", [{ path, message: "unknown category" }]);
}

export async function listApiClients(store: Store, actor: StaffActor): Promise<ApiClientList> {
  requireTechnicalAdmin(actor);
  const rows = await store.db
    .select()
    .from(apiClients)
    .where(eq(apiClients.organisationId, actor.organisationId))
    .orderBy(asc(apiClients.createdAt), asc(apiClients.id));
  return { items: rows.map(present) };
}

/** Creates a client with a new key, which this answer carries and no later one does. */
export async function createApiClient(store: Store, actor: StaffActor, input: NewApiClient): Promise<CreatedApiClient> {
  requireTechnicalAdmin(actor);
  await assertCategory(store.db, actor.organisationId, input.defaultCategoryId, "body.defaultCategoryId");
  const apiKey = newToken();
  return store.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiClients)
      .values({
        organisationId: actor.organisationId,
        name: input.name,
        keyHash: hashToken(apiKey),
        permissions: [...new Set(input.permissions ?? [])],
        defaultCategoryId: input.defaultCategoryId ?? null,
      })
      .returning();
    if (!row) throw new Error("API client not created");
    await appendAudit(tx, actor, {
      action: "api_client.created",
      subjectType: "api_client",
      subjectId: row.id,
      detail: { name: row.name, permissions: row.permissions },
    });
    return { ...present(row), apiKey };
  });
}

export async function updateApiClient(store: Store, actor: StaffActor, id: string, input: ApiClientUpdate): Promise<ApiClient> {
  requireTechnicalAdmin(actor);
  await assertCategory(store.db, actor.organisationId, input.defaultCategoryId, "body.defaultCategoryId");
  return store.db.transaction(async (tx) => {
    await clientOf(tx, actor, id);
    const [row] = await tx
      .update(apiClients)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.permissions !== undefined ? { permissions: [...new Set(input.permissions)] } : {}),
        ...(input.defaultCategoryId !== undefined ? { defaultCategoryId: input.defaultCategoryId } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      .where(eq(apiClients.id, id))
      .returning();
    if (!row) throw notFound("The API client");
    await appendAudit(tx, actor, { action: "api_client.changed", subjectType: "api_client", subjectId: id, detail: { ...input } });
    return present(row);
  });
}
