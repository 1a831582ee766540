/**
 * Ingesting one email (REQUIREMENTS I8), whether it was read over IMAP or received by the SMTP
 * listener. A new email becomes a ticket of its mailbox's group (channel `email`); a reply joins
 * its ticket as a resident message (and reopens it); a bounce marks the address and creates
 * nothing. The `inbound_emails` row is written in the same transaction as the ticket or message,
 * and its unique (organisation, message key) makes every email count exactly once, however often
 * it is read again after a crash. Attachments are stored after the commit, through the attachments
 * module; an email seen again completes any that a crash left unstored.
 */
import { createHash } from "node:crypto";
import type { Language } from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import { type Attachment, type ParsedMail, simpleParser } from "mailparser";
import sanitizeHtml from "sanitize-html";
import type { AppContext } from "../../context.ts";
import type { Tx } from "../../db/client.ts";
import { attachments, customers, inboundEmails, type mailboxes, organisations } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { prepareFile, sniffFile } from "../attachments/attachment-files.ts";
import { addAttachment } from "../attachments/attachments.service.ts";
import type { Actor } from "../auth/actor.ts";
import { applyExternalEmailAnswer } from "../open311-client/email-routing.ts";
import { addResidentMessage } from "../tickets/resident-messages.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import { type EmailSignals, emailSignals, firstAddress } from "./email-signals.ts";
import { detectLanguage } from "./language.ts";
import { answeredIds, type ThreadTicket, threadedTicket } from "./reply-matching.ts";

export type MailboxRow = typeof mailboxes.$inferSelect;

/** What became of an email. `duplicate`: it was ingested before (nothing new was written). */
export type IngestOutcome =
  | { outcome: "ticket" | "message"; ticketId: string; reference: string }
  | { outcome: "bounce"; ticketId: string | null }
  | { outcome: "duplicate"; ticketId: string | null };

/** The longest body kept; the rest of a very long email stays in the mail server. */
const MAX_BODY_CHARS = 100_000;
const MAX_KEY_CHARS = 500;

/** The dedupe key: the Message-ID, or a hash of the whole message when it has none. */
function messageKey(parsed: ParsedMail, raw: Buffer): string {
  const id = parsed.messageId?.trim();
  if (id) return id.slice(0, MAX_KEY_CHARS);
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/** A strict allow-list: text structure and links only; no images (tracking pixels), styles or scripts. */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      "p",
      "br",
      "div",
      "span",
      "b",
      "strong",
      "i",
      "em",
      "u",
      "s",
      "ul",
      "ol",
      "li",
      "blockquote",
      "pre",
      "code",
      "h1",
      "h2",
      "h3",
      "h4",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "a",
      "hr",
    ],
    allowedAttributes: { a: ["href", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }, true) },
    disallowedTagsMode: "discard",
  });
}

/** The plain-text body: the text part (mailparser derives it from the HTML when there is none). */
const plainBody = (parsed: ParsedMail) => (parsed.text ?? "").replace(/\r\n/g, "\n").trim().slice(0, MAX_BODY_CHARS);

/** A string, or the strings inside arrays and records, without U+0000. */
function stripNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "") as T;
  if (Array.isArray(value)) return value.map(stripNul) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripNul(v)])) as T;
  return value;
}

/**
 * PostgreSQL text cannot hold U+0000, which a malformed email may carry in any decoded part:
 * the parts that are stored or looked up lose it (attachment names are cleaned where they are stored).
 */
const withoutNul = (parsed: ParsedMail): ParsedMail => ({
  ...parsed,
  ...stripNul({
    text: parsed.text,
    html: parsed.html,
    subject: parsed.subject,
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    from: parsed.from,
    replyTo: parsed.replyTo,
  }),
});

const resident = (organisationId: string): Actor => ({ kind: "resident", organisationId });

class Duplicate extends Error {}

/**
 * Ingests one raw email into `mailbox`'s organisation. Safe to call again with the same email
 * (after a crash, a UIDVALIDITY reset, a second process): it is written once.
 */
