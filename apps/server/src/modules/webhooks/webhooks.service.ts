/**
 * Webhook subscriptions for technical admins: list, create (the secret is shown once), change and
 * delete. Every change is an audit entry in the same transaction; the secret never is.
 */
import type {
  CreatedWebhookSubscription,
  NewWebhookSubscription,
  WebhookSubscription,
  WebhookSubscriptionList,
  WebhookSubscriptionUpdate,
} from "@yhteys/contracts";
import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { users, webhookSubscriptions } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { refusedHost } from "./webhook-http.ts";
import { newWebhookSecret } from "./webhook-signature.ts";
import { presentSubscription } from "./webhooks.presenter.ts";

type Ctx = Pick<AppContext, "db" | "config">;

const { secret: _secret, ...publicColumns } = getTableColumns(webhookSubscriptions);

async function subscriptionsOf(db: Queryable, organisationId: string, id?: string): Promise<WebhookSubscription[]> {
  const rows = await db
    .select({ ...publicColumns, creatorName: users.name })
    .from(webhookSubscriptions)
    .leftJoin(users, eq(users.id, webhookSubscriptions.createdBy))
    .where(and(eq(webhookSubscriptions.organisationId, organisationId), id ? eq(webhookSubscriptions.id, id) : undefined))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return rows.map(presentSubscription);
}

/** One subscription of the actor's organisation (404 for another organisation's). */
export async function getSubscription(db: Queryable, actor: StaffActor, id: string): Promise<WebhookSubscription> {
  const [subscription] = await subscriptionsOf(db, actor.organisationId, id);
  if (!subscription) throw notFound("The webhook subscription");
  return subscription;
}

/** In production, receivers on loopback or private addresses need WEBHOOK_ALLOW_PRIVATE=true. */
function checkReceiver(ctx: Ctx, url: string | undefined) {
  if (!url || ctx.config.webhooks.allowPrivate) return;
  const refused = refusedHost(new URL(url));
  if (refused) throw new AppError("validation_failed", `Webhooks may not go to ${refused}`, [{ path: "body.url", message: refused }]);
}

export async function listSubscriptions(ctx: Ctx, actor: StaffActor): Promise<WebhookSubscriptionList> {
  requireTechnicalAdmin(actor);
  return { items: await subscriptionsOf(ctx.db, actor.organisationId) };
}

/** Creates a subscription with a new secret, which this answer carries and no later one does. */
export async function createSubscription(ctx: Ctx, actor: StaffActor, input: NewWebhookSubscription): Promise<CreatedWebhookSubscription> {
  requireTechnicalAdmin(actor);
  checkReceiver(ctx, input.url);
  const secret = newWebhookSecret();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        organisationId: actor.organisationId,
        url: input.url,
        eventTypes: input.eventTypes ?? [],
        description: input.description ?? null,
        active: input.active ?? true,
        secret,
        createdBy: actor.userId,
      })
      .returning({ id: webhookSubscriptions.id });
    if (!row) throw new Error("webhook subscription not created");
    await appendAudit(tx, actor, { action: "webhook.created", subjectType: "webhook", subjectId: row.id, detail: { url: input.url } });
    return { ...(await getSubscription(tx, actor, row.id)), secret };
  });
}

export async function updateSubscription(ctx: Ctx, actor: StaffActor, id: string, update: WebhookSubscriptionUpdate) {
  requireTechnicalAdmin(actor);
  checkReceiver(ctx, update.url);
  return ctx.db.transaction(async (tx) => {
    const changed = await tx
      .update(webhookSubscriptions)
      .set({ ...update, updatedAt: sql`now()` })
      .where(and(eq(webhookSubscriptions.organisationId, actor.organisationId), eq(webhookSubscriptions.id, id)))
      .returning({ id: webhookSubscriptions.id });
    if (!changed.length) throw notFound("The webhook subscription");
    await appendAudit(tx, actor, {
      action: "webhook.updated",
      subjectType: "webhook",
      subjectId: id,
      detail: { fields: Object.keys(update) },
    });
    return getSubscription(tx, actor, id);
  });
}

/** Deletes a subscription with its deliveries and their attempt log. */
export async function deleteSubscription(ctx: Ctx, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.organisationId, actor.organisationId), eq(webhookSubscriptions.id, id)))
      .returning({ url: webhookSubscriptions.url });
    if (!deleted[0]) throw notFound("The webhook subscription");
    await appendAudit(tx, actor, { action: "webhook.deleted", subjectType: "webhook", subjectId: id, detail: { url: deleted[0].url } });
  });
}
