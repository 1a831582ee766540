/**
 * Automation rules (REQUIREMENTS M6, M7): when a ticket is created or changed, the organisation's
 * active rules of that trigger are tried in order; a rule whose conditions all hold applies its
 * actions, and the ticket's history names every rule that fired and what it matched. Time rules
 * ("time") are tried by a background scan on open tickets once their "elapsed" condition holds,
 * and fire at most once per ticket and period (the period starts at the instant the condition
 * counts from).
 */
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.ts";
import { channels, languages, priorities, ticketStates, ticketTypes } from "./constants.ts";

export const ruleTriggers = ["created", "updated", "time"] as const;
export type RuleTrigger = (typeof ruleTriggers)[number];

/** Fields whose change an "updated" rule can require. */
export const ruleChangeFields = ["category", "type", "priority", "state", "group", "handler", "description", "status"] as const;
export type RuleChangeField = (typeof ruleChangeFields)[number];

/**
 * What an "elapsed" condition counts from: creation, the last change, waiting for the customer, an
 * SLA warning or breach, or the move into the ticket's current state or workflow status ("in this
 * status for 2 days"; each move starts a new period).
 */
export const ruleTimeBases = ["created", "updated", "waiting", "slaWarned", "slaBreached", "statusChanged"] as const;
export type RuleTimeBase = (typeof ruleTimeBases)[number];

/** The longest wait a time rule can name: a year. */
export const MAX_RULE_HOURS = 366 * 24;

const some = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(200);

