/**
 * The organisation's automation rules, loaded and compiled once per process for a short while
 * (every new ticket runs them), and the facts a ticket gives them.
 */
import type { FiredRule, RuleChangeField, RuleTrigger, TicketState, TicketType } from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { automationRules, categories, ticketStatuses, type tickets, ticketTypeSettings } from "../../db/schema.ts";
import { businessMinutesBetween, isOpenAt } from "../sla/calendar.ts";
import { slaSettingsOf } from "../sla/sla.ts";
import { storedType, workflowKey } from "../workflows/ticket-types.ts";
import { currentStatus, type StatusRow } from "../workflows/workflows.ts";
import { type CompiledRule, compileRules, evaluateRules, type RuleEnvironment, type RuleFacts, type RuleOutcome } from "./rules.engine.ts";

export type RuleSettings = {
  byTrigger: Record<RuleTrigger, CompiledRule[]>;
  parents: Map<string, string | null>;
  /** The statuses of each type's workflow by `workflowKey` (an added type's id, else the kind), in order (moves are checked when one is written, not here). */
  workflows: Map<string, StatusRow[]>;
};

/** Rules change rarely; an admin's change clears this process's copy at once, others' within the TTL. */
const SETTINGS_TTL_MS = 30_000;
const cache = new Map<string, { settings: RuleSettings; until: number }>();

export async function ruleSettingsOf(db: Queryable, organisationId: string): Promise<RuleSettings> {
  const hit = cache.get(organisationId);
  if (hit && hit.until > Date.now()) return hit.settings;
  // One after another: `db` may be a transaction, whose client runs one query at a time.
  const rules = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.organisationId, organisationId), eq(automationRules.active, true)))
    .orderBy(asc(automationRules.position), asc(automationRules.createdAt));
  const categoryRows = await db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(eq(categories.organisationId, organisationId));
  const statusRows = await db
    .select({ type: { id: ticketTypeSettings.id, key: ticketTypeSettings.key, kind: ticketTypeSettings.kind }, status: ticketStatuses })
    .from(ticketStatuses)
    .innerJoin(ticketTypeSettings, eq(ticketTypeSettings.id, ticketStatuses.typeId))
    .where(eq(ticketStatuses.organisationId, organisationId))
    .orderBy(asc(ticketStatuses.position), asc(ticketStatuses.createdAt));
  const workflows = new Map<string, StatusRow[]>();
  for (const { type, status } of statusRows) {
    const key = workflowKey(storedType(type));
    workflows.set(key, [...(workflows.get(key) ?? []), status]);
  }
  const settings: RuleSettings = {
    byTrigger: {
      created: compileRules(rules.filter((r) => r.trigger === "created")),
      updated: compileRules(rules.filter((r) => r.trigger === "updated")),
      time: compileRules(rules.filter((r) => r.trigger === "time")),
    },
    parents: new Map(categoryRows.map((c) => [c.id, c.parentId])),
    // A type whose statuses are all switched off follows the built-in states, as in workflowOf.
    workflows: new Map([...workflows].filter(([, statuses]) => statuses.some((s) => s.active))),
  };
  cache.set(organisationId, { settings, until: Date.now() + SETTINGS_TTL_MS });
  return settings;
}

/** Drops this process's cached rules after an admin changed them. */
export function forgetRules(organisationId: string) {
  cache.delete(organisationId);
}

