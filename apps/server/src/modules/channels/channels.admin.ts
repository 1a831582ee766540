/**
 * Inbound channels for technical admins: list, create (the secret is shown once), change. The
 * secret authenticates incoming messages and signs outgoing replies. Every change is audited.
 */
import type { CreatedInboundChannel, InboundChannel, InboundChannelList, InboundChannelUpdate, NewInboundChannel } from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { inboundChannels } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { assertCategory } from "../api-clients/api-clients.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import { refusedHost } from "../webhooks/webhook-http.ts";
import { newWebhookSecret } from "../webhooks/webhook-signature.ts";

type Ctx = Pick<AppContext, "db" | "config">;

const present = (r: typeof inboundChannels.$inferSelect): InboundChannel => ({
  id: r.id,
  key: r.key,
  name: r.name,
  mapping: r.mapping,
  categoryId: r.categoryId,
  language: r.language,
  replyUrl: r.replyUrl,
  active: r.active,
  createdAt: iso(r.createdAt),
});

/** Reply URLs follow the webhook address policy. */
export function checkOutboundUrl(ctx: Ctx, url: string | null | undefined, path: string) {
  if (!url || ctx.config.webhooks.allowPrivate) return;
  const refused = refusedHost(new URL(url));
  if (refused) throw new AppError("validation_failed", `The address may not be ${refused}`, [{ path, message: refused }]);
}

async function channelOf(db: Queryable, actor: StaffActor, id: string) {
  const [row] = await db
    .select()
    .from(inboundChannels)
    .where(and(eq(inboundChannels.organisationId, actor.organisationId), eq(inboundChannels.id, id)));
  if (!row) throw notFound("The channel");
  return row;
}

export async function listChannels(ctx: Ctx, actor: StaffActor): Promise<InboundChannelList> {
  requireTechnicalAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(inboundChannels)
    .where(eq(inboundChannels.organisationId, actor.organisationId))
    .orderBy(asc(inboundChannels.name), asc(inboundChannels.id));
  return { items: rows.map(present) };
}

export async function createChannel(ctx: Ctx, actor: StaffActor, input: NewInboundChannel): Promise<CreatedInboundChannel> {
  requireTechnicalAdmin(actor);
  await assertCategory(ctx.db, actor.organisationId, input.categoryId, "body.categoryId");
  checkOutboundUrl(ctx, input.replyUrl, "body.replyUrl");
  const [taken] = await ctx.db.select({ id: inboundChannels.id }).from(inboundChannels).where(eq(inboundChannels.key, input.key));
  if (taken) throw new AppError("conflict", "A channel with this key exists", [{ path: "body.key", message: "taken" }]);
  const secret = newWebhookSecret();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inboundChannels)
      .values({
        organisationId: actor.organisationId,
        key: input.key,
        name: input.name,
        secret,
        mapping: input.mapping,
        categoryId: input.categoryId,
        language: input.language ?? "fi",
        replyUrl: input.replyUrl ?? null,
        active: input.active ?? true,
      })
      .returning();
    if (!row) throw new Error("channel not created");
    await appendAudit(tx, actor, {
      action: "channel.created",
      subjectType: "inbound_channel",
      subjectId: row.id,
      detail: { key: row.key },
    });
    return { ...present(row), secret };
  });
}

export async function updateChannel(ctx: Ctx, actor: StaffActor, id: string, input: InboundChannelUpdate): Promise<InboundChannel> {
  requireTechnicalAdmin(actor);
  await assertCategory(ctx.db, actor.organisationId, input.categoryId, "body.categoryId");
  checkOutboundUrl(ctx, input.replyUrl, "body.replyUrl");
  return ctx.db.transaction(async (tx) => {
    await channelOf(tx, actor, id);
    const [row] = await tx.update(inboundChannels).set(input).where(eq(inboundChannels.id, id)).returning();
    if (!row) throw notFound("The channel");
    await appendAudit(tx, actor, {
      action: "channel.changed",
      subjectType: "inbound_channel",
      subjectId: id,
      detail: { fields: Object.keys(input) },
    });
    return present(row);
  });
}
