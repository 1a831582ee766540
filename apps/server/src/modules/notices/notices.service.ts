/**
 * The console's side of communication (REQUIREMENTS P6): notices and FAQ entries, created and
 * changed by technical admins and by content admins for their own groups; every change audited.
 */
import type {
  AdminFaqEntry,
  AdminFaqList,
  AdminNotice,
  AdminNoticeList,
  FaqEntryUpdate,
  NewFaqEntry,
  NewNotice,
  NoticeUpdate,
} from "@yhteys/contracts";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Queryable } from "../../db/client.ts";
import { areas, categories, faqEntries, handlerGroups, notices } from "../../db/schema.ts";
import { AppError, type FieldError, notFound } from "../../http/errors.ts";
import { organisationAreas } from "../admin/admin.groups.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { mayManageContent, requireContentAccess, requireManageContent } from "./notices.access.ts";
import { noticeFields } from "./notices.queries.ts";

type NoticeRow = typeof notices.$inferSelect;
type FaqRow = typeof faqEntries.$inferSelect;

/** Is the notice shown to residents at this moment? */
const isCurrent = (n: Pick<NoticeRow, "validFrom" | "validUntil">, now = new Date()) =>
  n.validFrom <= now && (n.validUntil === null || n.validUntil > now);

function presentNotice(actor: StaffActor, n: NoticeRow): AdminNotice {
  return {
    ...noticeFields(n),
    areaIds: n.areaIds,
    groupId: n.groupId,
    current: isCurrent(n),
    mayEdit: mayManageContent(actor, n.groupId),
    updatedAt: n.updatedAt.toISOString(),
  };
}

function presentFaq(actor: StaffActor, f: FaqRow): AdminFaqEntry {
  return {
    id: f.id,
    question: f.question,
    answer: f.answer,
    categoryId: f.categoryId,
    position: f.position,
    published: f.published,
    groupId: f.groupId,
    mayEdit: mayManageContent(actor, f.groupId),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** Ids that must be the organisation's own rows of a table; unknown ones are field errors. */
async function checkIds(
  db: Queryable,
  organisationId: string,
  table: typeof categories | typeof areas | typeof handlerGroups,
  ids: string[],
  path: string,
): Promise<FieldError[]> {
  if (!ids.length) return [];
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organisationId, organisationId), inArray(table.id, ids)));
  const known = new Set(found.map((r) => r.id));
  return ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: "unknown" }]));
}

async function checkReferences(
  db: Queryable,
  organisationId: string,
  refs: { categoryIds?: string[]; areaIds?: string[]; groupId?: string | null; categoryId?: string | null },
) {
  const errors = [
    ...(await checkIds(db, organisationId, categories, refs.categoryIds ?? [], "body.categoryIds")),
    ...(await checkIds(db, organisationId, areas, refs.areaIds ?? [], "body.areaIds")),
    ...(await checkIds(db, organisationId, categories, refs.categoryId ? [refs.categoryId] : [], "body.categoryId")),
    ...(await checkIds(db, organisationId, handlerGroups, refs.groupId ? [refs.groupId] : [], "body.groupId")),
  ].map((e) => (e.path.endsWith("Id.0") ? { ...e, path: e.path.slice(0, -2) } : e));
  if (errors.length) throw new AppError("validation_failed", "Some references are unknown", errors);
}

/** The fields of a notice input as columns: ISO times as dates. */
function noticeColumns<T extends { validFrom?: string; validUntil?: string | null }>({ validFrom, validUntil, ...rest }: T) {
  return {
    ...rest,
    ...(validFrom ? { validFrom: new Date(validFrom) } : {}),
    ...(validUntil !== undefined ? { validUntil: validUntil ? new Date(validUntil) : null } : {}),
  };
}

export async function listNotices(db: Db, actor: StaffActor): Promise<AdminNoticeList> {
  requireContentAccess(actor);
  const rows = await db
    .select()
    .from(notices)
    .where(eq(notices.organisationId, actor.organisationId))
    .orderBy(desc(notices.validFrom), asc(notices.id));
  return { items: rows.map((n) => presentNotice(actor, n)) };
}

