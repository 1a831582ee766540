/**
 * Context for the staff ticket view (REQUIREMENTS M9): the customer's other tickets (same email
 * or phone, across the organisation's customer rows) and tickets nearby. Both list only tickets
 * the caller may open, and nothing personal; external partners and internal customers get neither.
 */
import { CUSTOMER_TICKETS_LIMIT, type CustomerTicketList, type NearbyTicketList } from "@yhteys/contracts";
import { and, desc, eq, ne, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { categories, customers, tickets } from "../../db/schema.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { auditRead } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { nearbyTickets } from "../nearby/nearby.queries.ts";
import { normalisePhone } from "../phone/phone.service.ts";
import { canSeeTicket, visibleTickets } from "../tickets/tickets.access.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import { assertQueues } from "../tickets/tickets.queries.ts";

/**
 * The ticket the context is asked for, if the caller may open it. Partners see only tickets given
 * to them, so a ticket's surroundings are none of their business.
 */
async function baseTicket(db: Db, actor: StaffActor, ticketId: string) {
  assertQueues(actor);
  if (actor.role === "external_partner") throw forbidden("External partners do not see other tickets of the customer or nearby");
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
  if (!ticket || !canSeeTicket(actor, ticket)) throw notFound("The ticket");
  return ticket;
}

/**
 * `normalisePhone` in SQL, for stored numbers: digits and a leading `+`; `00` and a Finnish
 * national `0` become international.
 */
const normalisedPhone = (column: SQL.Aliased | typeof customers.phone) => {
  const digits = sql`regexp_replace(${column}, '[^0-9+]', '', 'g')`;
  return sql`CASE WHEN ${digits} LIKE '+%' THEN '+' || replace(substr(${digits}, 2), '+', '')
    WHEN ${digits} LIKE '00%' THEN '+' || substr(${digits}, 3)
    WHEN ${digits} LIKE '0%' THEN '+358' || substr(${digits}, 2)
    ELSE ${digits} END`;
};

/**
 * The customer's other tickets the caller may open, newest first: matched by the same email
 * (case and surrounding spaces ignored) or the same phone number (however written). The read is
 * audited on the customer, since it links their contacts.
 */
export async function customerTickets(db: Db, actor: StaffActor, ticketId: string): Promise<CustomerTicketList> {
  const ticket = await baseTicket(db, actor, ticketId);
  const [customer] = ticket.customerId ? await db.select().from(customers).where(eq(customers.id, ticket.customerId)) : [];
  const email = customer?.email?.trim().toLowerCase() || null;
  const phone = customer?.phone ? normalisePhone(customer.phone) : null;
  if (!customer || (!email && !phone)) return { matched: false, items: [], more: 0 };

  const sameCustomer = or(
    email ? eq(sql`lower(${customers.email})`, email) : undefined,
    phone ? eq(normalisedPhone(customers.phone), phone) : undefined,
  );
  const rows = await db
    .select({
      id: tickets.id,
      reference: tickets.reference,
      createdAt: tickets.createdAt,
      categoryId: tickets.categoryId,
      categoryName: categories.name,
      state: tickets.state,
      channel: tickets.channel,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(customers)
    .innerJoin(tickets, eq(tickets.customerId, customers.id))
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .where(and(eq(customers.organisationId, actor.organisationId), sameCustomer, ne(tickets.id, ticket.id), visibleTickets(actor)))
    .orderBy(desc(tickets.createdAt), desc(tickets.reference))
    .limit(CUSTOMER_TICKETS_LIMIT);
  await auditRead(db, actor, {
    action: "customer.tickets_read",
    subjectType: "customer",
    subjectId: customer.id,
    detail: { ticketId: ticket.id, shown: rows.length, ...(ticket.sensitive ? { sensitive: true } : {}) },
  });
  const total = rows[0]?.total ?? 0;
  return {
    matched: true,
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      createdAt: iso(r.createdAt),
      category: { id: r.categoryId, name: r.categoryName },
      state: r.state,
      channel: r.channel,
    })),
    more: Math.max(0, total - rows.length),
  };
}

/** Tickets near the ticket's location that the caller may open, nearest first. */
export async function ticketsNearby(db: Db, actor: StaffActor, ticketId: string, radius: number): Promise<NearbyTicketList> {
  const ticket = await baseTicket(db, actor, ticketId);
  if (ticket.lat === null || ticket.lon === null) return { located: false, radius, items: [] };
  const items = await nearbyTickets(db, visibleTickets(actor), { lat: ticket.lat, lon: ticket.lon }, radius, ticket.id);
  return { located: true, radius, items };
}
