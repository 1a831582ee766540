/**
 * The rule engine: pure and synchronous, so that it runs inside the write path of every new
 * ticket without a database round trip. Rules are compiled once per settings load (word lists
 * lower-cased, value lists turned into sets); evaluating one ticket tokenises its text once.
 */
import type { FiredRule, RuleAction, RuleChangeField, RuleCondition, RuleTimeBase, RuleTrigger } from "@yhteys/contracts";

/** What rules can see of a ticket. */
export type RuleFacts = {
  categoryId: string;
  type: string;
  /** The organisation's added type, when the ticket has one. */
  typeId?: string | null;
  channel: string;
  priority: string;
  language: string;
  state: string;
  /** The ticket's status in its type's workflow; a new ticket has none. */
  statusId?: string | null;
  areaId: string | null;
  description: string;
  customerKnown: boolean;
  /** Whether a person handles the ticket. */
  assigned: boolean;
  /** What the triggering change changed; empty for a new ticket. */
  changed: readonly RuleChangeField[];
  /** For time rules: the instants "elapsed" conditions count from (null: not waiting, no SLA warning…). */
  times?: Partial<Record<RuleTimeBase, Date | null>>;
};

/** The changes rules decided, to apply to the ticket. */
export type RuleChanges = Partial<{
  groupId: string;
  handlerId: string | null;
  priority: string;
  type: string;
  /** With `type`: the added type (null: the built-in type of the kind). */
  typeId: string | null;
  categoryId: string;
  sensitive: true;
  state: string;
  /** A status of the ticket's workflow, moved to only where the workflow allows (the phase follows). */
  statusId: string;
  /** Tags to add, each once. */
  addTags: string[];
  /** A group whose present members take the ticket in turn (the person is picked when it is written). */
  inTurn: string;
}>;
/** The rule whose firing ended the run while later rules were left untried. */
export type StoppedBy = { id: string; name: string };
export type RuleOutcome = { changes: RuleChanges; fired: FiredRule[]; stoppedBy?: StoppedBy };

export type RuleSource = {
  id: string;
  name: string;
  trigger: RuleTrigger;
  stopsProcessing: boolean;
  conditions: RuleCondition[];
  actions: RuleAction[];
};

/** What conditions need beyond the facts: the category tree and the clock. */
export type RuleEnvironment = {
  /** The category and its ancestors. */
  categoryPath: (categoryId: string) => readonly string[];
  isBusinessHours: () => boolean;
  /** Minutes from an instant to now: wall-clock, or working time of the default calendar. */
  minutesSince: (from: Date, businessHours: boolean) => number;
  /**
   * The ticket's status in its type's workflow: the stored one while it is of the ticket's phase,
   * else the phase's first status (as the ticket view shows it); null without a workflow.
   */
  statusOf: (facts: Pick<RuleFacts, "type" | "typeId" | "state" | "statusId">) => string | null;
  /** The phase of a status of the organisation's workflows. */
  phaseOf: (statusId: string) => string | undefined;
};

type Test = (facts: RuleFacts, env: RuleEnvironment, words: () => readonly string[]) => boolean;
export type CompiledRule = { source: RuleSource; tests: Test[] };

/** Words of a text, lower-cased, sorted for prefix search. */
export function wordsOf(text: string): string[] {
  return [...new Set(text.toLocaleLowerCase("fi").match(/[\p{L}\p{N}]+/gu) ?? [])].sort();
}

/** Whether some word of the sorted list begins with `prefix` (binary search for the first ≥ prefix). */
function hasPrefix(sorted: readonly string[], prefix: string): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && (sorted[low] as string).startsWith(prefix);
}