export async function createNotice(db: Db, actor: StaffActor, input: z.output<typeof NewNotice>): Promise<AdminNotice> {
  requireManageContent(actor, input.groupId);
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor.organisationId, input);
    const [row] = await tx
      .insert(notices)
      .values({
        ...noticeColumns(input),
        validFrom: new Date(input.validFrom),
        organisationId: actor.organisationId,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("notice not created");
    await appendAudit(tx, actor, { action: "notice.created", subjectType: "notice", subjectId: row.id, detail: { kind: row.kind } });
    return presentNotice(actor, row);
  });
}

async function editable<T extends typeof notices | typeof faqEntries>(tx: Queryable, actor: StaffActor, table: T, id: string) {
  requireContentAccess(actor);
  const [row] = await tx
    .select({ groupId: table.groupId })
    .from(table as typeof notices)
    .where(and(eq(table.organisationId, actor.organisationId), eq(table.id, id)))
    .for("update");
  if (!row) throw notFound(table === notices ? "The notice" : "The FAQ entry");
  requireManageContent(actor, row.groupId);
}

export async function updateNotice(db: Db, actor: StaffActor, id: string, update: z.output<typeof NoticeUpdate>): Promise<AdminNotice> {
  return db.transaction(async (tx) => {
    await editable(tx, actor, notices, id);
    if (update.groupId !== undefined) requireManageContent(actor, update.groupId);
    await checkReferences(tx, actor.organisationId, update);
    const [row] = await tx
      .update(notices)
      .set({ ...noticeColumns(update), updatedAt: new Date() })
      .where(eq(notices.id, id))
      .returning();
    if (!row) throw notFound("The notice");
    if (row.validUntil && row.validUntil <= row.validFrom)
      throw new AppError("validation_failed", "The end must be after the start", [
        { path: "body.validUntil", message: "the end must be after the start" },
      ]);
    await appendAudit(tx, actor, {
      action: "notice.updated",
      subjectType: "notice",
      subjectId: id,
      detail: { fields: Object.keys(update) },
    });
    return presentNotice(actor, row);
  });
}

export async function deleteNotice(db: Db, actor: StaffActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await editable(tx, actor, notices, id);
    await tx.delete(notices).where(eq(notices.id, id));
    await appendAudit(tx, actor, { action: "notice.deleted", subjectType: "notice", subjectId: id });
  });
}

export async function listFaq(db: Db, actor: StaffActor): Promise<AdminFaqList> {
  requireContentAccess(actor);
  const rows = await db
    .select()
    .from(faqEntries)
    .where(eq(faqEntries.organisationId, actor.organisationId))
    .orderBy(asc(faqEntries.position), asc(faqEntries.createdAt));
  return { items: rows.map((f) => presentFaq(actor, f)) };
}

export async function createFaq(db: Db, actor: StaffActor, input: z.output<typeof NewFaqEntry>): Promise<AdminFaqEntry> {
  requireManageContent(actor, input.groupId);
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor.organisationId, input);
    const [row] = await tx
      .insert(faqEntries)
      .values({ ...input, organisationId: actor.organisationId })
      .returning();
    if (!row) throw new Error("FAQ entry not created");
    await appendAudit(tx, actor, { action: "faq.created", subjectType: "faq_entry", subjectId: row.id });
    return presentFaq(actor, row);
  });
}

export async function updateFaq(db: Db, actor: StaffActor, id: string, update: z.output<typeof FaqEntryUpdate>): Promise<AdminFaqEntry> {
  return db.transaction(async (tx) => {
    await editable(tx, actor, faqEntries, id);
    if (update.groupId !== undefined) requireManageContent(actor, update.groupId);
    await checkReferences(tx, actor.organisationId, update);
    const [row] = await tx
      .update(faqEntries)
      .set({ ...update, updatedAt: new Date() })
      .where(eq(faqEntries.id, id))
      .returning();
    if (!row) throw notFound("The FAQ entry");
    await appendAudit(tx, actor, {
      action: "faq.updated",
      subjectType: "faq_entry",
      subjectId: id,
      detail: { fields: Object.keys(update) },
    });
    return presentFaq(actor, row);
  });
}

export async function deleteFaq(db: Db, actor: StaffActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await editable(tx, actor, faqEntries, id);
    await tx.delete(faqEntries).where(eq(faqEntries.id, id));
    await appendAudit(tx, actor, { action: "faq.deleted", subjectType: "faq_entry", subjectId: id });
  });
}

/** The areas to target notices at, for content and technical admins. */
export async function targetAreas(db: Db, actor: StaffActor) {
  requireContentAccess(actor);
  return { items: await organisationAreas(db, actor.organisationId) };
}
