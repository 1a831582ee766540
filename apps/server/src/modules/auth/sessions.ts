import type { SessionInfo } from "@yhteys/contracts";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { groupMemberships, organisations, sessions, userAreas, users } from "../../db/schema.ts";
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

/** Resolves a session cookie to the signed-in user and the session's CSRF token. */
export async function authenticate(ctx: AppContext, token: string) {
  const [session] = await ctx.db
    .select({ organisationId: sessions.organisationId, userId: sessions.userId, csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!session) return null;
  const actor = await loadActor(ctx, session.organisationId, session.userId);
  return actor ? { actor, csrfToken: session.csrfToken } : null;
}

export async function logout(ctx: AppContext, token: string) {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

async function loadActor(ctx: AppContext, organisationId: string, userId: string): Promise<StaffActor | null> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.id, userId), eq(users.active, true)));
  if (!user) return null;
  const [groups, areas] = await Promise.all([
    ctx.db.select({ id: groupMemberships.groupId }).from(groupMemberships).where(eq(groupMemberships.userId, userId)),
    ctx.db.select({ id: userAreas.areaId }).from(userAreas).where(eq(userAreas.userId, userId)),
  ]);
  return {
    kind: "user",
    userId: user.id,
    organisationId: user.organisationId,
    role: user.role,
    name: user.name,
    email: user.email,
    language: user.language,
    groupIds: groups.map((g) => g.id),
    areaIds: areas.map((a) => a.id),
  };
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
