/**
 * Time rules (REQUIREMENTS M6): a background scan fires the organisation's "time" rules on open
 * tickets whose "elapsed" condition holds ("waiting for the customer for 14 days", "new and
 * unassigned for 2 working hours", "no change for 7 days", "2 hours after an SLA breach").
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
 * reads almost nothing. Working hours are those of the organisation's default calendar.
 */

import { createHash } from "node:crypto";
import { openStates, type RuleCondition, type RuleTimeBase } from "@yhteys/contracts";
import { getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { ruleFirings, tickets } from "../../db/schema.ts";
import { businessMinutesBetween } from "../sla/calendar.ts";
import { slaSettingsOf } from "../sla/sla.ts";
import { applyRuleOutcome } from "../tickets/rule-outcomes.ts";
import type { EventNotice } from "../tickets/ticket-events.ts";
import { isKind } from "../workflows/ticket-types.ts";
import {
  type CompiledRule,
  compileRules,
  evaluateRules,
  type RuleEnvironment,
  ruleHolds,
  type StoppedBy,
  wordsOf,
} from "./rules.engine.ts";
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

/**
 * The (type, phase) pairs in which a ticket without a status of its phase is in one of the
 * statuses named: those that are the first active status of their phase (what the engine's
 * `statusOf` falls back to).
 */
function defaultStatusPairs(settings: RuleSettings, named: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, statuses] of settings.workflows)
    for (const s of statuses)
      if (named.includes(s.id) && statuses.find((x) => x.active && x.phase === s.phase) === s) pairs.push([key, s.phase]);
  return pairs;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * A LIKE pattern that every text holding a word beginning with `prefix` (in the engine's sense:
 * lower-cased) matches: its letters case-insensitively (ILIKE), letters beyond ASCII as any one
 * character, as the database's case folding of them depends on its locale.
 */
const likePattern = (prefix: string) => `%${[...prefix].map((ch) => (ch < "\u0080" ? ch : "_")).join("")}%`;

/**
 * What SQL can test of a rule's conditions (all but "elapsed" and the engine's exact word match,
 * which it narrows); the engine tests them all again. "Changed" never holds for time rules, and
 * "business hours" holds for the whole round or not at all.
 */
