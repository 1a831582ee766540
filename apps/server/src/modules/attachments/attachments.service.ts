/**
 * Attachments of contacts: a resident adds photos and PDFs with their tracking token; staff who
 * may see the ticket download them (an audited read of personal data). A PDF is scanned before it
 * is stored; a resident's photo is stored as sent in quarantine and cleaned and scanned by a job
 * (photo-cleaning.ts). The row and its `ticket.attachment_added` event are written in one
 * transaction only after the file is durable in the store.
 */
import type { Readable } from "node:stream";
import type { PublicAttachment } from "@yhteys/contracts";
import { and, count, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { attachments, tickets } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { appendAudit } from "../audit/audit.ts";
import type { Actor, StaffActor } from "../auth/actor.ts";
import { hashToken } from "../auth/tokens.ts";
import { enqueueJobs } from "../jobs/jobs.ts";
import type { Organisation } from "../organisations/organisations.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { accessColumns, canSeeTicket } from "../tickets/tickets.access.ts";
import { assertQueues } from "../tickets/tickets.queries.ts";
import { type PreparedFile, type SniffedFile, sha256 } from "./attachment-files.ts";
import { storageKeyOf } from "./attachment-store.ts";
import { isServable, toPublicAttachment } from "./attachments.presenter.ts";
import { findAttachment } from "./attachments.queries.ts";
import type { ScanResult } from "./scanner.ts";

/** The original or its thumbnail. */
export type Variant = "original" | "thumbnail";

/** A file to send: its bytes and what the response headers need. */
export type AttachmentDownload = { stream: Readable; contentType: string; fileName: string };

/** The ticket that a tracking token opens, within the organisation; 404 otherwise. */
export async function ticketByToken(db: Queryable, org: Organisation, token: string) {
  const [ticket] = await db
    .select({ id: tickets.id, organisationId: tickets.organisationId })
    .from(tickets)
    .where(and(eq(tickets.organisationId, org.id), eq(tickets.trackingTokenHash, hashToken(token))));
  if (!ticket) throw notFound("The contact");
  return ticket;
}

const countAttachments = async (db: Queryable, ticketId: string) =>
  (await db.select({ n: count() }).from(attachments).where(eq(attachments.ticketId, ticketId)))[0]?.n ?? 0;

/** 409 when the ticket already has as many attachments as allowed. */
export async function assertRoomForAttachment(ctx: AppContext, ticketId: string, db: Queryable = ctx.db) {
  const max = ctx.config.attachments.maxFiles;
  if ((await countAttachments(db, ticketId)) >= max)
    throw new AppError("too_many_attachments", `A contact can have at most ${max} attachments`);
}

/** Scans a file; an unreachable scanner leaves it `pending` (stored, never served) rather than lost. */
async function scan(ctx: AppContext, data: Buffer, log: (error: unknown) => void): Promise<ScanResult | { status: "pending" }> {
  try {
    return await ctx.scanner.scan(data);
  } catch (error) {
    log(error);
    return { status: "pending" };
  }
}

type NewAttachment = Omit<typeof attachments.$inferInsert, "organisationId" | "ticketId" | "uploadedBy">;

/**
 * Writes an attachment row, touches the ticket and records `ticket.attachment_added`, in one
 * transaction that first checks the limit under the ticket's lock; `also` adds to it (a job).
 * The files named by `keys` must already be durable; they are removed if the transaction fails.
 */
async function recordAttachment(
  ctx: AppContext,
  ticket: { id: string; organisationId: string },
  values: NewAttachment & { id: string },
  actor: Actor,
  keys: string[],
  log: (error: unknown) => void,
  also: (tx: Queryable) => Promise<unknown> = async () => {},
  eventData: Record<string, unknown> = {},
): Promise<PublicAttachment> {
  try {
    const { row, notice } = await ctx.db.transaction(async (tx) => {
      await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ticket.id)).for("update");
      await assertRoomForAttachment(ctx, ticket.id, tx);
      const [row] = await tx
        .insert(attachments)
        .values({ ...values, organisationId: ticket.organisationId, ticketId: ticket.id, uploadedBy: actor.kind })
        .returning();
      if (!row) throw new Error("attachment insert returned nothing");
      await tx.update(tickets).set({ updatedAt: sql`now()` }).where(eq(tickets.id, ticket.id));
      await also(tx);
      const notice = await recordEvent(tx, {
        organisationId: ticket.organisationId,
        ticketId: ticket.id,
        type: "ticket.attachment_added",
        actor,
        data: {
          attachmentId: row.id,
          fileName: row.fileName,
          contentType: row.contentType,
          size: row.size,
          status: row.status,
          ...(row.rejectedReason ? { rejectedReason: row.rejectedReason } : {}),
          scanStatus: row.scanStatus,
          ...eventData,
        },
      });
      return { row, notice };
    });
    ctx.events.publish([notice]);
    return toPublicAttachment(row);
  } catch (e) {
    await Promise.all(keys.map((key) => ctx.attachmentStore.remove(key).catch(log)));
    throw e;
  }
}

