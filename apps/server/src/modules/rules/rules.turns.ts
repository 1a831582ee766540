/**
 * "Assign in turn" routing (REQUIREMENTS M6): a rule hands tickets to the members of a group one
 * after another. Each group's turn is one row (the member who got the last ticket), moved on by a
 * single atomic upsert: PostgreSQL locks the row for the statement, so parallel submissions and
 * several servers each get the next member and never the same turn.
 */
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../db/client.ts";
import { membersAtWork } from "../absence/absence.ts";

/** What "assign in turn" did, for the ticket's history: the member, or null when nobody was at work. */
export type Turn = { groupId: string; handlerId: string | null };

/**
 * The group's member whose turn it is at `now` among those at work who may open the ticket (in
 * the order of their ids, after the one who got the last ticket); null leaves it in the queue.
 */
export async function takeTurn(
  db: Queryable,
  organisationId: string,
  groupId: string,
  options: { sensitive: boolean; now: Date },
): Promise<Turn> {
  const present = await membersAtWork(db, organisationId, groupId, options);
  const first = present[0];
  if (!first) return { groupId, handlerId: null };
  const ids = sql.join(
    present.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [row] = await queryRows<{ last_user_id: string }>(
    db,
    sql`INSERT INTO group_turns (group_id, organisation_id, last_user_id) VALUES (${groupId}, ${organisationId}, ${first})
        ON CONFLICT (group_id) DO UPDATE SET last_user_id = coalesce(
          (SELECT id FROM unnest(ARRAY[${ids}]) id WHERE id > group_turns.last_user_id ORDER BY id LIMIT 1), ${first}::uuid)
        RETURNING last_user_id`,
  );
  return { groupId, handlerId: row?.last_user_id ?? null };
}
