/** Reads of tickets for staff, always scoped by what the actor may see. */
import {
  type QueueList,
  type TicketDetail,
  type TicketList,
  type TicketListQuery,
  type TicketState,
  ticketStates,
} from "@yhteys/contracts";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { categories, customers, handlerGroups, ticketEvents, ticketMessages, tickets, users } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { auditRead } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import {
  allowedActions,
  allowedStates,
  canSeeTicket,
  canUseQueues,
  seesAllTickets,
  seesCustomer,
  visibleTickets,
} from "./tickets.access.ts";
import { iso, toTicketDetail, toTicketRow } from "./tickets.presenter.ts";

type ListQuery = z.output<typeof TicketListQuery>;
export const openStates: TicketState[] = ["new", "in_progress", "waiting_for_customer"];

const handler = alias(users, "handler");
const rowColumns = {
  id: tickets.id,
  reference: tickets.reference,
  type: tickets.type,
  state: tickets.state,
  priority: tickets.priority,
  channel: tickets.channel,
  categoryId: tickets.categoryId,
  groupId: tickets.groupId,
  handlerId: tickets.handlerId,
  description: tickets.description,
  address: tickets.address,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  categoryName: categories.name,
  groupName: handlerGroups.name,
  handlerName: handler.name,
};

/** Matches a query in any of the three languages' stemming, and references exactly. */
export const searchMatch = (q: string) =>
  sql`${tickets.searchVector} @@ (websearch_to_tsquery('finnish', ${q}) || websearch_to_tsquery('swedish', ${q}) || websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;
const searchRank = (q: string) =>
  sql`ts_rank(${tickets.searchVector}, websearch_to_tsquery('finnish', ${q}) || websearch_to_tsquery('swedish', ${q}) || websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;

function assertQueues(actor: StaffActor) {
  if (!canUseQueues(actor)) throw new AppError("forbidden", "Your role has no access to the queues");
}

/** One page of a queue, with counts per state of the whole filtered set (for tabs). */
export async function listTickets(db: Db, actor: StaffActor, query: ListQuery): Promise<TicketList> {
  assertQueues(actor);
  const filters: (SQL | undefined)[] = [visibleTickets(actor)];
  if (query.queue === "mine") filters.push(eq(tickets.handlerId, actor.userId));
  else if (query.queue) filters.push(eq(tickets.groupId, query.queue));
  if (query.channel?.length) filters.push(inArray(tickets.channel, query.channel));
  if (query.priority?.length) filters.push(inArray(tickets.priority, query.priority));
  if (query.type?.length) filters.push(inArray(tickets.type, query.type));
  if (query.categoryId) filters.push(eq(tickets.categoryId, query.categoryId));
  if (query.q) filters.push(searchMatch(query.q));
  const base = and(...filters);
  const where = query.state?.length ? and(base, inArray(tickets.state, query.state)) : base;

  const direction = query.order === "asc" ? asc : desc;
  const order =
    query.sort === "relevance" && query.q
      ? [desc(searchRank(query.q)), desc(tickets.createdAt)]
      : query.sort === "priority"
        ? [direction(tickets.priority), desc(tickets.createdAt)]
        : [direction(tickets[query.sort === "relevance" ? "createdAt" : query.sort]), direction(tickets.id)];

  const [rows, counts] = await Promise.all([
    db
      .select(rowColumns)
      .from(tickets)
      .innerJoin(categories, eq(categories.id, tickets.categoryId))
      .leftJoin(handlerGroups, eq(handlerGroups.id, tickets.groupId))
      .leftJoin(handler, eq(handler.id, tickets.handlerId))
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset(query.offset),
    db.select({ state: tickets.state, n: count() }).from(tickets).where(base).groupBy(tickets.state),
  ]);
  const countsByState = Object.fromEntries(ticketStates.map((s) => [s, 0])) as Record<TicketState, number>;
  for (const c of counts) countsByState[c.state] = Number(c.n);
  const states = query.state?.length ? query.state : ticketStates;
  let total = 0;
  for (const s of states) total += countsByState[s];
  return { items: rows.map(toTicketRow), total, countsByState };
}

/** The queues the actor works: "all" (when they see everything), "mine", and their groups'. */
export async function listQueues(db: Db, actor: StaffActor): Promise<QueueList> {
  assertQueues(actor);
  const open = and(visibleTickets(actor), inArray(tickets.state, openStates));
  const groupFilter = seesAllTickets(actor) ? undefined : actor.groupIds.length ? inArray(handlerGroups.id, actor.groupIds) : sql`false`;
  const [groups, perGroup, [mine], [all]] = await Promise.all([
    db
      .select()
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, actor.organisationId), groupFilter))
      .orderBy(desc(handlerGroups.isUnclearQueue), asc(handlerGroups.code)),
    db.select({ groupId: tickets.groupId, n: count() }).from(tickets).where(open).groupBy(tickets.groupId),
    db
      .select({ n: count() })
      .from(tickets)
      .where(and(open, eq(tickets.handlerId, actor.userId))),
    db.select({ n: count() }).from(tickets).where(open),
  ]);
  const openIn = new Map(perGroup.map((g) => [g.groupId, Number(g.n)]));
  const items: QueueList["items"] = [
    { id: "mine", name: { fi: "Omat", sv: "Mina", en: "Mine" }, isUnclearQueue: false, open: Number(mine?.n ?? 0) },
  ];
  if (seesAllTickets(actor) || actor.role === "viewer")
    items.unshift({ id: "all", name: { fi: "Kaikki", sv: "Alla", en: "All" }, isUnclearQueue: false, open: Number(all?.n ?? 0) });
  for (const g of groups) items.push({ id: g.id, name: g.name, isUnclearQueue: g.isUnclearQueue, open: openIn.get(g.id) ?? 0 });
  return { items };
}