/**
 * Stores a prepared (cleaned) file on a ticket and records `ticket.attachment_added`. Infected
 * files are kept in quarantine (for the record, never served), rejected, and get no thumbnail.
 */
export async function addAttachment(
  ctx: AppContext,
  ticket: { id: string; organisationId: string },
  file: PreparedFile,
  actor: Actor,
  log: (error: unknown) => void,
): Promise<PublicAttachment> {
  const result = await scan(ctx, file.data, log);
  const id = crypto.randomUUID();
  const infected = result.status === "infected";
  const storageKey = storageKeyOf(ticket, id, infected);
  const thumbnail = infected ? null : file.thumbnail;
  const keys = [storageKey, ...(thumbnail ? [`${storageKey}.thumb`] : [])];
  await ctx.attachmentStore.put(storageKey, file.data);
  if (thumbnail)
    await ctx.attachmentStore.put(`${storageKey}.thumb`, thumbnail).catch(async (e) => {
      await ctx.attachmentStore.remove(storageKey).catch(log);
      throw e;
    });
  const values = {
    id,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.data.length,
    sha256: file.sha256,
    storageKey,
    hasThumbnail: thumbnail !== null,
    scanStatus: result.status,
    status: infected ? "rejected" : "ready",
    rejectedReason: infected ? "infected" : null,
  } as const;
  const signature = "signature" in result && result.signature ? { signature: result.signature } : {};
  return recordAttachment(ctx, ticket, values, actor, keys, log, undefined, signature);
}

/**
 * Accepts a photo for cleaning in the background: its original goes to quarantine (never served),
 * and its row (`processing`) and cleaning job are committed together, so that an acknowledged
 * upload is either cleaned or rejected later, never lost. Answers at once with the row.
 */
export async function addPhotoForCleaning(
  ctx: AppContext,
  ticket: { id: string; organisationId: string },
  file: SniffedFile,
  actor: Actor,
  log: (error: unknown) => void,
): Promise<PublicAttachment> {
  const id = crypto.randomUUID();
  const storageKey = storageKeyOf(ticket, id, true);
  await ctx.attachmentStore.put(storageKey, file.data);
  const values = {
    id,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.data.length,
    sha256: sha256(file.data),
    storageKey,
    hasThumbnail: false,
    scanStatus: "pending",
    status: "processing",
  } as const;
  const created = await recordAttachment(ctx, ticket, values, actor, [storageKey], log, (tx) =>
    enqueueJobs(tx, ctx.jobKinds.photoCleaning, [
      { organisationId: ticket.organisationId, payload: { attachmentId: id, originalKey: storageKey }, dedupeKey: id },
    ]),
  );
  ctx.jobs.nudge();
  return created;
}

/** Opens a stored file (or its thumbnail); quarantined and unscanned files are refused. */
export async function download(
  ctx: AppContext,
  row: typeof attachments.$inferSelect | undefined,
  variant: Variant,
): Promise<AttachmentDownload> {
  if (!row) throw notFound("The attachment");
  if (!isServable(row))
    throw new AppError(
      "attachment_unavailable",
      row.scanStatus === "infected"
        ? "The virus scan found malware in this file; it is quarantined"
        : row.status === "processing"
          ? "The photo is still being processed"
          : row.status === "rejected"
            ? "The photo could not be read, so it is not shown"
            : "The file has not been scanned yet",
    );
  if (variant === "thumbnail") {
    if (!row.hasThumbnail) throw notFound("The thumbnail");
    const fileName = row.fileName.replace(/\.[^.]+$/, ".webp");
    return { stream: await ctx.attachmentStore.open(`${row.storageKey}.thumb`), contentType: "image/webp", fileName };
  }
  return { stream: await ctx.attachmentStore.open(row.storageKey), contentType: row.contentType, fileName: row.fileName };
}

/** A staff download: the caller must be able to see the ticket (else 404); the read is audited. */
export async function staffDownload(
  ctx: AppContext,
  actor: StaffActor,
  ticketId: string,
  attachmentId: string,
  variant: Variant,
): Promise<AttachmentDownload> {
  assertQueues(actor);
  const [ticket] = await ctx.db
    .select(accessColumns)
    .from(tickets)
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
  if (!ticket || !canSeeTicket(actor, ticket)) throw notFound("The ticket");
  const file = await download(ctx, await findAttachment(ctx.db, actor.organisationId, ticketId, attachmentId), variant);
  try {
    await appendAudit(ctx.db, actor, {
      action: variant === "original" ? "attachment.downloaded" : "attachment.thumbnail_viewed",
      subjectType: "ticket",
      subjectId: ticketId,
      detail: { attachmentId },
    });
  } catch (e) {
    file.stream.destroy();
    throw e;
  }
  return file;
}

/** A resident's download of a file they attached, by their tracking token. */
export async function residentDownload(
  ctx: AppContext,
  org: Organisation,
  token: string,
  attachmentId: string,
  variant: Variant,
): Promise<AttachmentDownload> {
  const ticket = await ticketByToken(ctx.db, org, token);
  const row = await findAttachment(ctx.db, org.id, ticket.id, attachmentId);
  return download(ctx, row?.uploadedBy === "resident" ? row : undefined, variant);
}
