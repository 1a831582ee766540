/**
 * The candidates of a time rule (rules.timer.ts): the SQL that narrows an organisation's open
 * tickets to those a rule may fire on (past its threshold, passing the conditions SQL can test,
 * not fired for the current period, not remembered as a miss), paged in the order of the instant
 * the rule counts from, and the memory of misses (rule_misses) that keeps later rounds cheap.
 */

import { createHash } from "node:crypto";
import { openStates, type RuleCondition, type RuleTimeBase } from "@yhteys/contracts";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tickets } from "../../db/schema.ts";
import { isKind } from "../workflows/ticket-types.ts";
import { type CompiledRule, compileRules, type RuleEnvironment, wordsOf } from "./rules.engine.ts";
import type { RuleSettings } from "./rules.ts";

/** Candidates read per statement. */
export const CANDIDATE_BATCH = 500;

const column: Record<RuleTimeBase, SQL> = {
  created: sql`created_at`,
  updated: sql`updated_at`,
  waiting: sql`sla_paused_at`,
  slaWarned: sql`sla_warned_at`,
  slaBreached: sql`sla_breached_at`,
  statusChanged: sql`status_changed_at`,
};

/** An "elapsed" condition: how long since which instant. */
export type Elapsed = Extract<RuleCondition, { field: "elapsed" }>;

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
export function prefilter(rule: CompiledRule, settings: RuleSettings, env: RuleEnvironment): SQL[] {
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
export function ticketConditions(rule: CompiledRule, settings: RuleSettings): { rule: CompiledRule; version: string } {
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
export type Candidate = { ticket: Read; since: string; version: string };

/**
 * One page of a rule's candidates after `after` (in the order of their instant, then id): open
 * tickets past the threshold that pass the SQL filters, have not fired for the current period and
 * were not found to miss the rule as they are now. A firing keeps its period's instant to the
 * millisecond, as the application reads it, so the instant is compared at that precision.
 */
export async function candidates(
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
    .limit(CANDIDATE_BATCH);
}

/** Remembers that the rule's ticket conditions fail for these candidates as they were read (one row per pair). */
export async function rememberMisses(db: Db, ruleId: string, version: string, missed: Candidate[]) {
  if (!missed.length) return;
  const rows = JSON.stringify(missed.map((c) => ({ ticket_id: c.ticket.id, version: c.version })));
  await db.execute(
    sql`INSERT INTO rule_misses (rule_id, ticket_id, ticket_version, conditions_version)
        SELECT ${ruleId}, m.ticket_id, m.version::timestamptz, ${version} FROM jsonb_to_recordset(${rows}::jsonb) AS m(ticket_id uuid, version text)
        ON CONFLICT (rule_id, ticket_id) DO UPDATE SET ticket_version = excluded.ticket_version, conditions_version = excluded.conditions_version`,
  );
}

/** Forgets the rule's misses that no longer hold: the ticket changed or finished, or the conditions changed. */
export async function forgetStaleMisses(db: Db, ruleId: string, version: string) {
  await db.execute(
    sql`DELETE FROM rule_misses m USING tickets t
        WHERE m.rule_id = ${ruleId} AND t.id = m.ticket_id
          AND (t.updated_at <> m.ticket_version OR m.conditions_version <> ${version}
            OR t.state NOT IN ('new', 'in_progress', 'waiting_for_customer') OR t.merged_into_id IS NOT NULL)`,
  );
}
