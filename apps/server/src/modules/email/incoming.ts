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
import { finishedStates, type Language } from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import { type AddressObject, type Attachment, type HeaderValue, type ParsedMail, simpleParser } from "mailparser";
import sanitizeHtml from "sanitize-html";
import type { AppContext } from "../../context.ts";
import type { Tx } from "../../db/client.ts";
import { attachments, customers, inboundEmails, type mailboxes, organisations, ticketMessages, tickets } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { prepareFile } from "../attachments/attachment-files.ts";
import { addAttachment } from "../attachments/attachments.service.ts";
import type { Actor } from "../auth/actor.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import { stateStamps } from "../tickets/tickets.service.ts";
import { detectLanguage } from "./language.ts";

export type MailboxRow = typeof mailboxes.$inferSelect;

/** What became of an email. `duplicate`: it was ingested before (nothing new was written). */
export type IngestOutcome =
  | { outcome: "ticket" | "message"; ticketId: string; reference: string }
  | { outcome: "bounce"; ticketId: string | null }
  | { outcome: "duplicate"; ticketId: string | null };

/** The longest body kept; the rest of a very long email stays in the mail server. */
const MAX_BODY_CHARS = 100_000;
const MAX_KEY_CHARS = 500;

/** Loop and noise signals of an email's headers. */
export type EmailSignals = { bounce: boolean; autoReply: boolean; mailingList: boolean };

const headerText = (value: HeaderValue | undefined): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(" ");
  if (typeof value === "object" && "value" in value) return String((value as { value: unknown }).value ?? "");
  if (typeof value === "object" && "text" in value) return String((value as { text: unknown }).text ?? "");
  return "";
};

const firstAddress = (from: AddressObject | AddressObject[] | undefined) => (Array.isArray(from) ? from[0] : from)?.value[0];

/**
 * Recognises bounces (a delivery status report, an empty return path, MAILER-DAEMON), automatic
 * replies (RFC 3834 Auto-Submitted other than `no`, X-Autoreply, X-Autorespond, Precedence
 * auto_reply/bulk/junk/list) and mailing-list mail (List-Id, List-Unsubscribe).
 * `envelopeFrom` is the SMTP MAIL FROM when known ("" for the null sender).
 */
export function emailSignals(parsed: ParsedMail, envelopeFrom?: string | null): EmailSignals {
  const h = parsed.headers;
  // Presence is read from the raw header lines: mailparser folds List-* headers into one `list` value.
  const has = (name: string) => parsed.headerLines.some((l) => l.key === name);
  const contentType = h.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const report =
    contentType?.value?.toLowerCase() === "multipart/report" &&
    (contentType.params?.["report-type"] ?? "").toLowerCase() === "delivery-status";
  const returnPathLine = parsed.headerLines.find((l) => l.key === "return-path")?.line ?? "";
  const emptyReturnPath = /^return-path:\s*<\s*>\s*$/i.test(returnPathLine) || envelopeFrom === "";
  const fromAddress = (firstAddress(parsed.from)?.address ?? "").toLowerCase();
  const daemon = /^(mailer-daemon|postmaster)@/.test(fromAddress);
  const autoSubmitted = headerText(h.get("auto-submitted")).trim().toLowerCase();
  const precedence = headerText(h.get("precedence")).trim().toLowerCase();
  return {
    bounce: report || emptyReturnPath || daemon,
    autoReply:
      (autoSubmitted !== "" && autoSubmitted !== "no") ||
      has("x-autoreply") ||
      has("x-autorespond") ||
      ["auto_reply", "bulk", "junk", "list"].includes(precedence),
    mailingList: has("list-id") || has("list-unsubscribe"),
  };
}

