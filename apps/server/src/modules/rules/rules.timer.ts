/**
 * Time rules (REQUIREMENTS M6): a background scan fires the organisation's "time" rules on open
 * tickets whose "elapsed" condition holds ("waiting for the customer for 14 days", "new and
 * unassigned for 2 working hours", "no change for 7 days", "2 hours after an SLA breach", "in the
 * status 'awaiting contractor' for 5 days").
 *
 * Per rule, one indexed statement pages through the candidates (open tickets of the organisation
 * whose instant to count from lies before the rule's threshold, narrowed by the conditions SQL can
 * test, words included, without a firing for the current period and without a remembered miss) in
 * batches. The conditions that look only at the ticket are then tested without a lock: a ticket
 * that fails them is remembered as a miss (rule_misses) with its updated_at and a digest of the
 * conditions, and not read again until one of them changes. Only the tickets that pass are locked
 * and tried by the engine in a transaction (a batch of them per commit), which writes the firing
 * (rule, ticket, period) with the rule's changes and events: a restart, a second server or the
 * next round never fires it twice for the same period. A round when nothing new qualifies thus
 * reads almost nothing. Working hours are those of the organisation's default calendar. The
 * candidate statements and the memory of misses are in rules.timer-candidates.ts; this file fires.
 */

import { openStates } from "@yhteys/contracts";
import { inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { ruleFirings, tickets } from "../../db/schema.ts";
import { businessMinutesBetween } from "../sla/calendar.ts";
import { slaSettingsOf } from "../sla/sla.ts";
import { applyRuleOutcome } from "../tickets/rule-outcomes.ts";
import type { EventNotice } from "../tickets/ticket-events.ts";
import { type CompiledRule, evaluateRules, type RuleEnvironment, ruleHolds, type StoppedBy } from "./rules.engine.ts";
import {
  CANDIDATE_BATCH,
  type Candidate,
  candidates,
  type Elapsed,
  forgetStaleMisses,
  prefilter,
  rememberMisses,
  ticketConditions,
} from "./rules.timer-candidates.ts";
import { environment, factsOf, ruleSettingsOf } from "./rules.ts";

/** Candidates locked and fired per transaction (one commit for many firings). */
const FIRE_BATCH = 50;
/** Rules applied per round in this process; a full round asks for another at once. */
const MAX_FIRED_PER_ROUND = 2000;

type Calendar = NonNullable<Awaited<ReturnType<typeof slaSettingsOf>>["defaultCalendar"]>;

const MINUTE = 60_000;
/** Beyond two years of closed calendar, a working-hours rule never comes due. */
const HORIZON_MS = 2 * 366 * 24 * 3_600_000;

/**
 * The latest instant from which `hours` have passed by `now`: wall-clock, or (binary search to the
 * minute, as working time only grows the further back one starts) working time; null when never.
 */
export function thresholdOf(elapsed: Elapsed, calendar: Calendar | null, now: Date): Date | null {
  const wall = now.getTime() - elapsed.hours * 3_600_000;
  if (!elapsed.businessHours || !calendar) return new Date(wall);
  const need = elapsed.hours * 60;
  const enough = (t: number) => businessMinutesBetween(calendar, new Date(t), now) >= need;
  if (enough(wall)) return new Date(wall);
  let step = elapsed.hours * 3_600_000;
  let low = wall - step;
  while (!enough(low)) {
    if (now.getTime() - low > HORIZON_MS) return null;
    step *= 2;
    low = wall - step;
  }
  let high = wall;
  while (high - low > MINUTE) {
    const mid = Math.floor((low + high) / 2);
    if (enough(mid)) low = mid;
    else high = mid;
  }
  return new Date(low);
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Ticket = typeof tickets.$inferSelect;

/** Fires the rule on a locked ticket if it still holds and has not fired for this period. */
async function fire(
  tx: Tx,
  rule: CompiledRule,
  elapsed: Elapsed,
  ticket: Ticket,
  env: RuleEnvironment,
  stoppedBy: StoppedBy | undefined,
): Promise<EventNotice[] | null> {
  if (!openStates.includes(ticket.state)) return null;
  const facts = factsOf(ticket, ticket.customerId !== null, []);
  const periodStart = facts.times?.[elapsed.since];
  if (!periodStart) return null;
  const outcome = evaluateRules([rule], facts, env);
  if (!outcome.fired.length) return null;
  const [claimed] = await tx
    .insert(ruleFirings)
    .values({ ruleId: rule.source.id, ticketId: ticket.id, periodStart })
    .onConflictDoNothing()
    .returning({ ticketId: ruleFirings.ticketId });
  if (!claimed) return null;
  return applyRuleOutcome(
    tx,
    ticket,
    { ...outcome, ...(stoppedBy ? { stoppedBy } : {}) },
    { trigger: "time" },
    { stamp: Object.keys(outcome.changes).length > 0 },
  );
}

type Fired = { ticketId: string; notices: EventNotice[] };

/**
 * Locks the candidates (skipping those a person's change or another server holds: the next round
 * sees them as they are then) and fires the rule on each, in one transaction. Should one of them
 * fail, each is tried in a transaction of its own, so that one bad ticket holds back no other.
 */
async function fireAll(
  db: Db,
  rule: CompiledRule,
  elapsed: Elapsed,
  ids: string[],
  env: RuleEnvironment,
  stoppedBy: StoppedBy | undefined,
): Promise<Fired[]> {
  const attempt = (some: string[]) =>
    db.transaction(async (tx) => {
      const rows = await tx.select().from(tickets).where(inArray(tickets.id, some)).for("update", { skipLocked: true });
      const fired: Fired[] = [];
      for (const ticket of rows) {
        const notices = await fire(tx, rule, elapsed, ticket, env, stoppedBy);
        if (notices) fired.push({ ticketId: ticket.id, notices });
      }
      return fired;
    });
  try {
    return await attempt(ids);
  } catch {
    const fired: Fired[] = [];
    for (const id of ids) fired.push(...(await attempt([id]).catch(() => [])));
    return fired;
  }
}

export type TimeRuleRound = { notices: EventNotice[]; scanned: number; fired: number; more: boolean };

/**
 * One round over every organisation with active time rules (or one organisation). The rules run
 * in their order; a ticket on which a rule that stops processing fired is left out of the later
 * rules of the round.
 */
export async function runTimeRules(db: Db, options: { now?: Date; organisationId?: string } = {}): Promise<TimeRuleRound> {
  const now = options.now ?? new Date();
  const round: TimeRuleRound = { notices: [], scanned: 0, fired: 0, more: false };
  const orgs = await queryRows<{ organisation_id: string }>(
    db,
    sql`SELECT DISTINCT organisation_id FROM automation_rules WHERE trigger = 'time' AND active
        ${options.organisationId ? sql`AND organisation_id = ${options.organisationId}` : sql``}`,
  );
  for (const { organisation_id: organisationId } of orgs) {
    const settings = await ruleSettingsOf(db, organisationId);
    const calendar = (await slaSettingsOf(db, organisationId)).defaultCalendar;
    const env = environment(settings, calendar, now);
    const rules = settings.byTrigger.time;
    const stopped = new Set<string>();
    for (const [position, rule] of rules.entries()) {
      const elapsed = rule.source.conditions.find((c): c is Elapsed => c.field === "elapsed");
      const threshold = elapsed && thresholdOf(elapsed, calendar, now);
      if (!elapsed || !threshold) continue;
      const filters = prefilter(rule, settings, env);
      const own = ticketConditions(rule, settings);
      const stoppedBy =
        rule.source.stopsProcessing && position < rules.length - 1 ? { id: rule.source.id, name: rule.source.name } : undefined;
      await forgetStaleMisses(db, rule.source.id, own.version);
      let after: Candidate | null = null;
      for (;;) {
        const page = await candidates(db, organisationId, rule, own.version, elapsed, threshold, filters, after);
        round.scanned += page.length;
        // The ticket's own conditions are tested without a lock; only the tickets that pass are locked and fired.
        const untried = page.filter((c) => !stopped.has(c.ticket.id));
        const holds = ({ ticket }: Candidate) => ruleHolds(own.rule, factsOf(ticket, ticket.customerId !== null, []), env);
        await rememberMisses(
          db,
          rule.source.id,
          own.version,
          untried.filter((c) => !holds(c)),
        );
        const hits = untried.filter(holds).map((c) => c.ticket.id);
        for (let i = 0; i < hits.length; i += FIRE_BATCH) {
          const fired = await fireAll(db, rule, elapsed, hits.slice(i, i + FIRE_BATCH), env, stoppedBy);
          round.fired += fired.length;
          for (const f of fired) {
            round.notices.push(...f.notices);
            if (rule.source.stopsProcessing) stopped.add(f.ticketId);
          }
        }
        if (round.fired >= MAX_FIRED_PER_ROUND) return { ...round, more: true };
        if (page.length < CANDIDATE_BATCH) break;
        after = page[page.length - 1] as Candidate;
      }
    }
  }
  return round;
}

/** The scan as a task of the job runner's rounds, at most once per `everyMs` unless work is left. */
export function timeRulesTask(db: Db, publish: (notices: EventNotice[]) => void, everyMs = 60_000) {
  let next = 0;
  return {
    name: "time rules",
    run: async () => {
      if (Date.now() < next) return false;
      const round = await runTimeRules(db);
      if (round.notices.length) publish(round.notices);
      next = round.more ? 0 : Date.now() + everyMs;
      return round.more;
    },
  };
}
