/** Reads of attachments, always scoped by organisation and ticket. */
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { attachments } from "../../db/schema.ts";

/** A ticket's attachments, oldest first; `uploadedBy` narrows to one kind of sender. */
export function listAttachments(
  db: Queryable,
  organisationId: string,
  ticketId: string,
  uploadedBy?: (typeof attachments.$inferSelect)["uploadedBy"],
) {
  return db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.organisationId, organisationId),
        eq(attachments.ticketId, ticketId),
        uploadedBy ? eq(attachments.uploadedBy, uploadedBy) : undefined,
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** One attachment of one ticket, or undefined. */
export async function findAttachment(db: Queryable, organisationId: string, ticketId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.organisationId, organisationId), eq(attachments.ticketId, ticketId), eq(attachments.id, attachmentId)));
  return row;
}