/** The dedupe key: the Message-ID, or a hash of the whole message when it has none. */
export function messageKey(parsed: ParsedMail, raw: Buffer): string {
  const id = parsed.messageId?.trim();
  if (id) return id.slice(0, MAX_KEY_CHARS);
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/** Ticket references named by our own Message-IDs: `<YH-2026-000123.random@domain>`. */
const OUR_MESSAGE_ID = /<([A-Z][A-Z0-9]{0,15}-\d{4}-\d{6,})\.[^<>@\s]+@[^<>\s]+>/g;
/** A reference in a subject: `[YH-2026-000123]`. */
const SUBJECT_REFERENCE = /\[([A-Z][A-Z0-9]{0,15}-\d{4}-\d{6,})\]/;

const idList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((v) => v.match(/<[^<>]+>/g) ?? [v.trim()]);

/** Message-IDs this email answers: In-Reply-To first, then References from the newest. */
export function answeredIds(parsed: ParsedMail): string[] {
  return [...idList(parsed.inReplyTo), ...idList(parsed.references).reverse()].filter(Boolean);
}

/** Ticket references that our Message-IDs in `text` name, in order. */
export function referencesInIds(text: string): string[] {
  return [...text.matchAll(OUR_MESSAGE_ID)].map((m) => m[1] as string);
}

export const subjectReference = (subject: string | undefined): string | null => subject?.match(SUBJECT_REFERENCE)?.[1] ?? null;

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
  const parsed = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 2 * MAX_BODY_CHARS });
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
      if (ticket) {
        const messageId = await addResidentMessage(tx, ticket, parsed, signals, email, notices);
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

type ThreadTicket = Pick<typeof tickets.$inferSelect, "id" | "organisationId" | "reference" | "state" | "customerId">;

/**
 * The ticket an email belongs to, in the same organisation: named by one of our Message-IDs that
 * it answers, by an earlier ingested email it answers, or by `[reference]` in its subject. For a
 * bounce, our Message-ID anywhere in the report (the returned headers) names it.
 */
async function threadedTicket(tx: Tx, orgId: string, parsed: ParsedMail, bounceSource: string): Promise<ThreadTicket | null> {
  const answered = answeredIds(parsed);
  const references = [...referencesInIds(answered.join(" ")), ...referencesInIds(bounceSource)];
  const subject = subjectReference(parsed.subject);
  if (subject) references.push(subject);
  const columns = {
    id: tickets.id,
    organisationId: tickets.organisationId,
    reference: tickets.reference,
    state: tickets.state,
    customerId: tickets.customerId,
  };
  for (const reference of references) {
    const [ticket] = await tx
      .select(columns)
      .from(tickets)
      .where(and(eq(tickets.organisationId, orgId), eq(tickets.reference, reference)))
      .for("update");
    if (ticket) return ticket;
  }
  // A resident answering their own earlier email (e.g. adding something) joins its ticket too.
  for (const id of answered.slice(0, 20)) {
    const [ticket] = await tx
      .select(columns)
      .from(inboundEmails)
      .innerJoin(tickets, eq(tickets.id, inboundEmails.ticketId))
      .where(and(eq(inboundEmails.organisationId, orgId), eq(inboundEmails.messageKey, id)))
      .for("update", { of: tickets });
    if (ticket) return ticket;
  }
  return null;
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
 * A reply joins its ticket as a resident message. A finished ticket is reopened and one waiting for
 * the customer goes back to handling; an automatic reply or list mail is stored but moves nothing
 * (an out-of-office answer must not reopen a resolved ticket).
 */
async function addResidentMessage(
  tx: Tx,
  ticket: ThreadTicket,
  parsed: ParsedMail,
  signals: EmailSignals,
  email: { messageId: string | null; noAutoReply: boolean },
  notices: EventNotice[],
): Promise<string | null> {
  const actor = resident(ticket.organisationId);
  const [message] = await tx
    .insert(ticketMessages)
    .values({ organisationId: ticket.organisationId, ticketId: ticket.id, kind: "resident", body: plainBody(parsed) || "(empty email)" })
    .returning({ id: ticketMessages.id });
  const now = new Date();
  const flagged = signals.autoReply || signals.mailingList;
  const reopen = !flagged && (finishedStates.includes(ticket.state) || ticket.state === "waiting_for_customer");
  if (reopen) {
    const [full] = await tx.select().from(tickets).where(eq(tickets.id, ticket.id));
    if (full)
      await tx
        .update(tickets)
        .set(await stateStamps(tx, full, "in_progress", now))
        .where(eq(tickets.id, ticket.id));
  }
  await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, ticket.id));
  const base = { organisationId: ticket.organisationId, ticketId: ticket.id, actor };
  notices.push(
    await recordEvent(tx, {
      ...base,
      type: "ticket.resident_message",
      data: {
        messageId: message?.id ?? null,
        channel: "email",
        email: { ...email, autoReply: signals.autoReply, mailingList: signals.mailingList },
      },
    }),
  );
  if (reopen)
    notices.push(
      await recordEvent(tx, {
        ...base,
        type: "ticket.state_changed",
        data: { from: ticket.state, to: "in_progress", reason: "email reply" },
      }),
    );
  return message?.id ?? null;
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
      const prepared = await prepareFile(file.content, file.filename ?? "liite");
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
