/**
 * Staff accounts, for technical admins: list and search, create with an initial password, edit
 * role, groups and area scopes, deactivate (which ends the user's sessions). Every change is
 * written to the audit chain in the same transaction. The organisation always keeps at least one
 * active technical admin, and nobody deactivates themselves.
 */
import type { AdminUser, AdminUserList, AdminUserQuery, NewUser, UserUpdate } from "@yhteys/contracts";
import { and, asc, count, eq, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import { type Db, isUniqueViolation, type Tx } from "../../db/client.ts";
import { areas, groupMemberships, handlerGroups, sessions, userAreas, users } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { hashPassword } from "../auth/passwords.ts";
import { requireTechnicalAdmin } from "./admin.access.ts";

type UserRow = typeof users.$inferSelect;

const adminUserColumns = {
  u: users,
  groupIds: sql<
    string[]
  >`coalesce((SELECT json_agg(${groupMemberships.groupId}) FROM ${groupMemberships} WHERE ${groupMemberships.userId} = ${users.id}), '[]')`,
  areaIds: sql<string[]>`coalesce((SELECT json_agg(${userAreas.areaId}) FROM ${userAreas} WHERE ${userAreas.userId} = ${users.id}), '[]')`,
};

/** What leaves the server about an account: never the password hash. */
const presentUser = (row: { u: UserRow; groupIds: string[]; areaIds: string[] }): AdminUser => ({
  id: row.u.id,
  email: row.u.email,
  name: row.u.name,
  role: row.u.role,
  language: row.u.language,
  active: row.u.active,
  groupIds: row.groupIds,
  areaIds: row.areaIds,
  createdAt: row.u.createdAt.toISOString(),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Users of the organisation, by name; `q` searches name and email. */
export async function listUsers(db: Db, actor: StaffActor, query: AdminUserQuery): Promise<AdminUserList> {
  requireTechnicalAdmin(actor);
  const conditions: (SQL | undefined)[] = [eq(users.organisationId, actor.organisationId)];
  if (query.includeInactive !== "true") conditions.push(eq(users.active, true));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db.select(adminUserColumns).from(users).where(where).orderBy(asc(users.name), asc(users.id)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows.map(presentUser), total: total?.n ?? 0 };
}

/** One user of the organisation (404 for another organisation's). */
export async function getUser(db: Db | Tx, actor: StaffActor, userId: string): Promise<AdminUser> {
  requireTechnicalAdmin(actor);
  const [row] = await db
    .select(adminUserColumns)
    .from(users)
    .where(and(eq(users.organisationId, actor.organisationId), eq(users.id, userId)));
  if (!row) throw notFound("The user");
  return presentUser(row);
}

/** Groups and areas must be the organisation's own; anything else is a field error. */
async function checkScopes(tx: Tx, organisationId: string, groupIds: string[] | undefined, areaIds: string[] | undefined) {
  const errors: { path: string; message: string }[] = [];
  if (groupIds?.length) {
    const found = await tx
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, organisationId), inArray(handlerGroups.id, groupIds)));
    if (found.length !== new Set(groupIds).size) errors.push({ path: "body.groupIds", message: "unknown group" });
  }
  if (areaIds?.length) {
    const found = await tx
      .select({ id: areas.id })
      .from(areas)
      .where(and(eq(areas.organisationId, organisationId), inArray(areas.id, areaIds)));
    if (found.length !== new Set(areaIds).size) errors.push({ path: "body.areaIds", message: "unknown area" });
  }
  if (errors.length) throw new AppError("validation_failed", "Some groups or areas do not exist", errors);
}

async function replaceScopes(tx: Tx, organisationId: string, userId: string, groupIds?: string[], areaIds?: string[]) {
  if (groupIds) {
    await tx.delete(groupMemberships).where(eq(groupMemberships.userId, userId));
    const unique = [...new Set(groupIds)];
    if (unique.length) await tx.insert(groupMemberships).values(unique.map((groupId) => ({ organisationId, groupId, userId })));
  }
  if (areaIds) {
    await tx.delete(userAreas).where(eq(userAreas.userId, userId));
    const unique = [...new Set(areaIds)];
    if (unique.length) await tx.insert(userAreas).values(unique.map((areaId) => ({ organisationId, areaId, userId })));
  }
}

