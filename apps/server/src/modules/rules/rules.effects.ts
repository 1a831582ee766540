/**
 * What fired rules do beyond changing the ticket's fields: notify people, reply to the resident
 * from a template, hand the ticket to external systems. Each is written as a ticket event by the
 * system in the caller's transaction, so the outbox carries it on (notifications, email, webhooks)
 * exactly when the rule's changes commit.
 */
import type { FiredRule } from "@yhteys/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { groupMemberships, ticketEvents, ticketMessages, tickets, users } from "../../db/schema.ts";
import type { OutboxConsumer } from "../outbox/outbox-relay.ts";
import { automaticReply } from "../templates/templates.ts";
import { type EventNotice, recordEvent, type TicketEventType } from "../tickets/ticket-events.ts";

type Ticket = typeof tickets.$inferSelect;

/** Whether the ticket came from an automatic email (auto-reply, bounce, mailing list): never answered automatically. */
async function cameFromAutomaticEmail(db: Queryable, ticketId: string): Promise<boolean> {
  const [created] = await db
    .select({ noAutoReply: sql<boolean | null>`(${ticketEvents.data} -> 'email' ->> 'noAutoReply')::boolean` })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, "ticket.created")))
    .limit(1);
  return created?.noAutoReply === true;
}

/** Active users of the organisation among `userIds` and in `groupIds`. */
async function recipientsOf(db: Queryable, organisationId: string, userIds: string[], groupIds: string[]): Promise<string[]> {
  const named = userIds.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organisationId, organisationId), eq(users.active, true), inArray(users.id, userIds)))
    : [];
  const members = groupIds.length
    ? await db
        .select({ id: users.id })
        .from(groupMemberships)
        .innerJoin(users, eq(users.id, groupMemberships.userId))
        .where(and(eq(users.organisationId, organisationId), eq(users.active, true), inArray(groupMemberships.groupId, groupIds)))
    : [];
  return [...new Set([...named, ...members].map((u) => u.id))];
}

/**
 * Sends a template reply like a staff reply (tracking page and email), by the system. It does not
 * count as the first response: that is a person's. Returns false when it was not sent.
 */
export async function replyFromTemplate(db: Queryable, ticket: Ticket, templateId: string, rule: FiredRule, event: Emit) {
  if (!ticket.customerId || (await cameFromAutomaticEmail(db, ticket.id))) return false;
  const reply = await automaticReply(db, ticket.organisationId, ticket.id, templateId);
  if (!reply) return false;
  const [message] = await db
    .insert(ticketMessages)
    .values({
      organisationId: ticket.organisationId,
      ticketId: ticket.id,
      kind: "reply",
      authorUserId: null,
      body: reply.text,
      bodyHtml: reply.html,
    })
    .returning({ id: ticketMessages.id });
  await event("ticket.replied", { messageId: message?.id, rule: { id: rule.id, name: rule.name } });
  return true;
}

type Emit = (type: TicketEventType, data: { [key: string]: unknown }) => Promise<void>;

/** Runs the notify, autoReply and forward actions of the fired rules, in order; returns the events' notices. */
export async function applyRuleEffects(db: Queryable, ticket: Ticket, fired: readonly FiredRule[]): Promise<EventNotice[]> {
  const notices: EventNotice[] = [];
  const event: Emit = async (type, data) => {
    notices.push(
      await recordEvent(db, {
        organisationId: ticket.organisationId,
        ticketId: ticket.id,
        type,
        actor: { kind: "system", organisationId: ticket.organisationId },
        data,
      }),
    );
  };
  for (const rule of fired)
    for (const action of rule.actions) {
      const by = { id: rule.id, name: rule.name };
      if (action.action === "notify") {
        const userIds = await recipientsOf(db, ticket.organisationId, action.userIds, action.groupIds);
        if (userIds.length) await event("ticket.rule_notified", { rule: by, userIds });
      } else if (action.action === "autoReply") await replyFromTemplate(db, ticket, action.templateId, rule, event);
      // Special categories of personal data never leave for an external system.
      else if (action.action === "forward" && !ticket.sensitive) await event("ticket.rule_forwarded", { rule: by, label: action.label });
    }
  return notices;
}

/** Whether fired rules have anything for applyRuleEffects. */
export const hasEffects = (fired: readonly FiredRule[]) =>
  fired.some((r) => r.actions.some((a) => a.action === "notify" || a.action === "autoReply" || a.action === "forward"));

/**
 * The outbox consumer that carries out the notify, autoReply and forward actions of "created"
 * rules, which the one-statement ticket insert cannot: the events it writes commit with its
 * cursor, so each new ticket gets them exactly once.
 */
export const createdRuleEffects: OutboxConsumer = {
  name: "rule-effects",
  async handle(tx, batch) {
    const created = batch.filter((e) => e.type === "ticket.created");
    if (!created.length) return;
    const rows = await tx
      .select({ ticketId: ticketEvents.ticketId, rules: sql<FiredRule[] | null>`${ticketEvents.data} -> 'rules'` })
      .from(ticketEvents)
      .where(
        inArray(
          ticketEvents.id,
          created.map((e) => e.id),
        ),
      );
    for (const row of rows) {
      if (!Array.isArray(row.rules) || !hasEffects(row.rules)) continue;
      const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, row.ticketId)).for("update");
      if (ticket) await applyRuleEffects(tx, ticket, row.rules);
    }
  },
};
