/**
 * The public links of a ticket's approved photos (REQUIREMENTS I4): only photos that staff approved
 * when publishing the ticket (modules/publishing) have a public address, so only those leave for an
 * external system, as Open311 `media_url` or as links in a forwarding email.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { attachments, organisations, publications, tickets } from "../../db/schema.ts";
import { isServable } from "../attachments/attachments.presenter.ts";
import { photoPath } from "../publishing/feedback.queries.ts";

/** Absolute URLs of the ticket's published photos, oldest first (none when the ticket is not published). */
export async function publishedPhotoUrls(db: Queryable, ticketId: string, publicUrl: string): Promise<string[]> {
  const rows = await db
    .select({
      id: attachments.id,
      status: attachments.status,
      scanStatus: attachments.scanStatus,
      reference: tickets.reference,
      slug: organisations.slug,
    })
    .from(attachments)
    .innerJoin(publications, eq(publications.ticketId, attachments.ticketId))
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    // Publishing approves cleaned, clean images only; that is checked again, as at the photo endpoint.
    .where(and(eq(attachments.ticketId, ticketId), eq(attachments.published, true)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  const base = publicUrl.replace(/\/+$/, "");
  return rows.filter(isServable).map((r) => `${base}${photoPath(r.slug, r.reference, r.id)}`);
}
