/** Reads of tickets for staff, always scoped by what the actor may see. */
import {
  openStates,
  type QueueList,
  type TicketDetail,
  type TicketList,
  type TicketListQuery,
  type TicketState,
  ticketStates,
} from "@yhteys/contracts";
import { and, arrayContains, asc, count, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { type Db, queryRows } from "../../db/client.ts";
import { categories, customers, handlerGroups, ticketEvents, ticketMessages, ticketStatuses, tickets, users } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { toAttachment } from "../attachments/attachments.presenter.ts";
import { listAttachments } from "../attachments/attachments.queries.ts";
import { auditRead } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { relatedOf } from "../handling/handling.queries.ts";
import { followerCount } from "../nearby/followers.queries.ts";
import { mayReadTicket, requestsOf, waitingRequestTo } from "../requests/requests.ts";
import { SLA_WARNING_MS } from "../sla/sla.ts";
import { ofTypes } from "../workflows/ticket-types.ts";
import { statusChoices } from "../workflows/workflows.ts";
import {
  allowedActions,
  allowedStates,
  canBeAsked,
  canSeeTicket,
  canUseQueues,
  seesAllTickets,
  seesCustomer,
  sensitiveAllowed,
  visibleTickets,
} from "./tickets.access.ts";
import { iso, toTicketDetail, toTicketMessage, toTicketRow } from "./tickets.presenter.ts";
import { matchedPassages, relevancePage, searchCounts, searchQuery } from "./tickets.search.ts";

type ListQuery = z.output<typeof TicketListQuery>;

const handler = alias(users, "handler");
const rowColumns = {
  id: tickets.id,
  reference: tickets.reference,
  type: tickets.type,
  typeId: tickets.typeId,
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
  firstResponseAt: tickets.firstResponseAt,
  resolvedAt: tickets.resolvedAt,
  firstResponseDueAt: tickets.firstResponseDueAt,
  resolutionDueAt: tickets.resolutionDueAt,
  slaPausedAt: tickets.slaPausedAt,
  sensitive: tickets.sensitive,
  tags: tickets.tags,
  categoryName: categories.name,
  groupName: handlerGroups.name,
  handlerName: handler.name,
  statusName: ticketStatuses.name,
};

/** Refuses roles that have no staff queues (internal customers) with 403. */
export function assertQueues(actor: StaffActor) {
  if (!canUseQueues(actor)) throw new AppError("forbidden", "Your role has no access to the queues");
}

/**
 * Counts in a list answer (per state and the total) are exact below this; a count equal to it
 * means "at least this many". Counting stops there, so a queue with hundreds of thousands of
 * finished tickets costs no more to count than one with a thousand. A tab that says "1 000+"
 * tells a handler what they need to know; exact backlog figures are the dashboards' business
 * (and the queue list's open counts stay exact). Counting to 10 000 instead took about half of
 * a queue answer's time at a million tickets (bench/RESULTS.md).
 */
export const COUNT_LIMIT = 1_000;

/** Number of tickets matching `where`, counting no further than `limit`. */
const cappedCount = (where: SQL | undefined, limit: number) =>
  sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${tickets} WHERE ${where} LIMIT ${limit}) capped)`;

export type Counts = Record<TicketState, number>;

/** Per-state counts of a listing: all five capped counts in one statement (one round trip, mostly index-only scans). */
async function cappedCounts(db: Db, base: SQL | undefined, limit: number): Promise<Counts> {
  const columns = sql.join(
    ticketStates.map((s) => sql`${cappedCount(and(base, eq(tickets.state, s)), limit)} AS ${sql.identifier(s)}`),
    sql`, `,
  );
  const [row] = await queryRows<Record<TicketState, number | string>>(db, sql`SELECT ${columns}`);
  return Object.fromEntries(ticketStates.map((s) => [s, Number(row?.[s] ?? 0)])) as Counts;
}

/**
 * Tickets with an unmet target overdue ("breached", read at the moment the clock stopped while
 * paused), or due within SLA_WARNING_MS and none overdue ("warning"); as `slaClock` judges one.
 */
function slaFilter(status: "breached" | "warning"): SQL {
  const clock = sql`coalesce(${tickets.slaPausedAt}, now())`;
  const due = (before: SQL) =>
    sql`((${tickets.firstResponseAt} IS NULL AND ${tickets.firstResponseDueAt} < ${before})
      OR (${tickets.resolvedAt} IS NULL AND ${tickets.resolutionDueAt} < ${before}))`;
  const breached = due(clock);
  if (status === "breached") return breached;
  return sql`(${tickets.slaPausedAt} IS NULL AND NOT ${breached} AND ${due(sql`now() + ${`${SLA_WARNING_MS} milliseconds`}::interval`)})`;
}

/** A page's rows; with a text query, each with its passages around the matches. */
const selectRows = (db: Db, tsq: string | null) =>
  db
    .select(tsq === null ? rowColumns : { ...rowColumns, passages: matchedPassages(tsq) })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(handlerGroups, eq(handlerGroups.id, tickets.groupId))
    .leftJoin(handler, eq(handler.id, tickets.handlerId))
    .leftJoin(ticketStatuses, eq(ticketStatuses.id, tickets.statusId));

type Filters = Omit<ListQuery, "sort" | "order" | "limit" | "offset">;

/**
 * The conditions of a listing: `base` has every filter but the state (for the state tabs),
 * `where` adds it; `tsq` is the parsed text query (null when nothing can match).
 */
async function ticketFilters(db: Db, actor: StaffActor, query: Filters) {
  const tsq = query.q ? await searchQuery(db, query.q) : null;
  // The requests queue holds tickets a colleague asked the actor about, which they may not otherwise see.
  const filters: (SQL | undefined)[] = [
    query.queue === "requests"
      ? and(eq(tickets.organisationId, actor.organisationId), waitingRequestTo(actor), sensitiveAllowed(actor))
      : visibleTickets(actor),
  ];
  if (query.queue === "mine") filters.push(eq(tickets.handlerId, actor.userId));
  else if (query.queue && query.queue !== "requests") filters.push(eq(tickets.groupId, query.queue));
  if (query.channel?.length) filters.push(inArray(tickets.channel, query.channel));
  if (query.priority?.length) filters.push(inArray(tickets.priority, query.priority));
  if (query.type?.length) filters.push(inArray(tickets.type, query.type));
  if (query.typeId?.length) filters.push(await ofTypes(db, actor.organisationId, query.typeId));
  if (query.categoryId) filters.push(eq(tickets.categoryId, query.categoryId));
  if (query.areaId) filters.push(eq(tickets.areaId, query.areaId));
  if (query.tag) filters.push(arrayContains(tickets.tags, [query.tag]));
  if (query.handlerId) filters.push(query.handlerId === "none" ? isNull(tickets.handlerId) : eq(tickets.handlerId, query.handlerId));
  if (query.olderThanDays) filters.push(lt(tickets.createdAt, new Date(Date.now() - query.olderThanDays * 86_400_000)));
  if (query.sla) filters.push(slaFilter(query.sla));
  if (query.q) filters.push(tsq === null ? sql`false` : sql`${tickets.searchVector} @@ ${tsq}::tsquery`);
  const base = and(...filters);
  const where = query.state?.length ? and(base, inArray(tickets.state, query.state)) : base;
  return { tsq, base, where };
}

/** How many tickets a saved view's filters match, counting no further than COUNT_LIMIT. */
export async function countTickets(db: Db, actor: StaffActor, query: Filters): Promise<number> {
  const { where } = await ticketFilters(db, actor, query);
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT ${cappedCount(where, COUNT_LIMIT)} AS n`);
  return Number(row?.n ?? 0);
}

