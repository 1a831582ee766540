import { count, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { ticketFollowers } from "../../db/schema.ts";

/** How many residents follow the ticket ("N residents have the same issue"). */
export async function followerCount(db: Queryable, ticketId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ticketFollowers).where(eq(ticketFollowers.ticketId, ticketId));
  return row?.n ?? 0;
}
