/**
 * Internal notes and @mentions in them (REQUIREMENTS M3, M8). A note may mention colleagues: their
 * ids are stored with the note and in its `ticket.noted` event, and the notifications consumer tells
 * each of them (not the author). A mention gives no access: only colleagues who may already open
 * the ticket can be mentioned (`mentionCandidates`), and any other id refuses the whole note.
 */
import type { MentionCandidates, Note } from "@yhteys/contracts";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Store } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { ticketMessages, tickets } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { awayNow } from "../absence/absence.ts";
import type { StaffActor } from "../auth/actor.ts";
import { readersOf } from "../requests/requests.ts";
import { accessColumns, canSeeDirectory, canSeeTicket } from "../tickets/tickets.access.ts";
import { changeTicket } from "../tickets/tickets.service.ts";

/** Only those who may look up colleagues (handlers, not partners) may mention them. */
const assertMayMention = (actor: StaffActor) => {
  if (!canSeeDirectory(actor)) throw forbidden("Your role cannot mention colleagues");
};

/** Colleagues the actor may mention in a note on the ticket: everyone else who may open it, by name. */
export async function mentionCandidates(db: Db, actor: StaffActor, ticketId: string): Promise<MentionCandidates> {
  // By role first: a refusal says nothing of whether the ticket exists.
  assertMayMention(actor);
  const [ticket] = await db
    .select({ id: tickets.id, ...accessColumns })
    .from(tickets)
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
  if (!ticket || !canSeeTicket(actor, ticket)) throw notFound("The ticket");
  const readers = (await readersOf(db, actor.organisationId, ticket))
    .filter((r) => r.userId !== actor.userId)
    .sort((a, b) => a.name.localeCompare(b.name, "fi"));
  const away = await awayNow(
    db,
    actor.organisationId,
    readers.map((r) => r.userId),
  );
  return { items: readers.map((r) => ({ id: r.userId, name: r.name, role: r.role, groupIds: r.groupIds, ...away(r.userId) })) };
}

/** Adds an internal note; mentioned colleagues must be able to open the ticket and be named in the text. */
export function addNote(store: Store, actor: StaffActor, ticketId: string, input: z.output<typeof Note>) {
  const mentions = input.mentions ?? [];
  return changeTicket(store, actor, ticketId, "note", async (tx, ticket, event) => {
    if (mentions.length) {
      assertMayMention(actor);
      const readers = new Map((await readersOf(tx, actor.organisationId, ticket, mentions)).map((r) => [r.userId, r]));
      const errors = mentions.flatMap((id, i) => {
        const reader = readers.get(id);
        if (!reader) return [{ path: `mentions.${i}`, message: "not a colleague who may open this ticket" }];
        if (!input.body.includes(`@${reader.name}`)) return [{ path: `mentions.${i}`, message: `"@${reader.name}" is not in the text` }];
        return [];
      });
      if (errors.length) throw new AppError("unprocessable", "Some mentioned colleagues cannot be mentioned here", errors);
    }
    const [message] = await tx
      .insert(ticketMessages)
      .values({
        organisationId: actor.organisationId,
        ticketId: ticket.id,
        kind: "note",
        authorUserId: actor.userId,
        body: input.body,
        mentions,
      })
      .returning({ id: ticketMessages.id });
    await event("ticket.noted", { messageId: message?.id, ...(mentions.length ? { mentions } : {}) });
  });
}
