/**
 * Who is online: staff with a live console in any app process (REQUIREMENTS M8, for emailing only
 * those who are not). Each process writes its connected users to `staff_online` when they connect
 * and again every ONLINE_RENEW_MS, and removes a user when their last local socket closes. A user
 * renewed within ONLINE_WINDOW_MS is online; a crashed process's users drop out after it.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { staffOnline } from "../../db/schema.ts";

const ONLINE_RENEW_MS = 30_000;
const ONLINE_WINDOW_MS = 3 * ONLINE_RENEW_MS;

type User = { userId: string; organisationId: string };

/** Whether the user has a live console (in any app process). */
export async function isOnline(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: staffOnline.userId })
    .from(staffOnline)
    .where(and(eq(staffOnline.userId, userId), sql`${staffOnline.seenAt} > now() - make_interval(secs => ${ONLINE_WINDOW_MS / 1000})`));
  return Boolean(row);
}

/** This process's side: counts each user's local sockets and keeps their rows fresh. */
export class OnlineStaff {
  private readonly sockets = new Map<string, { user: User; count: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void,
  ) {}

  start() {
    this.timer = setInterval(() => this.renew([...this.sockets.values()].map((s) => s.user)).catch(this.onError), ONLINE_RENEW_MS);
    this.timer.unref();
  }

  async close() {
    if (this.timer) clearInterval(this.timer);
    const ids = [...this.sockets.keys()];
    this.sockets.clear();
    if (ids.length) await this.db.delete(staffOnline).where(inArray(staffOnline.userId, ids));
  }

  /** A socket of the user opened; resolves when they are written as online. */
  connected(user: User): Promise<void> {
    const known = this.sockets.get(user.userId);
    if (known) known.count++;
    else this.sockets.set(user.userId, { user, count: 1 });
    return this.renew([user]);
  }

  /** A socket of the user closed: the last one takes them offline. */
  async disconnected(userId: string): Promise<void> {
    const known = this.sockets.get(userId);
    if (!known) return;
    if (--known.count > 0) return;
    this.sockets.delete(userId);
    await this.db.delete(staffOnline).where(eq(staffOnline.userId, userId));
  }

  private async renew(users: User[]) {
    if (!users.length) return;
    await this.db
      .insert(staffOnline)
      .values(users.map((u) => ({ userId: u.userId, organisationId: u.organisationId })))
      .onConflictDoUpdate({ target: staffOnline.userId, set: { seenAt: sql`now()` } });
  }
}
