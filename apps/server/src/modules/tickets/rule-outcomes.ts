/**
 * Applying what fired rules decided to a stored ticket: after staff changes (the "updated" rules,
 * from changeTicket) and from the time-rule scan. Routing to a person who is away goes to their
 * substitute or the queue; a turn picks the next handler.
 */
import { type FiredRule, type Priority, type RuleAction, stateTransitions, type TicketState, type TicketType } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import { tickets } from "../../db/schema.ts";
import { routeToPerson } from "../absence/absence.ts";
import { applyRuleEffects, replyFromTemplate } from "../rules/rules.effects.ts";
import type { RuleOutcome } from "../rules/rules.engine.ts";
import { changedFields, factsOf, runRules, skippedStatusMove } from "../rules/rules.ts";
import { takeTurn } from "../rules/rules.turns.ts";
import { moveEvent, ruleMove } from "../workflows/workflows.ts";
import { withdrawPublication } from "./sensitive.ts";
import { type EventNotice, recordEvent, type TicketEventType } from "./ticket-events.ts";
import { restampedDues, stateStamps, statusPeriod } from "./ticket-stamps.ts";

type Ticket = typeof tickets.$inferSelect;

/**
 * Runs the "updated" rules after a change that changed a field they can watch; what they change
 * is written with its own event, by the system, in the same transaction. Their own changes do not
 * trigger rules again.
 */
export async function applyUpdatedRules(tx: Tx, before: Ticket): Promise<EventNotice[]> {
  const [after] = await tx.select().from(tickets).where(eq(tickets.id, before.id));
  if (!after) return [];
  const changed = changedFields(before, after);
  if (!changed.length) return [];
  const outcome = await runRules(tx, after.organisationId, "updated", factsOf(after, after.customerId !== null, changed));
  if (!outcome.fired.length) return [];
  return applyRuleOutcome(tx, after, outcome, { trigger: "updated", changed });
}

const system = (organisationId: string) => ({ kind: "system" as const, organisationId });

/**
 * Writes what fired rules decided on a stored ticket, by the system: the field changes with a
 * `ticket.rules_applied` event naming the rules (and `detail`, e.g. the trigger), a state change
 * or status change with its event (and the template reply that goes with a state), then
 * notifications, replies and forwards. A state the ticket cannot move to from its state is left
 * out; a status move its workflow does not allow is left out and named in the history
 * (`skipped`). `stamp` sets updated_at.
 */
export async function applyRuleOutcome(
  tx: Tx,
  ticket: Ticket,
  outcome: RuleOutcome,
  detail: Record<string, unknown>,
  options: { stamp?: boolean } = {},
): Promise<EventNotice[]> {
  const { changes, fired } = outcome;
  // A rule that routes to a person who is away sends the ticket to a substitute or the group's queue.
  const routed = changes.handlerId
    ? await routeToPerson(tx, ticket.organisationId, changes.handlerId, changes.groupId ?? ticket.groupId)
    : undefined;
  if (routed?.diverted) Object.assign(changes, { handlerId: routed.handlerId, groupId: routed.groupId ?? undefined });
  const turn = changes.inTurn
    ? await takeTurn(tx, ticket.organisationId, changes.inTurn, {
        sensitive: ticket.sensitive || Boolean(changes.sensitive),
        now: new Date(),
      })
    : undefined;
  if (turn) changes.handlerId = turn.handlerId;
  const values: Partial<Ticket> = {
    ...(changes.groupId ? { groupId: changes.groupId } : {}),
    ...(changes.handlerId !== undefined ? { handlerId: changes.handlerId } : {}),
    ...(changes.priority ? { priority: changes.priority as Priority } : {}),
    ...(changes.type && (changes.type !== ticket.type || (changes.typeId ?? null) !== ticket.typeId)
      ? { type: changes.type as TicketType, typeId: changes.typeId ?? null, statusId: null }
      : {}),
    ...(changes.categoryId ? { categoryId: changes.categoryId } : {}),
    ...(changes.sensitive ? { sensitive: true } : {}),
  };
  const tags = [...new Set([...ticket.tags, ...(changes.addTags ?? [])])];
  if (tags.length !== ticket.tags.length) values.tags = tags;
  if (values.groupId !== undefined || values.priority || values.categoryId) {
    const { groupId, priority, categoryId } = { ...ticket, ...values };
    Object.assign(values, await restampedDues(tx, ticket, { groupId, priority, categoryId }));
  }
  const to = changes.state as TicketState | undefined;
  const moves = to !== undefined && to !== ticket.state && stateTransitions[ticket.state].includes(to);
  if (moves) Object.assign(values, await stateStamps(tx, ticket, to, new Date()));
  // A status goes through the workflow of the ticket's type (the one a rule may have just set).
  const statusMove = changes.statusId ? await ruleMove(tx, { ...ticket, ...values }, changes.statusId) : undefined;
  if (typeof statusMove === "object")
    Object.assign(values, await stateStamps(tx, ticket, statusMove.state, new Date(), statusMove.statusId));
  // Another type leaves the status behind too (a new status period).
  Object.assign(values, statusPeriod(ticket, values, new Date()));
  // A change outside changeTicket (a time rule's) stamps the change itself.
  if (options.stamp) values.updatedAt = new Date();
  if (Object.keys(values).length) await tx.update(tickets).set(values).where(eq(tickets.id, ticket.id));
  if (values.sensitive && !ticket.sensitive) await withdrawPublication(tx, ticket.id);
  const record = (type: TicketEventType, data: Record<string, unknown>) =>
    recordEvent(tx, { organisationId: ticket.organisationId, ticketId: ticket.id, type, actor: system(ticket.organisationId), data });
  const notices = [
    await record("ticket.rules_applied", {
      ...detail,
      rules: fired,
      ...(outcome.stoppedBy ? { stoppedBy: outcome.stoppedBy } : {}),
      ...(routed?.diverted ? { diverted: routed.diverted } : {}),
      ...(turn ? { turn } : {}),
      ...(statusMove === "refused" ? { skipped: skippedStatusMove(fired) } : {}),
    }),
  ];
  const updated = { ...ticket, ...values };
  if (moves) {
    const rule = firedWith(fired, "setState");
    const action = rule?.actions.findLast((a) => a.action === "setState");
    if (rule && action?.action === "setState" && action.templateId)
      await replyFromTemplate(tx, updated, action.templateId, rule, async (type, data) => {
        notices.push(await record(type, data));
      });
    notices.push(await record("ticket.state_changed", { from: ticket.state, to, reason: rule?.name ?? null }));
  }
  if (typeof statusMove === "object")
    notices.push(await record("ticket.state_changed", moveEvent(ticket.state, statusMove, firedWith(fired, "setStatus")?.name ?? null)));
  notices.push(...(await applyRuleEffects(tx, updated, fired)));
  return notices;
}

/** The last fired rule with an action of the kind: the one whose action won. */
const firedWith = (fired: readonly FiredRule[], kind: RuleAction["action"]) =>
  fired.findLast((r) => r.actions.some((a) => a.action === kind));
