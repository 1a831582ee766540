/**
 * Mailboxes for technical admins: list, create, change, delete and "check now". Every change is
 * an audit entry in the same transaction. The IMAP password is write-only: stored, used by the
 * reader, never returned and never put in the audit log or any log line.
 */
import type { Mailbox, MailboxCheck, MailboxList, MailboxUpdate, NewMailbox } from "@yhteys/contracts";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { categories, handlerGroups, inboundEmails, mailboxes } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { checkMailbox } from "./imap.ts";
import type { MailboxRow } from "./incoming.ts";

/** What the admin API shows of a mailbox: never its password. */
function presentMailbox(row: MailboxRow, ingested: number): Mailbox {
  return {
    id: row.id,
    address: row.address,
    kind: row.kind,
    groupId: row.groupId,
    categoryId: row.categoryId,
    active: row.active,
    imap:
      row.kind === "imap"
        ? {
            host: row.imapHost ?? "",
            port: row.imapPort ?? 993,
            tls: row.imapTls,
            user: row.imapUser ?? "",
            folder: row.folder,
            hasPassword: Boolean(row.imapPassword),
          }
        : null,
    status: row.status,
    lastError: row.lastError,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastUid: row.lastUid,
    ingested,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function mailboxesOf(db: Queryable, organisationId: string, id?: string): Promise<Mailbox[]> {
  const rows = await db
    .select({ mailbox: mailboxes, ingested: count(inboundEmails.id) })
    .from(mailboxes)
    .leftJoin(inboundEmails, eq(inboundEmails.mailboxId, mailboxes.id))
    .where(and(eq(mailboxes.organisationId, organisationId), id ? eq(mailboxes.id, id) : undefined))
    .groupBy(mailboxes.id)
    .orderBy(asc(mailboxes.address));
  return rows.map((r) => presentMailbox(r.mailbox, r.ingested));
}

async function getMailbox(db: Queryable, actor: StaffActor, id: string): Promise<Mailbox> {
  const [mailbox] = await mailboxesOf(db, actor.organisationId, id);
  if (!mailbox) throw notFound("The mailbox");
  return mailbox;
}

/** 400 unless the group is the organisation's and the category an active leaf of it. */
async function checkRouting(
  db: Queryable,
  organisationId: string,
  input: { groupId?: string | undefined; categoryId?: string | undefined },
) {
  if (input.groupId) {
    const [group] = await db
      .select({ id: handlerGroups.id })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, organisationId), eq(handlerGroups.id, input.groupId)));
    if (!group) throw new AppError("validation_failed", "Unknown group", [{ path: "body.groupId", message: "unknown group" }]);
  }
  if (input.categoryId) {
    const [category] = await db
      .select({ id: categories.id, extraFields: categories.extraFields })
      .from(categories)
      .where(and(eq(categories.organisationId, organisationId), eq(categories.id, input.categoryId), eq(categories.active, true)));
    const [child] = await db.select({ id: categories.id }).from(categories).where(eq(categories.parentId, input.categoryId)).limit(1);
    if (!category || child)
      throw new AppError("validation_failed", "Choose an active leaf category", [
        { path: "body.categoryId", message: "not a leaf category" },
      ]);
    // An email answers no extra fields: a category that requires some could never take it.
    if (category.extraFields.some((f) => f.required))
      throw new AppError("validation_failed", "Choose a category without required extra fields", [
        { path: "body.categoryId", message: "the category has required extra fields" },
      ]);
  }
}

const isUniqueViolation = (e: unknown): boolean =>
  (e as { code?: string })?.code === "23505" || (e instanceof Error && e.cause !== undefined && isUniqueViolation(e.cause));

/** 409 for an address that another mailbox (of any organisation) already has. */
async function uniqueAddress<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "Another mailbox already has this address");
    throw e;
  }
}

export async function listMailboxes(ctx: Pick<AppContext, "db">, actor: StaffActor): Promise<MailboxList> {
  requireTechnicalAdmin(actor);
  return { items: await mailboxesOf(ctx.db, actor.organisationId) };
}