/** A ticket with its messages and history. Every read is audited: tickets carry personal data. */
export async function getTicketDetail(db: Db, actor: StaffActor, ticketId: string, ip: string): Promise<TicketDetail> {
  assertQueues(actor);
  const [ticket] = await db
    .select({ ...rowColumns, t: tickets })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(handlerGroups, eq(handlerGroups.id, tickets.groupId))
    .leftJoin(handler, eq(handler.id, tickets.handlerId))
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
  if (!ticket || !canSeeTicket(actor, ticket.t)) throw notFound("The ticket");

  const showCustomer = seesCustomer(actor);
  const author = alias(users, "author");
  const [messages, events, [customer]] = await Promise.all([
    db
      .select({ m: ticketMessages, author: author.name })
      .from(ticketMessages)
      .leftJoin(author, eq(author.id, ticketMessages.authorUserId))
      .where(eq(ticketMessages.ticketId, ticketId))
      .orderBy(asc(ticketMessages.createdAt)),
    db
      .select({ e: ticketEvents, actor: author.name })
      .from(ticketEvents)
      .leftJoin(author, and(eq(ticketEvents.actorKind, "user"), eq(author.id, ticketEvents.actorId)))
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.id)),
    showCustomer && ticket.t.customerId ? db.select().from(customers).where(eq(customers.id, ticket.t.customerId)) : Promise.resolve([]),
  ]);
  await auditRead(db, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: showCustomer && customer ? "ticket.read_with_customer" : "ticket.read",
    subjectType: "ticket",
    subjectId: ticketId,
    ip,
  });
  return toTicketDetail(
    { ...ticket.t, ...ticket },
    {
      customer:
        showCustomer && (customer || ticket.t.wantsReply)
          ? {
              name: customer?.name ?? null,
              email: customer?.email ?? null,
              phone: customer?.phone ?? null,
              wantsReply: ticket.t.wantsReply,
            }
          : null,
      messages: messages.map(({ m, author }) => ({ id: m.id, kind: m.kind, author, body: m.body, createdAt: iso(m.createdAt) })),
      history: events.map(({ e, actor }) => ({
        id: String(e.id),
        type: e.type,
        actorKind: e.actorKind,
        actor,
        data: e.data,
        createdAt: iso(e.createdAt),
      })),
      allowedActions: [...allowedActions(actor)],
      allowedStates: [...allowedStates(actor, ticket.t.state)],
    },
  );
}
