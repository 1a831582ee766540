/** Full-text search of the staff ticket list: the query text, its per-state counts and the relevance order. */
import { type TicketState, ticketStates } from "@yhteys/contracts";
import { and, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import { createdWeekVector, tickets } from "../../db/schema.ts";
import { MATCH_END, MATCH_START, PASSAGE_DELIMITER, SUMMARY_LENGTH } from "./tickets.presenter.ts";
import type { Counts } from "./tickets.queries.ts";

/**
 * A search for `q` as one tsquery text (matched against the search vector, which also holds the
 * reference): the query stemmed in Finnish, Swedish, English and without
 * stemming ("simple", for references), identical alternatives merged (a word often stems the same
 * in every language). Null when nothing searchable is left (only stop words or punctuation).
 * Sending the result as a constant lets the planner estimate the matches from the index
 * statistics; four copies of one word were estimated as four times as many matches.
 */
export async function searchQuery(db: Db, q: string): Promise<string | null> {
  const [row] = await queryRows<{ tsq: string | null }>(
    db,
    sql`SELECT string_agg(DISTINCT '(' || v.q::text || ')', ' | ') AS tsq
          FROM (VALUES (websearch_to_tsquery('finnish', ${q})), (websearch_to_tsquery('swedish', ${q})),
                       (websearch_to_tsquery('english', ${q})), (websearch_to_tsquery('simple', ${q}))) v(q)
         WHERE numnode(v.q) > 0`,
  );
  return row?.tsq ?? null;
}

/**
 * Sorting by relevance ranks the newest this many matches; older matches follow them, newest
 * first. Ranking every match of a common word (tens of thousands at a million tickets) costs a
 * read of each one; the newest matches are what staff look for, and older ones stay reachable
 * by paging on, by narrowing the search or by sorting by date.
 */
const RELEVANCE_WINDOW = 2_000;

/**
 * Per-state counts of a text search, or null when it matches `limit` tickets or more. The text
 * index holds no state, so counting matches by state means reading each of them from the table,
 * and a common word matches tens of thousands; so at most `limit` matches are read. Below it the
 * counts are exact; at it, only "at least `limit` in all" is known.
 */
export async function searchCounts(db: Db, base: SQL | undefined, limit: number): Promise<Counts | null> {
  const rows = await queryRows<{ state: TicketState; n: number }>(
    db,
    sql`SELECT s.state, count(*)::int AS n FROM (SELECT ${tickets.state} AS state FROM ${tickets} WHERE ${base} LIMIT ${limit}) s
        GROUP BY s.state`,
  );
  if (rows.reduce((n, r) => n + Number(r.n), 0) >= limit) return null;
  const counts = Object.fromEntries(ticketStates.map((s) => [s, 0])) as Counts;
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/**
 * The description's passages around the matches of `tsq`, stemmed in the ticket's language, each
 * matched word between MATCH_START and MATCH_END (removed from the text beforehand): a text that
 * fits in a summary whole, a longer one as at most two passages of ~20 words. Computed only for
 * the rows of a page: `ts_headline` parses the text again.
 */
export const matchedPassages = (tsq: string) => {
  const marks = `StartSel=${MATCH_START}, StopSel=${MATCH_END}`;
  const headline = (options: string) =>
    sql`ts_headline(
      CASE ${tickets.language} WHEN 'sv' THEN 'swedish'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'finnish'::regconfig END,
      translate(${tickets.description}, ${MATCH_START + MATCH_END}, ''), ${tsq}::tsquery, ${options})`;
  return sql<string>`CASE WHEN length(${tickets.description}) <= ${SUMMARY_LENGTH}
    THEN ${headline(`${marks}, HighlightAll=true`)}
    ELSE ${headline(`${marks}, MaxWords=20, MinWords=8, MaxFragments=2, FragmentDelimiter="${PASSAGE_DELIMITER}"`)} END`;
};

const WEEK_MS = 7 * 86_400_000;

/** The creation weeks `from`…`to` (weeks since 1970), as the text index's second column finds them. */
const createdInWeeks = (from: number, to: number) =>
  sql`${createdWeekVector(tickets.createdAt)} @@ ${Array.from({ length: to - from + 1 }, (_, i) => from + i).join(" | ")}::tsquery`;

/**
 * The ids of one page sorted by relevance: the newest RELEVANCE_WINDOW matches by rank, then older
 * ones by date. The newest matches are gathered window by window, newest first: this week and the
 * last (and the next, for clocks a little ahead), the 6 weeks before, the 24 weeks before those,
 * then all older ones. A window of weeks comes from the text index alone (its second column), so
 * a common word reads its matches of the last weeks and not the tens of thousands before them;
 * each window is read newest first and only as far as still needed, and the windows do not
 * overlap, so the matches gathered are exactly the newest ones. The next window is read only if,
 * at the rate of the matches found so far, it would give at least a quarter of those still
 * wanted; otherwise the word is rare and all its older matches are read at once (one index scan
 * instead of several). `OFFSET 0` plans the matching on its own (through the text index, reading
 * only matching tickets) before the newest are taken: otherwise, seeing a small LIMIT, PostgreSQL
 * walks the date index and reads thousands of non-matching tickets.
 */
export async function relevancePage(db: Db, where: SQL | undefined, tsq: string, limit: number, offset: number): Promise<string[]> {
  const wanted = Math.max(RELEVANCE_WINDOW, offset + limit);
  const found: { id: string; rank: number }[] = [];
  const read = (range: SQL) =>
    queryRows<{ id: string; rank: number | string }>(
      db,
      sql`SELECT f.id, f.rank FROM (
            SELECT ${tickets.id} AS id, ${tickets.createdAt} AS created_at, ts_rank(${tickets.searchVector}, ${tsq}::tsquery) AS rank
              FROM ${tickets} WHERE ${and(where, range)} OFFSET 0) f
          ORDER BY f.created_at DESC, f.id DESC LIMIT ${wanted - found.length}`,
    ).then((rows) => {
      for (const r of rows) found.push({ id: r.id, rank: Number(r.rank) });
    });
  const now = Date.now();
  const week = Math.floor(now / WEEK_MS);
  await read(createdInWeeks(week - 1, week + 1));
  let from = week - 1;
  for (const weeks of [6, 24]) {
    const rate = found.length / (now / WEEK_MS - from);
    if (found.length >= wanted || rate * weeks < (wanted - found.length) / 4) break;
    await read(createdInWeeks(from - weeks, from - 1));
    from -= weeks;
  }
  if (found.length < wanted) await read(sql`NOT ${createdInWeeks(from, week + 1)}`);
  const ranked = found
    .slice(0, RELEVANCE_WINDOW)
    .map((r, n) => ({ ...r, n }))
    .sort((a, b) => b.rank - a.rank || a.n - b.n);
  return [...ranked, ...found.slice(RELEVANCE_WINDOW)].slice(offset, offset + limit).map((r) => r.id);
}
