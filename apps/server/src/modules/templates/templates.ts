/**
 * Reply templates and group signatures. Technical admins manage all; content admins those of
 * their own groups (not the organisation-wide ones). Handlers get the templates of a ticket filled
 * in, and a reply gets its group's signature in the ticket's language appended.
 */
import type { GroupSignatureList, Language, NewReplyTemplate, ReplyTemplateList, TicketTemplates } from "@yhteys/contracts";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.ts";
import { customers, groupSignatures, handlerGroups, replyTemplates, tickets, users } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { isTechnicalAdmin, mayManageGroup, requireAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { seesCustomer } from "../tickets/tickets.access.ts";
import { getTicketDetail } from "../tickets/tickets.queries.ts";
import { renderTemplate, type TemplateValues, unknownPlaceholders } from "./render.ts";

type TemplateRow = typeof replyTemplates.$inferSelect;
const present = (r: TemplateRow) => ({ id: r.id, groupId: r.groupId, language: r.language, name: r.name, body: r.body });

/** Organisation-wide templates: technical admins; a group's: its content admins too. */
function requireManage(actor: StaffActor, groupId: string | null) {
  requireAdmin(actor);
  if (groupId === null ? !isTechnicalAdmin(actor) : !mayManageGroup(actor, groupId)) throw forbidden("Not your group's settings");
}

async function checkGroup(db: Queryable, actor: StaffActor, groupId: string | null) {
  if (!groupId) return;
  const [group] = await db
    .select({ id: handlerGroups.id })
    .from(handlerGroups)
    .where(and(eq(handlerGroups.organisationId, actor.organisationId), eq(handlerGroups.id, groupId)));
  if (!group) throw new AppError("validation_failed", "Unknown group", [{ path: "body.groupId", message: "unknown group" }]);
}

function checkPlaceholders(text: string, path: string) {
  const unknown = unknownPlaceholders(text);
  if (unknown.length)
    throw new AppError(
      "validation_failed",
      `Unknown placeholders: ${unknown.join(", ")}`,
      unknown.map((u) => ({ path, message: `unknown placeholder {{${u}}}` })),
    );
}

export async function listTemplates(db: Db, actor: StaffActor): Promise<ReplyTemplateList> {
  requireAdmin(actor);
  const rows = await db
    .select()
    .from(replyTemplates)
    .where(eq(replyTemplates.organisationId, actor.organisationId))
    .orderBy(asc(replyTemplates.name));
  return { items: rows.filter((r) => isTechnicalAdmin(actor) || (r.groupId && mayManageGroup(actor, r.groupId))).map(present) };
}

export async function createTemplate(db: Db, actor: StaffActor, input: NewReplyTemplate) {
  requireManage(actor, input.groupId);
  checkPlaceholders(input.body, "body.body");
  return db.transaction(async (tx) => {
    await checkGroup(tx, actor, input.groupId);
    const [row] = await tx
      .insert(replyTemplates)
      .values({ organisationId: actor.organisationId, ...input })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, actor, {
      action: "reply_template.created",
      subjectType: "group",
      subjectId: row.groupId,
      detail: { id: row.id },
    });
    return present(row);
  });
}

async function ownTemplate(db: Queryable, actor: StaffActor, id: string) {
  const [row] = await db
    .select()
    .from(replyTemplates)
    .where(and(eq(replyTemplates.organisationId, actor.organisationId), eq(replyTemplates.id, id)));
  if (!row) throw notFound("The template");
  requireManage(actor, row.groupId);
  return row;
}

export async function updateTemplate(db: Db, actor: StaffActor, id: string, input: NewReplyTemplate) {
  checkPlaceholders(input.body, "body.body");
  return db.transaction(async (tx) => {
    await ownTemplate(tx, actor, id);
    requireManage(actor, input.groupId);
    await checkGroup(tx, actor, input.groupId);
    const [row] = await tx.update(replyTemplates).set(input).where(eq(replyTemplates.id, id)).returning();
    if (!row) throw notFound("The template");
    await appendAudit(tx, actor, { action: "reply_template.updated", subjectType: "group", subjectId: row.groupId, detail: { id } });
    return present(row);
  });
}

export async function deleteTemplate(db: Db, actor: StaffActor, id: string) {
  await db.transaction(async (tx) => {
    const row = await ownTemplate(tx, actor, id);
    await tx.delete(replyTemplates).where(eq(replyTemplates.id, id));
    await appendAudit(tx, actor, { action: "reply_template.deleted", subjectType: "group", subjectId: row.groupId, detail: { id } });
  });
}

export async function listSignatures(db: Db, actor: StaffActor): Promise<GroupSignatureList> {
  requireAdmin(actor);
  const rows = await db.select().from(groupSignatures).where(eq(groupSignatures.organisationId, actor.organisationId));
  return {
    items: rows.filter((r) => mayManageGroup(actor, r.groupId)).map((r) => ({ groupId: r.groupId, language: r.language, body: r.body })),
  };
}

