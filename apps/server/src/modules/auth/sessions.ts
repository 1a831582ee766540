import type { SessionInfo } from "@yhteys/contracts";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { groupMemberships, handlerGroups, organisations, sessions, userAreas, users } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import type { StaffActor } from "./actor.ts";
import { decoyHash, verifyPassword } from "./passwords.ts";
import { hashToken, newToken } from "./tokens.ts";

export const SESSION_COOKIE = "yhteys_session";
export const SESSION_HOURS = 12;

type LoginInput = { organisation: string; email: string; password: string };

/** Checks the password (throttled) and opens a session. Returns the cookie token and session info. */
export async function login(ctx: AppContext, input: LoginInput, ip: string) {
  const email = input.email.trim().toLowerCase();
  const keys = [`account:${input.organisation}:${email}`, `ip:${ip}`];
  const wait = ctx.loginThrottle.retryAfter(keys);
  if (wait > 0) throw new AppError("rate_limited", `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`);

  const [row] = await ctx.db
    .select({ id: users.id, organisationId: users.organisationId, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(organisations.slug, input.organisation), sql`lower(${users.email}) = ${email}`, eq(users.active, true)))
    .limit(1);
  const ok = await verifyPassword(input.password, row?.passwordHash ?? (await decoyHash));
  if (!row?.passwordHash || !ok) {
    ctx.loginThrottle.fail(keys);
    throw new AppError("unauthenticated", "The email address or password is wrong");
  }
  ctx.loginThrottle.succeed(keys);

  const token = newToken();
  const csrfToken = newToken();
  // Expired sessions of this user go when they sign in again.
  await ctx.db.delete(sessions).where(and(eq(sessions.userId, row.id), lt(sessions.expiresAt, new Date())));
  await ctx.db.insert(sessions).values({
    organisationId: row.organisationId,
    userId: row.id,
    tokenHash: hashToken(token),
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
  });
  const actor = await loadActor(ctx, row.organisationId, row.id);
  if (!actor) throw new AppError("unauthenticated");
  return { token, info: await sessionInfo(ctx, actor, csrfToken) };
}

/** Resolves a session cookie to the signed-in user and the session's CSRF token, in one query. */
export async function authenticate(ctx: AppContext, token: string) {
  const [row] = await ctx.db
    .select({ ...actorColumns, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.organisationId, sessions.organisationId)))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date()), eq(users.active, true)))
    .limit(1);
  return row ? { actor: toActor(row), csrfToken: row.csrfToken } : null;
}

export async function logout(ctx: AppContext, token: string) {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** A user with their groups and areas: every staff request needs them, so one query reads all. */
const actorColumns = {
  id: users.id,
  organisationId: users.organisationId,
  role: users.role,
  name: users.name,
  email: users.email,
  language: users.language,
  groupIds: sql<
    string[]
  >`coalesce((SELECT json_agg(${groupMemberships.groupId}) FROM ${groupMemberships} WHERE ${groupMemberships.userId} = ${users.id}), '[]')`,
  areaIds: sql<string[]>`coalesce((SELECT json_agg(${userAreas.areaId}) FROM ${userAreas} WHERE ${userAreas.userId} = ${users.id}), '[]')`,
  sensitiveAccess: sql<boolean>`EXISTS (SELECT 1 FROM ${groupMemberships} JOIN ${handlerGroups} ON ${handlerGroups.id} = ${groupMemberships.groupId} WHERE ${groupMemberships.userId} = ${users.id} AND ${handlerGroups.sensitiveAccess})`,
};

type ActorRow = Omit<StaffActor, "kind" | "userId"> & { id: string };

const toActor = (row: ActorRow): StaffActor => ({
  kind: "user",
  userId: row.id,
  organisationId: row.organisationId,
  role: row.role,
  name: row.name,
  email: row.email,
  language: row.language,
  groupIds: row.groupIds,
  areaIds: row.areaIds,
  sensitiveAccess: row.sensitiveAccess,
});

/** The active user as a staff actor (their role, groups, areas), or null if they are not active. */
export async function loadActor(ctx: Pick<AppContext, "db">, organisationId: string, userId: string): Promise<StaffActor | null> {
  const [actor] = await loadActors(ctx.db, organisationId, [userId]);
  return actor ?? null;
}

/** The active users among `userIds` (all of the organisation's when omitted) as staff actors, in one query. */
export async function loadActors(db: Queryable, organisationId: string, userIds?: string[]): Promise<StaffActor[]> {
  if (userIds && !userIds.length) return [];
  const rows = await db
    .select(actorColumns)
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.active, true), userIds ? inArray(users.id, userIds) : undefined));
  return rows.map(toActor);
}

export async function sessionInfo(ctx: AppContext, actor: StaffActor, csrfToken: string): Promise<SessionInfo> {
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, actor.organisationId));
  if (!org) throw new AppError("unauthenticated");
  return {
    csrfToken,
    user: {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      language: actor.language,
      organisation: { id: org.id, slug: org.slug, name: org.name },
      groupIds: actor.groupIds,
    },
  };
}