export async function createMailbox(ctx: Pick<AppContext, "db">, actor: StaffActor, input: NewMailbox): Promise<Mailbox> {
  requireTechnicalAdmin(actor);
  await checkRouting(ctx.db, actor.organisationId, input);
  return uniqueAddress(() =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(mailboxes)
        .values({
          organisationId: actor.organisationId,
          address: input.address.toLowerCase(),
          kind: input.kind,
          groupId: input.groupId,
          categoryId: input.categoryId,
          active: input.active ?? true,
          ...(input.imap
            ? {
                imapHost: input.imap.host,
                imapPort: input.imap.port,
                imapTls: input.imap.tls,
                imapUser: input.imap.user,
                imapPassword: input.imap.password,
                folder: input.imap.folder,
              }
            : {}),
        })
        .returning({ id: mailboxes.id });
      if (!row) throw new Error("mailbox not created");
      await appendAudit(tx, actor, {
        action: "mailbox.created",
        subjectType: "mailbox",
        subjectId: row.id,
        detail: { address: input.address, kind: input.kind },
      });
      return getMailbox(tx, actor, row.id);
    }),
  );
}

export async function updateMailbox(ctx: Pick<AppContext, "db">, actor: StaffActor, id: string, update: MailboxUpdate): Promise<Mailbox> {
  requireTechnicalAdmin(actor);
  await checkRouting(ctx.db, actor.organisationId, update);
  return uniqueAddress(() =>
    ctx.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(mailboxes)
        .where(and(eq(mailboxes.organisationId, actor.organisationId), eq(mailboxes.id, id)))
        .for("update");
      if (!current) throw notFound("The mailbox");
      if (update.imap && current.kind !== "imap")
        throw new AppError("validation_failed", "An SMTP mailbox has no IMAP settings", [
          { path: "body.imap", message: "not an IMAP mailbox" },
        ]);
      const imap = update.imap ?? {};
      // Another server or folder numbers its messages differently: read it from the start.
      const moved =
        (imap.host !== undefined && imap.host !== current.imapHost) ||
        (imap.port !== undefined && imap.port !== current.imapPort) ||
        (imap.user !== undefined && imap.user !== current.imapUser) ||
        (imap.folder !== undefined && imap.folder !== current.folder);
      await tx
        .update(mailboxes)
        .set({
          ...(update.address ? { address: update.address.toLowerCase() } : {}),
          ...(update.groupId ? { groupId: update.groupId } : {}),
          ...(update.categoryId ? { categoryId: update.categoryId } : {}),
          ...(update.active !== undefined ? { active: update.active } : {}),
          ...(imap.host !== undefined ? { imapHost: imap.host } : {}),
          ...(imap.port !== undefined ? { imapPort: imap.port } : {}),
          ...(imap.tls !== undefined ? { imapTls: imap.tls } : {}),
          ...(imap.user !== undefined ? { imapUser: imap.user } : {}),
          ...(imap.password !== undefined ? { imapPassword: imap.password } : {}),
          ...(imap.folder !== undefined ? { folder: imap.folder } : {}),
          ...(moved ? { uidValidity: null, lastUid: 0 } : {}),
          status: "pending",
          lastError: null,
          updatedAt: sql`now()`,
        })
        .where(eq(mailboxes.id, id));
      const fields = [
        ...Object.keys(update).filter((k) => k !== "imap"),
        ...Object.keys(imap).map((k) => (k === "password" ? "imap.password" : `imap.${k}`)),
      ];
      await appendAudit(tx, actor, { action: "mailbox.updated", subjectType: "mailbox", subjectId: id, detail: { fields } });
      return getMailbox(tx, actor, id);
    }),
  );
}

/** Deletes a mailbox; the tickets and the record of ingested emails stay. */
export async function deleteMailbox(ctx: Pick<AppContext, "db">, actor: StaffActor, id: string): Promise<void> {
  requireTechnicalAdmin(actor);
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(mailboxes)
      .where(and(eq(mailboxes.organisationId, actor.organisationId), eq(mailboxes.id, id)))
      .returning({ address: mailboxes.address });
    if (!deleted[0]) throw notFound("The mailbox");
    await appendAudit(tx, actor, {
      action: "mailbox.deleted",
      subjectType: "mailbox",
      subjectId: id,
      detail: { address: deleted[0].address },
    });
  });
}

/**
 * "Check now": reads an IMAP mailbox once from this process (the dedupe makes a read that races
 * the background reader harmless) and answers with its status. An SMTP mailbox has nothing to read.
 */
export async function checkMailboxNow(ctx: AppContext, actor: StaffActor, id: string, log: (e: unknown) => void): Promise<MailboxCheck> {
  requireTechnicalAdmin(actor);
  const [row] = await ctx.db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.organisationId, actor.organisationId), eq(mailboxes.id, id)));
  if (!row) throw notFound("The mailbox");
  const result = row.kind === "imap" ? await checkMailbox(ctx, row, (e) => log(e)) : { ingested: 0 };
  return { mailbox: await getMailbox(ctx.db, actor, id), ingested: result.ingested };
}