/** Sets (or with an empty body removes) a group's signature in one language. */
export async function setSignature(db: Db, actor: StaffActor, groupId: string, language: Language, body: string) {
  requireManage(actor, groupId);
  checkPlaceholders(body, "body.body");
  await db.transaction(async (tx) => {
    await checkGroup(tx, actor, groupId);
    const key = and(eq(groupSignatures.groupId, groupId), eq(groupSignatures.language, language));
    if (!body) await tx.delete(groupSignatures).where(key);
    else
      await tx
        .insert(groupSignatures)
        .values({ organisationId: actor.organisationId, groupId, language, body })
        .onConflictDoUpdate({ target: [groupSignatures.groupId, groupSignatures.language], set: { body } });
    await appendAudit(tx, actor, { action: "group_signature.set", subjectType: "group", subjectId: groupId, detail: { language } });
  });
  return listSignatures(db, actor);
}

type TicketValues = TemplateValues & { groupId: string | null; language: Language };

/** The placeholder values of a ticket, signed by `handlerName`; the resident's name only when `withResident`. */
async function ticketValues(
  db: Queryable,
  organisationId: string,
  ticketId: string,
  handlerName: (handlerId: string | null) => Promise<string | null>,
  withResident: boolean,
): Promise<TicketValues> {
  const [row] = await db
    .select({
      reference: tickets.reference,
      groupId: tickets.groupId,
      handlerId: tickets.handlerId,
      language: tickets.language,
      groupName: handlerGroups.name,
      resident: customers.name,
    })
    .from(tickets)
    .leftJoin(handlerGroups, eq(handlerGroups.id, tickets.groupId))
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(eq(tickets.organisationId, organisationId), eq(tickets.id, ticketId)));
  if (!row) throw notFound("The ticket");
  return {
    groupId: row.groupId,
    language: row.language,
    "ticket.reference": row.reference,
    "group.name": row.groupName ? row.groupName[row.language] || row.groupName.fi : null,
    "resident.name": withResident ? row.resident : null,
    "handler.name": await handlerName(row.handlerId),
  };
}

const userName = async (db: Queryable, id: string | null) =>
  id ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name ?? null) : null;

/** The placeholder values of a ticket for an actor's reply; the resident's name only for roles that may see it. */
const valuesOf = (db: Queryable, actor: StaffActor, ticketId: string) =>
  ticketValues(db, actor.organisationId, ticketId, async () => (await userName(db, actor.userId)) ?? actor.name, seesCustomer(actor));

async function signatureOf(db: Queryable, values: TicketValues): Promise<string | null> {
  if (!values.groupId) return null;
  const [row] = await db
    .select({ body: groupSignatures.body })
    .from(groupSignatures)
    .where(and(eq(groupSignatures.groupId, values.groupId), eq(groupSignatures.language, values.language)));
  return row ? renderTemplate(row.body, values).text : null;
}

/** The signature to append to a reply on the ticket, filled in; null without one. */
export async function signatureFor(db: Queryable, actor: StaffActor, ticketId: string): Promise<string | null> {
  return signatureOf(db, await valuesOf(db, actor, ticketId));
}

/**
 * A reply that an automation rule sends from a template of the organisation: filled in for the
 * ticket (signed with its handler's name, if any) with the group's signature; null when the
 * template no longer exists.
 */
export async function automaticReply(db: Queryable, organisationId: string, ticketId: string, templateId: string): Promise<string | null> {
  const [template] = await db
    .select({ body: replyTemplates.body })
    .from(replyTemplates)
    .where(and(eq(replyTemplates.organisationId, organisationId), eq(replyTemplates.id, templateId)));
  if (!template) return null;
  const values = await ticketValues(db, organisationId, ticketId, (id) => userName(db, id), true);
  const signature = await signatureOf(db, values);
  const body = renderTemplate(template.body, values).text;
  return signature ? `${body}\n\n${signature}` : body;
}

/** The templates a handler may use on the ticket: its group's and the organisation's, in the ticket's language. */
export async function ticketTemplates(db: Db, actor: StaffActor, ticketId: string): Promise<TicketTemplates> {
  // Only for those who may reply on it (reading rights and the "reply" action).
  const detail = await getTicketDetail(db, actor, ticketId);
  if (!detail.allowedActions.includes("reply")) throw forbidden();
  const values = await valuesOf(db, actor, ticketId);
  const rows = await db
    .select()
    .from(replyTemplates)
    .where(
      and(
        eq(replyTemplates.organisationId, actor.organisationId),
        eq(replyTemplates.language, values.language),
        values.groupId ? or(isNull(replyTemplates.groupId), eq(replyTemplates.groupId, values.groupId)) : isNull(replyTemplates.groupId),
      ),
    )
    .orderBy(asc(replyTemplates.name));
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, ...renderTemplate(r.body, values) })),
    signature: await signatureFor(db, actor, ticketId),
  };
}