export function environment(settings: RuleSettings, calendar: Parameters<typeof isOpenAt>[0] | null, now: Date): RuleEnvironment {
  let open: boolean | undefined;
  return {
    categoryPath: (categoryId) => {
      const path: string[] = [];
      for (let id: string | null | undefined = categoryId; id && path.length < 20; id = settings.parents.get(id)) path.push(id);
      return path;
    },
    isBusinessHours: () => {
      open ??= calendar ? isOpenAt(calendar, now) : true;
      return open;
    },
    statusOf: (facts) => {
      const statuses = settings.workflows.get(workflowKey({ type: facts.type as TicketType, typeId: facts.typeId ?? null }));
      if (!statuses) return null;
      const ticket = { state: facts.state as TicketState, statusId: facts.statusId ?? null };
      return currentStatus({ statuses, next: new Map() }, ticket)?.id ?? null;
    },
    phaseOf: (statusId) => {
      for (const statuses of settings.workflows.values()) {
        const status = statuses.find((s) => s.id === statusId);
        if (status) return status.phase;
      }
      return undefined;
    },
    // Without a calendar every hour is a working hour.
    minutesSince: (from, businessHours) =>
      businessHours && calendar ? businessMinutesBetween(calendar, from, now) : (now.getTime() - from.getTime()) / 60_000,
  };
}

/** Runs the organisation's rules of a trigger over a ticket's facts; nothing fires without rules. */
export async function runRules(
  db: Queryable,
  organisationId: string,
  trigger: RuleTrigger,
  facts: RuleFacts,
  now = new Date(),
): Promise<RuleOutcome> {
  const settings = await ruleSettingsOf(db, organisationId);
  const rules = settings.byTrigger[trigger];
  if (!rules.length) return { changes: {}, fired: [] };
  const calendar = (await slaSettingsOf(db, organisationId)).defaultCalendar;
  return evaluateRules(rules, facts, environment(settings, calendar, now));
}

/** The history's note (`skipped`) that the fired rules' status move was left out: the workflow does not allow it. */
export function skippedStatusMove(fired: readonly FiredRule[]) {
  const rule = fired.findLast((r) => r.actions.some((a) => a.action === "setStatus"));
  return [{ rule: rule ? { id: rule.id, name: rule.name } : null, action: "setStatus", reason: "move_not_allowed" }];
}

/**
 * The status a "created" rule starts a new ticket in: an active status of the "new" phase in the
 * workflow of the ticket's type (a new ticket is new; handling it is a person's move), else null.
 */
export async function startingStatus(db: Queryable, organisationId: string, type: string, statusId: string): Promise<string | null> {
  const statuses = (await ruleSettingsOf(db, organisationId)).workflows.get(type);
  return statuses?.find((s) => s.id === statusId && s.active && s.phase === "new")?.id ?? null;
}

type Ticket = typeof tickets.$inferSelect;

/** The facts of a stored ticket for "updated" and time rules. */
export const factsOf = (ticket: Omit<Ticket, "searchVector">, customerKnown: boolean, changed: readonly RuleChangeField[]): RuleFacts => ({
  categoryId: ticket.categoryId,
  type: ticket.type,
  typeId: ticket.typeId,
  channel: ticket.channel,
  priority: ticket.priority,
  language: ticket.language,
  state: ticket.state,
  statusId: ticket.statusId,
  areaId: ticket.areaId,
  description: ticket.description,
  customerKnown,
  assigned: ticket.handlerId !== null,
  changed,
  times: {
    created: ticket.createdAt,
    updated: ticket.updatedAt,
    waiting: ticket.state === "waiting_for_customer" ? ticket.slaPausedAt : null,
    slaWarned: ticket.slaWarnedAt,
    slaBreached: ticket.slaBreachedAt,
    statusChanged: ticket.statusChangedAt,
  },
});

const changeFields: [RuleChangeField, keyof Ticket][] = [
  ["category", "categoryId"],
  ["type", "type"],
  ["type", "typeId"],
  ["priority", "priority"],
  ["state", "state"],
  ["group", "groupId"],
  ["handler", "handlerId"],
  ["description", "description"],
  ["status", "statusId"],
];

/** What a change changed, in the terms of "changed" conditions. */
export const changedFields = (before: Ticket, after: Ticket): RuleChangeField[] =>
  changeFields.filter(([, column]) => before[column] !== after[column]).map(([field]) => field);