/** One condition; a rule fires when all of its conditions hold. Lists match any of their values. */
export const RuleCondition = z.discriminatedUnion("field", [
  /** The category or any category under it. */
  z.object({ field: z.literal("category"), anyOf: some(Uuid) }),
  /** A base kind (every type on it) or the id of a type the organisation added. */
  z.object({ field: z.literal("type"), anyOf: some(z.union([z.enum(ticketTypes), Uuid])) }),
  z.object({ field: z.literal("channel"), anyOf: some(z.enum(channels)) }),
  z.object({ field: z.literal("priority"), anyOf: some(z.enum(priorities)) }),
  z.object({ field: z.literal("language"), anyOf: some(z.enum(languages)) }),
  z.object({ field: z.literal("state"), anyOf: some(z.enum(ticketStates)) }),
  z.object({ field: z.literal("area"), anyOf: some(Uuid) }),
  /** The ticket's status in its type's workflow (ids of `ticket_statuses`); a ticket without a stored status has none. */
  z.object({ field: z.literal("status"), anyOf: some(Uuid) }),
  /**
   * Words in the description. A word matches the words of the text that begin with it, in any
   * case: "katuvalo" finds "katuvalon" and "katuvaloja" (Finnish inflects mostly at the end; for
   * stems that change, such as "vuoto"/"vuodon", list the forms or their common beginning).
   */
  z.object({ field: z.literal("words"), anyOf: some(z.string().trim().min(2).max(60)) }),
  /** Whether the resident left contact details. */
  z.object({ field: z.literal("customerKnown"), is: z.boolean() }),
  /** Whether the organisation's default calendar is open at the moment the rule runs. */
  z.object({ field: z.literal("businessHours"), is: z.boolean() }),
  /** For "updated" rules: what the change that triggered them changed. */
  z.object({ field: z.literal("changed"), anyOf: some(z.enum(ruleChangeFields)) }),
  /** Whether a person handles the ticket. */
  z.object({ field: z.literal("assigned"), is: z.boolean() }),
  /**
   * For "time" rules (exactly one each): at least `hours` have passed since `since`, counted in
   * the working time of the organisation's default calendar when `businessHours`.
   */
  z.object({
    field: z.literal("elapsed"),
    since: z.enum(ruleTimeBases),
    hours: z.number().positive().max(MAX_RULE_HOURS),
    businessHours: z.boolean().default(false),
  }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;

/** What a rule does; actions apply in order. */
export const RuleAction = z.discriminatedUnion("action", [
  /** To a group's queue, to a person, or both (a person alone keeps the ticket's group). */
  z
    .object({ action: z.literal("route"), groupId: Uuid.optional(), handlerId: Uuid.optional() })
    .refine((a) => a.groupId || a.handlerId, { message: "route to a group, a person or both", path: ["groupId"] }),
  /**
   * To a group's queue and to one of its members in turn: the next member (round-robin) who is at
   * work (not absent, within their working hours) and may open the ticket. With nobody at work the
   * ticket waits in the group's queue, and its history says why.
   */
  z.object({ action: z.literal("routeInTurn"), groupId: Uuid }),
  z.object({ action: z.literal("setPriority"), priority: z.enum(priorities) }),
  /** A base kind, or with `typeId` a type the organisation added (`type` is then its kind). */
  z.object({ action: z.literal("setType"), type: z.enum(ticketTypes), typeId: Uuid.optional() }),
  z.object({ action: z.literal("setCategory"), categoryId: Uuid }),
  /** Flags the ticket as holding special categories of personal data; it is never unflagged by a rule. */
  z.object({ action: z.literal("markSensitive") }),
  /** An in-app notification to people, to the members of groups, or both. */
  z
    .object({ action: z.literal("notify"), userIds: z.array(Uuid).max(50).default([]), groupIds: z.array(Uuid).max(20).default([]) })
    .refine((a) => a.userIds.length + a.groupIds.length > 0, { message: "notify a person or a group", path: ["userIds"] }),
  /**
   * A reply to the resident from a reply template, filled in, sent like a staff reply (tracking
   * page and email). Never to a ticket that came from an automatic email (auto-reply, bounce, list).
   */
  z.object({ action: z.literal("autoReply"), templateId: Uuid }),
  /** Adds a tag (lower-cased; a tag the ticket has is kept once). */
  z.object({
    action: z.literal("addTag"),
    tag: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(40)
      .regex(/^[\p{L}\p{N}_-]+$/u),
  }),
  /** Hands the ticket to external systems: a `ticket.rule_forwarded` webhook event (never for flagged tickets). */
  z.object({ action: z.literal("forward"), label: z.string().trim().min(1).max(60) }),
  /** Moves the ticket to a state, with an optional reply to the resident from a template ("time" rules only). */
  z.object({ action: z.literal("setState"), state: z.enum(ticketStates), templateId: Uuid.optional() }),
  /**
   * Moves the ticket to a status of its type's workflow, and so to the status's phase, when the
   * workflow allows the move; else the history says the move was skipped. A new ticket ("created"
   * rules) can start only in a status of the "new" phase.
   */
  z.object({ action: z.literal("setStatus"), statusId: Uuid }),
]);
export type RuleAction = z.infer<typeof RuleAction>;

/** Whether a rule's conditions fit its trigger: time rules need one "elapsed" condition, others none; state changes only in time rules. */
export function ruleShapeIssues(rule: { trigger: RuleTrigger; conditions: RuleCondition[]; actions: RuleAction[] }) {
  const issues: { path: string; message: string }[] = [];
  const elapsed = rule.conditions.filter((c) => c.field === "elapsed").length;
  if (rule.trigger === "time" && elapsed !== 1) issues.push({ path: "conditions", message: "a time rule needs one elapsed condition" });
  if (rule.trigger !== "time" && elapsed) issues.push({ path: "conditions", message: "only time rules have an elapsed condition" });
  rule.actions.forEach((a, i) => {
    if (a.action === "setState" && rule.trigger !== "time")
      issues.push({ path: `actions.${i}`, message: "only time rules change the state" });
  });
  return issues;
}

/** The workflow statuses a rule names, in its conditions and actions. */
export const ruleStatusIds = (rule: { conditions: readonly RuleCondition[]; actions: readonly RuleAction[] }) => [
  ...rule.conditions.flatMap((c) => (c.field === "status" ? c.anyOf : [])),
  ...rule.actions.flatMap((a) => (a.action === "setStatus" ? [a.statusId] : [])),
];

export const Rule = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string().nullable(),
  trigger: z.enum(ruleTriggers),
  active: z.boolean(),
  /**
   * Later rules of the same trigger are not tried once this one fires: for that new ticket or that
   * change, or (time rules) for that ticket in that round of the scan. The ticket's history says so.
   */
  stopsProcessing: z.boolean(),
  conditions: z.array(RuleCondition),
  actions: z.array(RuleAction),
  position: z.number().int(),
  updatedAt: IsoDateTime,
});
export type Rule = z.infer<typeof Rule>;
export const RuleList = z.object({ items: z.array(Rule) });
export type RuleList = z.infer<typeof RuleList>;

const RuleFields = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).nullable().default(null),
  trigger: z.enum(ruleTriggers),
  active: z.boolean().default(true),
  stopsProcessing: z.boolean().default(false),
  conditions: z.array(RuleCondition).max(20).default([]),
  actions: z.array(RuleAction).min(1).max(10),
});
export const NewRule = RuleFields.superRefine((rule, ctx) => {
  for (const issue of ruleShapeIssues(rule)) ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
});
export type NewRule = z.input<typeof NewRule>;
/** A change; the rule it makes is checked against ruleShapeIssues when saved. */
export const RuleUpdate = RuleFields.extend({
  description: z.string().trim().max(1000).nullable(),
  active: z.boolean(),
  stopsProcessing: z.boolean(),
  conditions: z.array(RuleCondition).max(20),
})
  .partial()
  .refine((r) => Object.keys(r).length > 0, "Change at least one field");
export type RuleUpdate = z.input<typeof RuleUpdate>;

/** The rules of a trigger in their new order: every rule of the trigger, once. */
export const RuleOrder = z.object({ trigger: z.enum(ruleTriggers), ruleIds: z.array(Uuid).max(1000) });
export type RuleOrder = z.input<typeof RuleOrder>;

/** A rule that fired on a ticket, as its history keeps it: why (the conditions) and what it did. */
export const FiredRule = z.object({
  id: Uuid,
  name: z.string(),
  conditions: z.array(RuleCondition),
  actions: z.array(RuleAction),
});
export type FiredRule = z.infer<typeof FiredRule>;