function compileCondition(condition: RuleCondition): Test {
  switch (condition.field) {
    case "category": {
      const ids = new Set(condition.anyOf);
      return (facts, env) => env.categoryPath(facts.categoryId).some((id) => ids.has(id));
    }
    case "area": {
      const ids = new Set(condition.anyOf);
      return (facts) => facts.areaId !== null && ids.has(facts.areaId);
    }
    case "status": {
      const ids = new Set(condition.anyOf);
      return (facts, env) => {
        const id = env.statusOf(facts);
        return id !== null && ids.has(id);
      };
    }
    case "words": {
      const prefixes = condition.anyOf.flatMap((w) => wordsOf(w));
      return (_facts, _env, words) => prefixes.some((p) => hasPrefix(words(), p));
    }
    case "customerKnown":
      return (facts) => facts.customerKnown === condition.is;
    case "businessHours":
      return (_facts, env) => env.isBusinessHours() === condition.is;
    case "changed": {
      const fields = new Set<string>(condition.anyOf);
      return (facts) => facts.changed.some((f) => fields.has(f));
    }
    case "assigned":
      return (facts) => facts.assigned === condition.is;
    case "type": {
      const values = new Set<string>(condition.anyOf);
      return (facts) => values.has(facts.type) || (facts.typeId != null && values.has(facts.typeId));
    }
    case "elapsed": {
      const { since, hours, businessHours } = condition;
      return (facts, env) => {
        const from = facts.times?.[since];
        return Boolean(from) && env.minutesSince(from as Date, businessHours) >= hours * 60;
      };
    }
    default: {
      const values = new Set<string>(condition.anyOf);
      const field = condition.field;
      return (facts) => values.has(facts[field]);
    }
  }
}

/** Compiles the rules of one trigger, in the order given. */
export const compileRules = (rules: RuleSource[]): CompiledRule[] =>
  rules.map((source) => ({ source, tests: source.conditions.map(compileCondition) }));

/**
 * Runs the rules over a ticket in order. Each firing rule's actions change the facts that later
 * rules see (a rule that sets the category routes by the new one); a rule that stops processing
 * ends the run. Returns the combined changes and the rules that fired.
 */
export function evaluateRules(rules: readonly CompiledRule[], initial: RuleFacts, env: RuleEnvironment): RuleOutcome {
  const facts = { ...initial };
  const changes: RuleChanges = {};
  const fired: FiredRule[] = [];
  let words: string[] | null = null;
  const lazyWords = () => {
    words ??= wordsOf(facts.description);
    return words;
  };
  for (const [i, rule] of rules.entries()) {
    if (!rule.tests.every((test) => test(facts, env, lazyWords))) continue;
    for (const action of rule.source.actions) apply(action, facts, changes, env);
    const { id, name, conditions, actions } = rule.source;
    fired.push({ id, name, conditions, actions });
    if (rule.source.stopsProcessing) return { changes, fired, ...(i < rules.length - 1 ? { stoppedBy: { id, name } } : {}) };
  }
  return { changes, fired };
}

/** Whether all of a rule's conditions hold for the facts. */
export const ruleHolds = (rule: CompiledRule, facts: RuleFacts, env: RuleEnvironment): boolean =>
  evaluateRules([rule], facts, env).fired.length > 0;

function apply(action: RuleAction, facts: RuleFacts, changes: RuleChanges, env: RuleEnvironment) {
  switch (action.action) {
    case "route":
      // As when forwarding: a group without a person puts the ticket in that group's queue.
      if (action.groupId) {
        changes.groupId = action.groupId;
        changes.handlerId = action.handlerId ?? null;
      } else if (action.handlerId) changes.handlerId = action.handlerId;
      delete changes.inTurn;
      return;
    case "routeInTurn":
      changes.groupId = changes.inTurn = action.groupId;
      changes.handlerId = null;
      return;
    case "setPriority":
      facts.priority = changes.priority = action.priority;
      return;
    case "setType":
      facts.type = changes.type = action.type;
      facts.typeId = changes.typeId = action.typeId ?? null;
      return;
    case "setCategory":
      facts.categoryId = changes.categoryId = action.categoryId;
      return;
    case "markSensitive":
      changes.sensitive = true;
      return;
    // The last state or status change of the run wins.
    case "setState":
      facts.state = changes.state = action.state;
      delete changes.statusId;
      return;
    case "setStatus":
      // Later rules see the status and its phase, as if the workflow allowed the move.
      facts.statusId = changes.statusId = action.statusId;
      facts.state = env.phaseOf(action.statusId) ?? facts.state;
      delete changes.state;
      return;
    case "addTag":
      changes.addTags = [...new Set([...(changes.addTags ?? []), action.tag])];
      return;
    // Notifying, replying and forwarding happen after the changes are written (rules.effects.ts).
    case "notify":
    case "autoReply":
    case "forward":
      return;
  }
}
