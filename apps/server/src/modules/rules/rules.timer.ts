/**
 * Time rules (REQUIREMENTS M6): a background scan fires the organisation's "time" rules on open
 * tickets whose "elapsed" condition holds ("waiting for the customer for 14 days", "new and
 * unassigned for 2 working hours", "no change for 7 days", "2 hours after an SLA breach").
 *
 * Per rule, one indexed statement pages through the candidates (open tickets of the organisation
 * whose instant to count from lies before the rule's threshold, narrowed by the conditions SQL can
 * test, without a firing for the current period) in batches. Each candidate is then locked and
 * tried by the engine in a transaction (a batch of them per commit), which writes the firing
 * (rule, ticket, period) with the rule's changes and events: a restart, a second server or the next round never fires it twice
 * for the same period. Working hours are those of the organisation's default calendar.
 */
import { openStates, type RuleCondition, type RuleTimeBase } from "@yhteys/contracts";
import { inArray, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { ruleFirings, tickets } from "../../db/schema.ts";
import { businessMinutesBetween } from "../sla/calendar.ts";
import { slaSettingsOf } from "../sla/sla.ts";
import type { EventNotice } from "../tickets/ticket-events.ts";
import { applyRuleOutcome } from "../tickets/tickets.service.ts";
import { type CompiledRule, evaluateRules, type RuleEnvironment } from "./rules.engine.ts";
import { environment, factsOf, type RuleSettings, ruleSettingsOf } from "./rules.ts";

/** Candidates read per statement. */
const BATCH = 500;
/** Candidates locked and fired per transaction (one commit for many firings). */
const FIRE_BATCH = 50;
/** Rules applied per round in this process; a full round asks for another at once. */
const MAX_FIRED_PER_ROUND = 2000;

const column: Record<RuleTimeBase, SQL> = {
  created: sql`created_at`,
  updated: sql`updated_at`,
  waiting: sql`sla_paused_at`,
  slaWarned: sql`sla_warned_at`,
  slaBreached: sql`sla_breached_at`,
};

type Elapsed = Extract<RuleCondition, { field: "elapsed" }>;
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

/** The categories a category condition covers: those named and everything under them. */
function coveredCategories(settings: RuleSettings, named: readonly string[]): string[] {
  const wanted = new Set(named);
  const path = (id: string) => {
    const ids: string[] = [];
    for (let c: string | null | undefined = id; c && ids.length < 20; c = settings.parents.get(c)) ids.push(c);
    return ids;
  };
  return [...settings.parents.keys()].filter((id) => path(id).some((p) => wanted.has(p)));
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** What SQL can test of a rule's conditions; the engine tests them all again. */
function prefilter(rule: CompiledRule, settings: RuleSettings): SQL[] {
  let states = [...openStates] as string[];
  const where: SQL[] = [];
  for (const c of rule.source.conditions)
    switch (c.field) {
      case "state":
        states = states.filter((s) => (c.anyOf as readonly string[]).includes(s));
        break;
      case "type":
      case "channel":
      case "priority":
      case "language":
        where.push(sql`${sql.raw(c.field)}::text IN (${list(c.anyOf)})`);
        break;
      case "area":
        where.push(sql`area_id IN (${list(c.anyOf)})`);
        break;
      case "category": {
        const ids = coveredCategories(settings, c.anyOf);
        where.push(ids.length ? sql`category_id IN (${list(ids)})` : sql`false`);
        break;
      }
      case "customerKnown":
        where.push(c.is ? sql`customer_id IS NOT NULL` : sql`customer_id IS NULL`);
        break;
      case "assigned":
        where.push(c.is ? sql`handler_id IS NOT NULL` : sql`handler_id IS NULL`);
        break;
    }
  // The partial indexes on open tickets serve the states as one list, so the list is spelt the same.
  where.push(
    states.length === openStates.length
      ? sql`state IN ('new', 'in_progress', 'waiting_for_customer')`
      : sql`state::text IN (${list(states)})`,
  );
  if (!states.length) where.push(sql`false`);
  return where;
}

type Candidate = { id: string; since: Date };

/** One page of a rule's candidates after `after` (in the order of their instant, then id). */
async function candidates(
  db: Db,
  organisationId: string,
  rule: CompiledRule,
  elapsed: Elapsed,
  threshold: Date,
  filters: SQL[],
  after: Candidate | null,
): Promise<Candidate[]> {
  const at = column[elapsed.since];
  const rows = await queryRows<{ id: string; since: string | Date }>(
    db,
    sql`SELECT t.id, t.${at} AS since FROM tickets t
        WHERE t.organisation_id = ${organisationId} AND t.${at} IS NOT NULL AND t.${at} <= ${threshold.toISOString()}
          AND t.merged_into_id IS NULL AND ${sql.join(filters, sql` AND `)}
          ${after ? sql`AND (t.${at}, t.id) > (${after.since.toISOString()}, ${after.id})` : sql``}
          AND NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.rule_id = ${rule.source.id} AND f.ticket_id = t.id AND f.period_start = t.${at})
        ORDER BY t.${at}, t.id
        LIMIT ${BATCH}`,
  );
  return rows.map((r) => ({ id: r.id, since: new Date(r.since) }));
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Fires the rule on a locked ticket if it still holds and has not fired for this period. */
async function fire(tx: Tx, rule: CompiledRule, elapsed: Elapsed, ticket: typeof tickets.$inferSelect, env: RuleEnvironment) {
  if (!openStates.includes(ticket.state)) return [];
  const facts = factsOf(ticket, ticket.customerId !== null, []);
  const periodStart = facts.times?.[elapsed.since];
  if (!periodStart) return [];
  const outcome = evaluateRules([rule], facts, env);
  if (!outcome.fired.length) return [];
  const [claimed] = await tx
    .insert(ruleFirings)
    .values({ ruleId: rule.source.id, ticketId: ticket.id, periodStart })
    .onConflictDoNothing()
    .returning({ ticketId: ruleFirings.ticketId });
  if (!claimed) return [];
  return applyRuleOutcome(tx, ticket, outcome, { trigger: "time" }, { stamp: Object.keys(outcome.changes).length > 0 });
}

/**
 * Locks the candidates (skipping those a person's change or another server holds: the next round
 * sees them as they are then) and fires the rule on each, in one transaction. Should one of them
 * fail, each is tried in a transaction of its own, so that one bad ticket holds back no other.
 */
async function fireAll(db: Db, rule: CompiledRule, elapsed: Elapsed, ids: string[], env: RuleEnvironment): Promise<EventNotice[][]> {
  const attempt = (some: string[]) =>
    db.transaction(async (tx) => {
      const rows = await tx.select().from(tickets).where(inArray(tickets.id, some)).for("update", { skipLocked: true });
      const fired: EventNotice[][] = [];
      for (const ticket of rows) fired.push(await fire(tx, rule, elapsed, ticket, env));
      return fired.filter((notices) => notices.length);
    });
  try {
    return await attempt(ids);
  } catch {
    const fired: EventNotice[][] = [];
    for (const id of ids) fired.push(...(await attempt([id]).catch(() => [])));
    return fired;
  }
}

export type TimeRuleRound = { notices: EventNotice[]; scanned: number; fired: number; more: boolean };

/** One round over every organisation with active time rules (or one organisation). */
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
    for (const rule of settings.byTrigger.time) {
      const elapsed = rule.source.conditions.find((c): c is Elapsed => c.field === "elapsed");
      const threshold = elapsed && thresholdOf(elapsed, calendar, now);
      if (!elapsed || !threshold) continue;
      const filters = prefilter(rule, settings);
      let after: Candidate | null = null;
      for (;;) {
        const page = await candidates(db, organisationId, rule, elapsed, threshold, filters, after);
        round.scanned += page.length;
        for (let i = 0; i < page.length; i += FIRE_BATCH) {
          const fired = await fireAll(
            db,
            rule,
            elapsed,
            page.slice(i, i + FIRE_BATCH).map((c) => c.id),
            env,
          );
          round.fired += fired.length;
          round.notices.push(...fired.flat());
        }
        if (round.fired >= MAX_FIRED_PER_ROUND) return { ...round, more: true };
        if (page.length < BATCH) break;
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
