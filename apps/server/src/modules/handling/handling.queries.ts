/** Reads for the ticket view: related tickets, the merge pointers, and the messages of merged duplicates. */
import type { TicketMessage, TicketReference } from "@yhteys/contracts";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client.ts";
import { categories, ticketLinks, ticketMessages, tickets, users } from "../../db/schema.ts";
import { toTicketMessage } from "../tickets/tickets.presenter.ts";

/** Tickets matching `where`, as references: reference, state and category, nothing personal. */
async function referencesWhere(db: Queryable, where: SQL): Promise<TicketReference[]> {
  const rows = await db
    .select({
      id: tickets.id,
      reference: tickets.reference,
      state: tickets.state,
      categoryId: categories.id,
      categoryName: categories.name,
    })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(where)
    .orderBy(asc(tickets.createdAt));
  return rows.map((r) => ({ id: r.id, reference: r.reference, state: r.state, category: { id: r.categoryId, name: r.categoryName } }));
}

export type Related = {
  links: TicketReference[];
  mergedInto: TicketReference | null;
  mergedFrom: TicketReference[];
  /** The duplicates' descriptions (as resident messages) and messages, marked with where they came from. */
  mergedMessages: TicketMessage[];
};

/** `shown` limits the other tickets named (flagged ones stay hidden from those who may not open them). */
export async function relatedOf(
  db: Queryable,
  ticket: { id: string; organisationId: string; mergedIntoId: string | null },
  shown: SQL,
): Promise<Related> {
  const inOrg = and(eq(tickets.organisationId, ticket.organisationId), shown);
  const linked = db
    .select({ id: ticketLinks.otherTicketId })
    .from(ticketLinks)
    .where(eq(ticketLinks.ticketId, ticket.id))
    .union(db.select({ id: ticketLinks.ticketId }).from(ticketLinks).where(eq(ticketLinks.otherTicketId, ticket.id)));
  const [links, mergedInto, mergedFrom] = await Promise.all([
    referencesWhere(db, and(inOrg, inArray(tickets.id, linked)) as SQL),
    ticket.mergedIntoId ? referencesWhere(db, and(inOrg, eq(tickets.id, ticket.mergedIntoId)) as SQL) : Promise.resolve([]),
    referencesWhere(db, and(inOrg, eq(tickets.mergedIntoId, ticket.id)) as SQL),
  ]);
  return { links, mergedInto: mergedInto[0] ?? null, mergedFrom, mergedMessages: await mergedMessages(db, ticket.id) };
}

async function mergedMessages(db: Queryable, ticketId: string): Promise<TicketMessage[]> {
  const duplicates = await db
    .select({ id: tickets.id, reference: tickets.reference, description: tickets.description, createdAt: tickets.createdAt })
    .from(tickets)
    .where(eq(tickets.mergedIntoId, ticketId));
  if (!duplicates.length) return [];
  const author = alias(users, "author");
  const messages = await db
    .select({ m: ticketMessages, author: author.name })
    .from(ticketMessages)
    .leftJoin(author, eq(author.id, ticketMessages.authorUserId))
    .where(
      inArray(
        ticketMessages.ticketId,
        duplicates.map((d) => d.id),
      ),
    )
    .orderBy(asc(ticketMessages.createdAt));
  const from = new Map(duplicates.map((d) => [d.id, { id: d.id, reference: d.reference }]));
  return [
    // The duplicate's own text: what the resident wrote when they sent it.
    ...duplicates.map((d) => toTicketMessage({ ...d, kind: "resident", body: d.description }, null, from.get(d.id))),
    ...messages.map(({ m, author }) => toTicketMessage(m, author, from.get(m.ticketId))),
  ];
}
