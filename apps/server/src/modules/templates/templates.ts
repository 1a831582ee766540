/**
 * Reply templates and group signatures, as rich text (sanitised here, never trusting the client)
 * with a derived plain text; older plain-text ones show as paragraphs. Technical admins manage
 * all; content admins those of their own groups (not the organisation-wide ones). Handlers get the
 * templates of a ticket filled in, and a reply gets its group's signature in the ticket's language
 * appended.
 */
import type { GroupSignatureList, Language, NewReplyTemplate, ReplyTemplateList, SignatureBody, TicketTemplates } from "@yhteys/contracts";
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
import { escapeHtml, richText, textToHtml } from "./richtext.ts";

type TemplateRow = typeof replyTemplates.$inferSelect;
/** The rich text of a template or signature; a plain-text one's as paragraphs. */
const htmlOf = (r: { body: string; html: string | null }) => r.html ?? textToHtml(r.body);
const present = (r: TemplateRow) => ({ id: r.id, groupId: r.groupId, language: r.language, name: r.name, body: r.body, html: htmlOf(r) });

/** What is stored of the input: the rich text sanitised with its plain text, or the plain text alone. */
function contentOf(input: { body?: string | undefined; html?: string | undefined }, path: string): { body: string; html: string | null } {
  const content = input.html !== undefined ? richText(input.html) : { text: input.body ?? "", html: null };
  if (input.html && !content.text)
    throw new AppError("validation_failed", "Nothing is left of the text", [
      { path, message: "no text after removing what is not allowed" },
    ]);
  checkPlaceholders(`${content.text}\n${content.html ?? ""}`, path);
  return { body: content.text, html: content.html };
}

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

const templatePath = (input: NewReplyTemplate) => (input.html !== undefined ? "body.html" : "body.body");

export async function createTemplate(db: Db, actor: StaffActor, input: NewReplyTemplate) {
  requireManage(actor, input.groupId);
  const content = contentOf(input, templatePath(input));
  return db.transaction(async (tx) => {
    await checkGroup(tx, actor, input.groupId);
    const [row] = await tx
      .insert(replyTemplates)
      .values({ organisationId: actor.organisationId, groupId: input.groupId, language: input.language, name: input.name, ...content })
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
  const content = contentOf(input, templatePath(input));
  return db.transaction(async (tx) => {
    await ownTemplate(tx, actor, id);
    requireManage(actor, input.groupId);
    await checkGroup(tx, actor, input.groupId);
    const [row] = await tx
      .update(replyTemplates)
      .set({ groupId: input.groupId, language: input.language, name: input.name, ...content })
      .where(eq(replyTemplates.id, id))
      .returning();
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
    items: rows
      .filter((r) => mayManageGroup(actor, r.groupId))
      .map((r) => ({ groupId: r.groupId, language: r.language, body: r.body, html: htmlOf(r) })),
  };
}

/** Sets (or with an empty text removes) a group's signature in one language. */
export async function setSignature(db: Db, actor: StaffActor, groupId: string, language: Language, input: SignatureBody) {
  requireManage(actor, groupId);
  // Empty text (also rich text with nothing left once sanitised) removes the signature.
  const empty = input.html ? !richText(input.html).text : !input.body;
  const content = empty ? null : contentOf(input, input.html ? "body.html" : "body.body");
  await db.transaction(async (tx) => {
    await checkGroup(tx, actor, groupId);
    const key = and(eq(groupSignatures.groupId, groupId), eq(groupSignatures.language, language));
    if (!content) await tx.delete(groupSignatures).where(key);
    else
      await tx
        .insert(groupSignatures)
        .values({ organisationId: actor.organisationId, groupId, language, ...content })
        .onConflictDoUpdate({ target: [groupSignatures.groupId, groupSignatures.language], set: content });
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

/** A template or signature filled in: its plain text, and its rich text with the values escaped. */
const fill = (r: { body: string; html: string | null }, values: TemplateValues) => {
  const plain = renderTemplate(r.body, values);
  return { text: plain.text, html: renderTemplate(htmlOf(r), values, escapeHtml).text, unknown: plain.unknown };
};

const userName = async (db: Queryable, id: string | null) =>
  id ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name ?? null) : null;

/** The placeholder values of a ticket for an actor's reply; the resident's name only for roles that may see it. */
const valuesOf = (db: Queryable, actor: StaffActor, ticketId: string) =>
  ticketValues(db, actor.organisationId, ticketId, async () => (await userName(db, actor.userId)) ?? actor.name, seesCustomer(actor));

async function signatureOf(db: Queryable, values: TicketValues): Promise<{ text: string; html: string } | null> {
  if (!values.groupId) return null;
  const [row] = await db
    .select({ body: groupSignatures.body, html: groupSignatures.html })
    .from(groupSignatures)
    .where(and(eq(groupSignatures.groupId, values.groupId), eq(groupSignatures.language, values.language)));
  return row ? fill(row, values) : null;
}

/** The signature to append to a reply on the ticket, filled in; null without one. */
export async function signatureFor(db: Queryable, actor: StaffActor, ticketId: string): Promise<{ text: string; html: string } | null> {
  return signatureOf(db, await valuesOf(db, actor, ticketId));
}

/**
 * A reply that an automation rule sends from a template of the organisation: filled in for the
 * ticket (signed with its handler's name, if any) with the group's signature; null when the
 * template no longer exists.
 */
export async function automaticReply(
  db: Queryable,
  organisationId: string,
  ticketId: string,
  templateId: string,
): Promise<{ text: string; html: string } | null> {
  const [template] = await db
    .select({ body: replyTemplates.body, html: replyTemplates.html })
    .from(replyTemplates)
    .where(and(eq(replyTemplates.organisationId, organisationId), eq(replyTemplates.id, templateId)));
  if (!template) return null;
  const values = await ticketValues(db, organisationId, ticketId, (id) => userName(db, id), true);
  const signature = await signatureOf(db, values);
  const body = fill(template, values);
  return signature
    ? { text: `${body.text}\n\n${signature.text}`, html: `${body.html}\n${signature.html}` }
    : { text: body.text, html: body.html };
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
  const signature = await signatureFor(db, actor, ticketId);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, ...fill(r, values) })),
    signature: signature?.text ?? null,
    signatureHtml: signature?.html ?? null,
  };
}