function prefilter(rule: CompiledRule, settings: RuleSettings, env: RuleEnvironment): SQL[] {
  let states = [...openStates] as string[];
  const where: SQL[] = [];
  for (const c of rule.source.conditions)
    switch (c.field) {
      case "state":
        states = states.filter((s) => (c.anyOf as readonly string[]).includes(s));
        break;
      case "type":
        // A kind, or an added type's id.
        where.push(sql`(type::text IN (${list(c.anyOf)}) OR type_id::text IN (${list(c.anyOf)}))`);
        break;
      case "channel":
      case "priority":
      case "language":
        where.push(sql`${sql.raw(c.field)}::text IN (${list(c.anyOf)})`);
        break;
      case "area":
        where.push(sql`area_id IN (${list(c.anyOf)})`);
        break;
      case "status": {
        // A workflow is keyed by an added type's id, or by the kind for the built-in type (tickets without an added type).
        const pairs = defaultStatusPairs(settings, c.anyOf).map(([key, phase]) =>
          isKind(key)
            ? sql`(type::text = ${key} AND type_id IS NULL AND state::text = ${phase})`
            : sql`(type_id = ${key} AND state::text = ${phase})`,
        );
        where.push(sql`(status_id IN (${list(c.anyOf)})${pairs.length ? sql` OR ${sql.join(pairs, sql` OR `)}` : sql``})`);
        break;
      }
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
      case "words": {
        const patterns = c.anyOf.flatMap((w) => wordsOf(w)).map((p) => sql`description ILIKE ${likePattern(p)}`);
        where.push(patterns.length ? sql`(${sql.join(patterns, sql` OR `)})` : sql`false`);
        break;
      }
      case "changed":
        where.push(sql`false`);
        break;
      case "businessHours":
        if (env.isBusinessHours() !== c.is) where.push(sql`false`);
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

/**
 * The rule's conditions that look only at the ticket (not at the clock): a ticket that fails them
 * fails them until it changes, so the scan remembers the miss (rule_misses) under a digest of them
 * and of the categories a category condition covers (the tree may change under the rule) and the
 * phases in which a status condition's status is the default (the workflow may change).
 */
function ticketConditions(rule: CompiledRule, settings: RuleSettings): { rule: CompiledRule; version: string } {
  const conditions = rule.source.conditions.filter((c) => c.field !== "elapsed" && c.field !== "businessHours");
  const covered = conditions.map((c) =>
    c.field === "category"
      ? coveredCategories(settings, c.anyOf).sort()
      : c.field === "status"
        ? defaultStatusPairs(settings, c.anyOf)
        : null,
  );
  const version = createHash("sha256")
    .update(JSON.stringify([conditions, covered]))
    .digest("base64url")
    .slice(0, 22);
  return { rule: compileRules([{ ...rule.source, conditions }])[0] as CompiledRule, version };
}

type Ticket = typeof tickets.$inferSelect;
/** What the scan reads of a candidate: all but the search vector. */
const { searchVector: _, ...candidateColumns } = getTableColumns(tickets);
type Read = Omit<Ticket, "searchVector">;
/** A candidate, its instant and its updated_at as the database spells them (to the microsecond, for paging and misses). */
type Candidate = { ticket: Read; since: string; version: string };

/**
 * One page of a rule's candidates after `after` (in the order of their instant, then id): open
 * tickets past the threshold that pass the SQL filters, have not fired for the current period and
 * were not found to miss the rule as they are now. A firing keeps its period's instant to the
 * millisecond, as the application reads it, so the instant is compared at that precision.
 */
async function candidates(
  db: Db,
  organisationId: string,
  rule: CompiledRule,
  version: string,
  elapsed: Elapsed,
  threshold: Date,
  filters: SQL[],
  after: Candidate | null,
): Promise<Candidate[]> {
  const at = column[elapsed.since];
  return db
    .select({ ticket: candidateColumns, since: sql<string>`tickets.${at}::text`, version: sql<string>`tickets.updated_at::text` })
    .from(tickets)
    .where(
      sql`organisation_id = ${organisationId} AND ${at} IS NOT NULL AND ${at} <= ${threshold.toISOString()}
          AND merged_into_id IS NULL AND ${sql.join(filters, sql` AND `)}
          ${after ? sql`AND (${at}, id) > (${after.since}::timestamptz, ${after.ticket.id})` : sql``}
          AND NOT EXISTS (SELECT 1 FROM rule_firings f WHERE f.rule_id = ${rule.source.id} AND f.ticket_id = tickets.id AND f.period_start = date_trunc('milliseconds', tickets.${at}))
          AND NOT EXISTS (SELECT 1 FROM rule_misses m WHERE m.rule_id = ${rule.source.id} AND m.ticket_id = tickets.id
            AND m.ticket_version = tickets.updated_at AND m.conditions_version = ${version})`,
    )
    .orderBy(sql`tickets.${at}`, tickets.id)
    .limit(BATCH);
}

/** Remembers that the rule's ticket conditions fail for these candidates as they were read (one row per pair). */
async function rememberMisses(db: Db, ruleId: string, version: string, missed: Candidate[]) {
  if (!missed.length) return;
  const rows = JSON.stringify(missed.map((c) => ({ ticket_id: c.ticket.id, version: c.version })));
  await db.execute(
    sql`INSERT INTO rule_misses (rule_id, ticket_id, ticket_version, conditions_version)
        SELECT ${ruleId}, m.ticket_id, m.version::timestamptz, ${version} FROM jsonb_to_recordset(${rows}::jsonb) AS m(ticket_id uuid, version text)
        ON CONFLICT (rule_id, ticket_id) DO UPDATE SET ticket_version = excluded.ticket_version, conditions_version = excluded.conditions_version`,
  );
}

/** Forgets the rule's misses that no longer hold: the ticket changed or finished, or the conditions changed. */
async function forgetStaleMisses(db: Db, ruleId: string, version: string) {
  await db.execute(
    sql`DELETE FROM rule_misses m USING tickets t
        WHERE m.rule_id = ${ruleId} AND t.id = m.ticket_id
          AND (t.updated_at <> m.ticket_version OR m.conditions_version <> ${version}
            OR t.state NOT IN ('new', 'in_progress', 'waiting_for_customer') OR t.merged_into_id IS NOT NULL)`,
  );
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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