/**
 * One page of a queue, with counts per state of the whole filtered set (for tabs). Counts and the
 * total are capped at `countLimit` (see TicketList).
 */
export async function listTickets(
  db: Db,
  actor: StaffActor,
  query: ListQuery,
  { countLimit = COUNT_LIMIT }: { countLimit?: number } = {},
): Promise<TicketList> {
  assertQueues(actor);
  const { tsq, base, where } = await ticketFilters(db, actor, query);

  const page = async () => {
    if (query.sort === "relevance" && tsq !== null) {
      const ids = await relevancePage(db, where, tsq, query.limit, query.offset);
      if (!ids.length) return [];
      const found = new Map((await selectRows(db, tsq).where(inArray(tickets.id, ids))).map((r) => [r.id, r]));
      return ids.flatMap((id) => found.get(id) ?? []);
    }
    const direction = query.order === "asc" ? asc : desc;
    const order =
      query.sort === "priority"
        ? [direction(tickets.priority), desc(tickets.createdAt)]
        : [direction(tickets[query.sort === "relevance" ? "createdAt" : query.sort]), direction(tickets.id)];
    return selectRows(db, tsq)
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset(query.offset);
  };
  const [rows, countsByState] = await Promise.all([
    page(),
    query.q ? searchCounts(db, base, countLimit) : cappedCounts(db, base, countLimit),
  ]);
  const states: readonly TicketState[] = query.state?.length ? query.state : ticketStates;
  const total = countsByState
    ? Math.min(
        countLimit,
        states.reduce((n, s) => n + countsByState[s], 0),
      )
    : query.state?.length
      ? Number((await queryRows<{ n: number }>(db, sql`SELECT ${cappedCount(where, countLimit)} AS n`))[0]?.n ?? 0)
      : countLimit;
  return { items: rows.map(toTicketRow), total, countsByState, countLimit };
}