export async function ingestEmail(
  ctx: AppContext,
  mailbox: Pick<MailboxRow, "id" | "organisationId" | "groupId" | "categoryId">,
  raw: Buffer,
  options: { envelopeFrom?: string | null; log?: (error: unknown) => void } = {},
): Promise<IngestOutcome> {
  const log = options.log ?? ((error: unknown) => console.error("email ingest", error));
  const parsed = withoutNul(await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 2 * MAX_BODY_CHARS }));
  const key = messageKey(parsed, raw);
  const orgId = mailbox.organisationId;

  const [earlier] = await ctx.db
    .select()
    .from(inboundEmails)
    .where(and(eq(inboundEmails.organisationId, orgId), eq(inboundEmails.messageKey, key)));
  if (earlier) {
    if (!earlier.attachmentsDone && earlier.ticketId) await storeAttachments(ctx, earlier, parsed.attachments, log);
    return { outcome: "duplicate", ticketId: earlier.ticketId };
  }

  const signals = emailSignals(parsed, options.envelopeFrom);
  const notices: EventNotice[] = [];
  let written: typeof inboundEmails.$inferSelect;
  let result: IngestOutcome;
  try {
    ({ written, result } = await ctx.db.transaction(async (tx) => {
      // The key first: a racing second reader of the same email waits here, then finds it taken.
      const [row] = await tx
        .insert(inboundEmails)
        .values({
          organisationId: orgId,
          mailboxId: mailbox.id,
          messageKey: key,
          outcome: signals.bounce ? "bounce" : "ticket",
          autoReply: signals.autoReply,
          mailingList: signals.mailingList,
          html: parsed.html ? sanitiseHtml(parsed.html) : null,
          attachmentsDone: signals.bounce || parsed.attachments.length === 0,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new Duplicate();
      const ticket = await threadedTicket(tx, orgId, parsed, signals.bounce ? raw.toString("latin1") : "");
      if (signals.bounce) {
        if (ticket) notices.push(await markBounce(tx, ticket, key));
        const [done] = await tx
          .update(inboundEmails)
          .set({ ticketId: ticket?.id ?? null })
          .where(eq(inboundEmails.id, row.id))
          .returning();
        return { written: done ?? row, result: { outcome: "bounce", ticketId: ticket?.id ?? null } as IngestOutcome };
      }
      const email = { messageId: parsed.messageId ?? null, noAutoReply: signals.autoReply || signals.mailingList };
      // The external system a ticket was forwarded to by email answers: its history, not a resident's message.
      const external =
        ticket && !signals.autoReply
          ? await applyExternalEmailAnswer(tx, ticket, {
              answeredIds: answeredIds(parsed),
              from: firstAddress(parsed.from)?.address ?? null,
              body: plainBody(parsed),
            })
          : null;
      if (ticket && external) {
        notices.push(...external);
        const [done] = await tx
          .update(inboundEmails)
          .set({ outcome: "message", ticketId: ticket.id })
          .where(eq(inboundEmails.id, row.id))
          .returning();
        return { written: done ?? row, result: { outcome: "message", ticketId: ticket.id, reference: ticket.reference } as IngestOutcome };
      }
      if (ticket) {
        const messageId = await addEmailReply(tx, ticket, parsed, signals, email, notices);
        const [done] = await tx
          .update(inboundEmails)
          .set({ outcome: "message", ticketId: ticket.id, ticketMessageId: messageId })
          .where(eq(inboundEmails.id, row.id))
          .returning();
        return { written: done ?? row, result: { outcome: "message", ticketId: ticket.id, reference: ticket.reference } as IngestOutcome };
      }
      const created = await newTicket(tx, mailbox, parsed, signals, email);
      notices.push(created.notice);
      const [done] = await tx.update(inboundEmails).set({ ticketId: created.ticket.id }).where(eq(inboundEmails.id, row.id)).returning();
      return {
        written: done ?? row,
        result: { outcome: "ticket", ticketId: created.ticket.id, reference: created.ticket.reference } as IngestOutcome,
      };
    }));
  } catch (e) {
    if (!(e instanceof Duplicate)) throw e;
    const [other] = await ctx.db
      .select({ ticketId: inboundEmails.ticketId })
      .from(inboundEmails)
      .where(and(eq(inboundEmails.organisationId, orgId), eq(inboundEmails.messageKey, key)));
    return { outcome: "duplicate", ticketId: other?.ticketId ?? null };
  }
  ctx.events.publish(notices);
  if (!written.attachmentsDone) await storeAttachments(ctx, written, parsed.attachments, log);
  return result;
}

/** A bounce: the ticket's customer's address is marked as bouncing, and the ticket gets an event. */
async function markBounce(tx: Tx, ticket: ThreadTicket, key: string): Promise<EventNotice> {
  if (ticket.customerId) await tx.update(customers).set({ emailBouncedAt: sql`now()` }).where(eq(customers.id, ticket.customerId));
  return recordEvent(tx, {
    organisationId: ticket.organisationId,
    ticketId: ticket.id,
    type: "ticket.email_bounced",
    actor: { kind: "system", organisationId: ticket.organisationId },
    data: { messageId: key },
  });
}

/**
 * A reply joins its ticket as a resident message (modules/tickets/resident-messages.ts reopens it);
 * an automatic reply or list mail is stored but moves nothing (an out-of-office answer must not
 * reopen a resolved ticket).
 */
async function addEmailReply(
  tx: Tx,
  ticket: ThreadTicket,
  parsed: ParsedMail,
  signals: EmailSignals,
  email: { messageId: string | null; noAutoReply: boolean },
  notices: EventNotice[],
): Promise<string> {
  const added = await addResidentMessage(tx, ticket.id, {
    body: plainBody(parsed) || "(empty email)",
    actor: resident(ticket.organisationId),
    channel: "email",
    reopen: signals.autoReply || signals.mailingList ? null : { reason: "email reply" },
    data: { email: { ...email, autoReply: signals.autoReply, mailingList: signals.mailingList } },
  });
  notices.push(...added.notices);
  return added.messageId;
}

/** A new ticket of the mailbox's group and category, in the language the email is written in. */
async function newTicket(
  tx: Tx,
  mailbox: Pick<MailboxRow, "organisationId" | "groupId" | "categoryId">,
  parsed: ParsedMail,
  signals: EmailSignals,
  email: { messageId: string | null; noAutoReply: boolean },
) {
  const [org] = await tx
    .select({ id: organisations.id, referencePrefix: organisations.referencePrefix, defaultLanguage: organisations.defaultLanguage })
    .from(organisations)
    .where(eq(organisations.id, mailbox.organisationId));
  if (!org) throw new Error("the mailbox's organisation is gone");
  const subject = (parsed.subject ?? "").trim();
  const body = plainBody(parsed);
  const description = [subject, body].filter(Boolean).join("\n\n") || "(empty email)";
  const language: Language = detectLanguage(`${subject}\n${body}`) ?? org.defaultLanguage;
  const from = firstAddress(parsed.from);
  const address = from?.address?.trim().toLowerCase().slice(0, 320) || undefined;
  return createTicket(
    tx,
    {
      organisation: org,
      categoryId: mailbox.categoryId,
      groupId: mailbox.groupId,
      description,
      channel: "email",
      language,
      extraFields: {},
      wantsReply: Boolean(address) && !email.noAutoReply,
      contact: address ? { email: address, name: from?.name?.trim().slice(0, 200) || undefined } : undefined,
      eventData: { email: { ...email, autoReply: signals.autoReply, mailingList: signals.mailingList } },
    },
    resident(mailbox.organisationId),
  );
}

/**
 * Stores an email's attachments on its ticket through the attachments module (sniffing, photo
 * cleaning, the size and count limits, the virus scan). Files it refuses (other types, too large)
 * are left out. Run again after a crash, it adds only what is not there yet (by content hash).
 */
async function storeAttachments(
  ctx: AppContext,
  row: typeof inboundEmails.$inferSelect,
  files: Attachment[],
  log: (error: unknown) => void,
): Promise<void> {
  const ticketId = row.ticketId;
  if (!ticketId) return;
  const stored = new Set(
    (await ctx.db.select({ sha256: attachments.sha256 }).from(attachments).where(eq(attachments.ticketId, ticketId))).map((a) => a.sha256),
  );
  const ticket = { id: ticketId, organisationId: row.organisationId };
  for (const file of files) {
    if (file.related || file.size > ctx.config.attachments.maxBytes) continue;
    try {
      const prepared = await prepareFile(await sniffFile(file.content, file.filename ?? "liite"));
      if (stored.has(prepared.sha256)) continue;
      await addAttachment(ctx, ticket, prepared, resident(row.organisationId), log);
      stored.add(prepared.sha256);
    } catch (e) {
      if (e instanceof AppError && e.code === "too_many_attachments") break;
      if (e instanceof AppError && e.code === "unsupported_file_type") continue;
      throw e;
    }
  }
  await ctx.db.update(inboundEmails).set({ attachmentsDone: true }).where(eq(inboundEmails.id, row.id));
}
