/**
 * Publishing a ticket to the public feedback map and list (REQUIREMENTS M5): the handler gets a
 * draft with personal data already removed, confirms (or edits) the texts, approves photos one by
 * one, and publishes; unpublishing withdraws the contact, its answer and its photos everywhere.
 * Both are ticket changes (events `ticket.published` / `ticket.unpublished`). A contact whose
 * resident refused publishing on the form is never published; one not asked (other channels) may be.
 */
import type { Publication, PublicationDraft, PublishingSettings, PublishRequest } from "@yhteys/contracts";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Store } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { attachments, publications, publishingSettings, ticketMessages, tickets, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { isServable } from "../attachments/attachments.presenter.ts";
import { listAttachments } from "../attachments/attachments.queries.ts";
import { auditRead } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { allowedActions, canSeeTicket } from "../tickets/tickets.access.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import { changeTicket } from "../tickets/tickets.service.ts";
import { findPersonalData } from "./redact.ts";

type AttachmentRow = typeof attachments.$inferSelect;

/** Only clean photos can be published. */
const publishablePhoto = (a: AttachmentRow) => a.contentType.startsWith("image/") && isServable(a);

export async function settingsOf(db: Queryable, organisationId: string): Promise<PublishingSettings> {
  const [row] = await db.select().from(publishingSettings).where(eq(publishingSettings.organisationId, organisationId));
  return { removeStreetNumbers: row?.removeStreetNumbers ?? false };
}

export async function saveSettings(db: Queryable, actor: StaffActor, settings: PublishingSettings): Promise<PublishingSettings> {
  requireTechnicalAdmin(actor);
  await db
    .insert(publishingSettings)
    .values({ organisationId: actor.organisationId, ...settings })
    .onConflictDoUpdate({ target: publishingSettings.organisationId, set: { ...settings, updatedAt: new Date() } });
  return settings;
}

async function publicationOf(db: Queryable, ticketId: string): Promise<Publication | null> {
  const [row] = await db
    .select({ p: publications, by: users.name })
    .from(publications)
    .leftJoin(users, eq(users.id, publications.publishedBy))
    .where(eq(publications.ticketId, ticketId));
  if (!row) return null;
  const photos = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.ticketId, ticketId), eq(attachments.published, true)));
  return {
    publicText: row.p.publicText,
    publicAnswer: row.p.publicAnswer,
    publishedAt: iso(row.p.publishedAt),
    updatedAt: iso(row.p.updatedAt),
    publishedBy: row.by,
    photoIds: photos.map((p) => p.id),
  };
}

/**
 * The publish panel's content: the current publication, the description and the latest reply
 * with personal data marked for removal, and the photos that could be approved. Reading it shows
 * the resident's own text, so it is an audited read.
 */
export async function publicationDraft(db: Queryable, actor: StaffActor, ticketId: string): Promise<PublicationDraft> {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
  if (!ticket || !canSeeTicket(actor, ticket)) throw notFound("The ticket");
  if (!allowedActions(actor).includes("publish")) throw forbidden();
  const [settings, [reply], files, publication] = await Promise.all([
    settingsOf(db, actor.organisationId),
    db
      .select({ body: ticketMessages.body })
      .from(ticketMessages)
      .where(and(eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.kind, "reply")))
      .orderBy(desc(ticketMessages.createdAt))
      .limit(1),
    listAttachments(db, actor.organisationId, ticketId),
    publicationOf(db, ticketId),
  ]);
  await auditRead(db, actor, { action: "ticket.publication_draft_read", subjectType: "ticket", subjectId: ticketId });
  const options = { language: ticket.language, streetNumbers: settings.removeStreetNumbers };
  const proposal = (original: string) => ({ original, removals: findPersonalData(original, options) });
  return {
    publication,
    text: proposal(ticket.description),
    answer: reply ? proposal(reply.body) : null,
    photos: files.filter(publishablePhoto).map((a) => ({ id: a.id, fileName: a.fileName, hasThumbnail: a.hasThumbnail })),
  };
}

/** Publishes the ticket, or changes what is published; the photos not listed become private again. */
export async function publishTicket(store: Store, actor: StaffActor, ticketId: string, request: PublishRequest) {
  const body = {
    publicAnswer: request.publicAnswer?.trim() || null,
    photoIds: [...new Set(request.photoIds ?? [])],
    removalsKept: request.removalsKept ?? 0,
    removalsUndone: request.removalsUndone ?? 0,
  };
  await changeTicket(store, actor, ticketId, "publish", async (tx, ticket, event) => {
    if (ticket.publishConsent === false)
      throw new AppError(
        "publish_consent_refused",
        "The resident said on the contact form that their message and the city's answer may not be published",
      );
    if (ticket.sensitive)
      throw new AppError("validation_failed", "A ticket with special categories of personal data is never published", [
        { path: "sensitive", message: "flagged ticket" },
      ]);
    const photos = body.photoIds.length
      ? await tx
          .select()
          .from(attachments)
          .where(and(eq(attachments.ticketId, ticket.id), inArray(attachments.id, body.photoIds)))
      : [];
    const bad = body.photoIds.filter((id) => !photos.some((p) => p.id === id && publishablePhoto(p)));
    if (bad.length)
      throw new AppError(
        "validation_failed",
        "Only clean photos of this ticket can be published",
        bad.map((id) => ({ path: "photoIds", message: `${id} is not a publishable photo of this ticket` })),
      );
    const [earlier] = await tx.select({ id: publications.ticketId }).from(publications).where(eq(publications.ticketId, ticket.id));
    const values = { publicText: request.publicText.trim(), publicAnswer: body.publicAnswer, publishedBy: actor.userId };
    if (earlier)
      await tx
        .update(publications)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(publications.ticketId, ticket.id));
    else await tx.insert(publications).values({ ticketId: ticket.id, organisationId: ticket.organisationId, ...values });
    await tx.update(attachments).set({ published: false }).where(eq(attachments.ticketId, ticket.id));
    if (body.photoIds.length)
      await tx
        .update(attachments)
        .set({ published: true })
        .where(and(eq(attachments.ticketId, ticket.id), inArray(attachments.id, body.photoIds)));
    // Counts only: the history must not copy the texts (or what was removed from them).
    await event("ticket.published", {
      republished: Boolean(earlier),
      withAnswer: body.publicAnswer !== null,
      photos: body.photoIds.length,
      removalsKept: body.removalsKept,
      removalsUndone: body.removalsUndone,
    });
  });
}

/** Withdraws the ticket, its answer and its photos from the public map, list, feeds and photo endpoint. */
export async function unpublishTicket(store: Store, actor: StaffActor, ticketId: string) {
  await changeTicket(store, actor, ticketId, "publish", async (tx, ticket, event) => {
    const removed = await tx.delete(publications).where(eq(publications.ticketId, ticket.id)).returning({ id: publications.ticketId });
    if (!removed.length) throw new AppError("conflict", "The ticket is not published");
    await tx.update(attachments).set({ published: false }).where(eq(attachments.ticketId, ticket.id));
    await event("ticket.unpublished", {});
  });
}