/** The queues the actor works: "all" (when they see everything), "mine", and their groups'. */
export async function listQueues(db: Db, actor: StaffActor): Promise<QueueList> {
  assertQueues(actor);
  const open = and(visibleTickets(actor), inArray(tickets.state, openStates));
  const groupFilter = seesAllTickets(actor) ? undefined : actor.groupIds.length ? inArray(handlerGroups.id, actor.groupIds) : sql`false`;
  const [groups, perGroup, [mine], [all], [requested]] = await Promise.all([
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
    canBeAsked(actor)
      ? db
          .select({ n: count() })
          .from(tickets)
          .where(and(eq(tickets.organisationId, actor.organisationId), waitingRequestTo(actor)))
      : Promise.resolve([]),
  ]);
  const openIn = new Map(perGroup.map((g) => [g.groupId, Number(g.n)]));
  const items: QueueList["items"] = [
    { id: "mine", name: { fi: "Omat", sv: "Mina", en: "Mine" }, isUnclearQueue: false, open: Number(mine?.n ?? 0) },
  ];
  if (requested)
    items.push({
      id: "requests",
      name: { fi: "Pyynnöt minulle", sv: "Förfrågningar till mig", en: "Asked of me" },
      isUnclearQueue: false,
      open: Number(requested.n),
    });
  if (seesAllTickets(actor) || actor.role === "viewer")
    items.unshift({ id: "all", name: { fi: "Kaikki", sv: "Alla", en: "All" }, isUnclearQueue: false, open: Number(all?.n ?? 0) });
  for (const g of groups) items.push({ id: g.id, name: g.name, isUnclearQueue: g.isUnclearQueue, open: openIn.get(g.id) ?? 0 });
  return { items };
}

/** A ticket with its messages and history. Every read is audited: tickets carry personal data. */
export async function getTicketDetail(db: Db, actor: StaffActor, ticketId: string): Promise<TicketDetail> {
  assertQueues(actor);
  const [ticket] = await db
    .select({ ...rowColumns, t: tickets })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(handlerGroups, eq(handlerGroups.id, tickets.groupId))
    .leftJoin(handler, eq(handler.id, tickets.handlerId))
    .leftJoin(ticketStatuses, eq(ticketStatuses.id, tickets.statusId))
    .where(and(eq(tickets.organisationId, actor.organisationId), eq(tickets.id, ticketId)));
  if (!ticket) throw notFound("The ticket");
  // A colleague asked for a statement or sent the ticket for information may read it, nothing more.
  const inScope = canSeeTicket(actor, ticket.t);
  if (!inScope && !(await mayReadTicket(db, actor, ticket.t))) throw notFound("The ticket");

  const showCustomer = inScope && seesCustomer(actor);
  const author = alias(users, "author");
  const [messages, events, [customer], files, requests, followers, related, workflow] = await Promise.all([
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
    listAttachments(db, actor.organisationId, ticketId),
    requestsOf(db, actor, ticketId),
    followerCount(db, ticketId),
    relatedOf(db, ticket.t, sensitiveAllowed(actor)),
    statusChoices(db, actor, ticket.t, inScope),
  ]);
  const mentioned = [...new Set(messages.flatMap(({ m }) => m.mentions))];
  const names = new Map(
    mentioned.length
      ? (
          await db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(and(eq(users.organisationId, actor.organisationId), inArray(users.id, mentioned)))
        ).map((u) => [u.id, u.name])
      : [],
  );
  await auditRead(db, actor, {
    action: showCustomer && customer ? "ticket.read_with_customer" : "ticket.read",
    subjectType: "ticket",
    subjectId: ticketId,
    // Reads of special categories of personal data stand out in the log.
    ...(ticket.t.sensitive ? { detail: { sensitive: true } } : {}),
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
      messages: [...messages.map(({ m, author }) => toTicketMessage(m, author, null, names)), ...related.mergedMessages].sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      ),
      history: events.map(({ e, actor }) => ({
        id: String(e.id),
        type: e.type,
        actorKind: e.actorKind,
        actor,
        data: e.data,
        createdAt: iso(e.createdAt),
      })),
      attachments: files.map(toAttachment),
      requests,
      followers,
      links: related.links,
      mergedInto: related.mergedInto,
      mergedFrom: related.mergedFrom,
      allowedActions: inScope ? [...allowedActions(actor)] : [],
      allowedStates: inScope ? [...allowedStates(actor, ticket.t.state)] : [],
      ...workflow,
    },
  );
}