const emailTaken = () =>
  new AppError("conflict", "A user with this email address already exists", [{ path: "body.email", message: "taken" }]);

/** Runs a write that may hit the unique email index (a concurrent request took the address first). */
async function uniqueEmail<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

async function assertEmailFree(tx: Tx, organisationId: string, email: string, exceptUserId?: string) {
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  if (taken) throw emailTaken();
}

/** Creates a user with an initial password, their groups and areas; audited. */
export async function createUser(db: Db, actor: StaffActor, input: NewUser): Promise<AdminUser> {
  requireTechnicalAdmin(actor);
  const passwordHash = await hashPassword(input.password);
  return uniqueEmail(() =>
    db.transaction(async (tx) => {
      const email = input.email.trim();
      await assertEmailFree(tx, actor.organisationId, email);
      await checkScopes(tx, actor.organisationId, input.groupIds, input.areaIds);
      const [row] = await tx
        .insert(users)
        .values({ organisationId: actor.organisationId, email, name: input.name, role: input.role, language: input.language, passwordHash })
        .returning({ id: users.id });
      if (!row) throw new Error("user not created");
      await replaceScopes(tx, actor.organisationId, row.id, input.groupIds ?? [], input.areaIds ?? []);
      await appendAudit(tx, actor, { action: "user.created", subjectType: "user", subjectId: row.id, detail: { role: input.role } });
      return getUser(tx, actor, row.id);
    }),
  );
}

/**
 * Locks the organisation's active technical admins (so that two admins demoting each other at
 * once cannot both succeed) and refuses a change that would leave none.
 */
async function keepOneTechnicalAdmin(tx: Tx, actor: StaffActor, target: UserRow, update: UserUpdate) {
  if (update.active === false && target.id === actor.userId) throw new AppError("conflict", "You cannot deactivate yourself");
  const losesAdmin =
    target.role === "technical_admin" && target.active && (update.active === false || (update.role ?? target.role) !== "technical_admin");
  if (!losesAdmin) return;
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, actor.organisationId), eq(users.role, "technical_admin"), eq(users.active, true)))
    .for("update");
  if (!admins.some((a) => a.id !== target.id))
    throw new AppError("conflict", "The organisation must keep at least one active technical admin");
}

/** Changes a user; deactivation or a new password ends their sessions; audited. */
export async function updateUser(db: Db, actor: StaffActor, userId: string, update: UserUpdate): Promise<AdminUser> {
  requireTechnicalAdmin(actor);
  const passwordHash = update.password ? await hashPassword(update.password) : undefined;
  return uniqueEmail(() =>
    db.transaction(async (tx) => {
      const [target] = await tx
        .select()
        .from(users)
        .where(and(eq(users.organisationId, actor.organisationId), eq(users.id, userId)))
        .for("update");
      if (!target) throw notFound("The user");
      await keepOneTechnicalAdmin(tx, actor, target, update);
      if (update.email) await assertEmailFree(tx, actor.organisationId, update.email.trim(), userId);
      await checkScopes(tx, actor.organisationId, update.groupIds, update.areaIds);
      const fields = {
        ...(update.email ? { email: update.email.trim() } : {}),
        ...(update.name ? { name: update.name } : {}),
        ...(update.role ? { role: update.role } : {}),
        ...(update.language ? { language: update.language } : {}),
        ...(update.active !== undefined ? { active: update.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      };
      if (Object.keys(fields).length) await tx.update(users).set(fields).where(eq(users.id, userId));
      await replaceScopes(tx, actor.organisationId, userId, update.groupIds, update.areaIds);
      // A deactivated user, or one whose password was reset, is signed out everywhere at once.
      if (update.active === false || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, userId));
      // Field names (and the new role) only: never the password.
      await appendAudit(tx, actor, {
        action: "user.updated",
        subjectType: "user",
        subjectId: userId,
        detail: { fields: Object.keys(update), ...(update.role ? { role: update.role } : {}) },
      });
      return getUser(tx, actor, userId);
    }),
  );
}
