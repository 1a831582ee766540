/**
 * Special categories of personal data (REQUIREMENTS M10, D1): health, social welfare and the like.
 * A flagged ticket opens only to members of groups with sensitive access (tickets.access.ts), so it
 * may only be flagged, forwarded or sent for comment where such a member will handle it.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { attachments, groupMemberships, handlerGroups, publications } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";

/**
 * Takes a newly flagged ticket off the public feedback map: its text and photos were published
 * before anyone saw that they hold special categories of personal data.
 */
export async function withdrawPublication(tx: Tx, ticketId: string): Promise<boolean> {
  const removed = await tx.delete(publications).where(eq(publications.ticketId, ticketId)).returning({ id: publications.ticketId });
  if (removed.length) await tx.update(attachments).set({ published: false }).where(eq(attachments.ticketId, ticketId));
  return removed.length > 0;
}

export const sensitiveNotAllowed = "may not open tickets with special categories of personal data";

/** Refuses a group or a person who could not open a flagged ticket; `path` names the field in the error. */
export async function assertMayReceiveSensitive(
  tx: Tx,
  organisationId: string,
  target: { groupId?: string | null | undefined; userId?: string | null | undefined },
  paths: { group: string; user: string },
) {
  if (target.groupId) {
    const [group] = await tx
      .select({ ok: handlerGroups.sensitiveAccess })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, organisationId), eq(handlerGroups.id, target.groupId)));
    if (!group?.ok)
      throw new AppError("validation_failed", "The group may not open this ticket", [{ path: paths.group, message: sensitiveNotAllowed }]);
  }
  if (target.userId) {
    const [member] = await tx
      .select({ ok: sql<boolean>`true` })
      .from(groupMemberships)
      .innerJoin(handlerGroups, eq(handlerGroups.id, groupMemberships.groupId))
      .where(and(eq(groupMemberships.userId, target.userId), eq(handlerGroups.sensitiveAccess, true)))
      .limit(1);
    if (!member)
      throw new AppError("validation_failed", "The person may not open this ticket", [{ path: paths.user, message: sensitiveNotAllowed }]);
  }
}
