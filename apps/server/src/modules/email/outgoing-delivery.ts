/**
 * The `email_delivery` job: composes one email from the ticket as it is now and hands it to the
 * installation's SMTP relay (SMTP_URL), signed with the organisation's DKIM key when it has one.
 *
 * A refusal for now (4xx, no connection, timeout) is retried with doubling delays; a permanent
 * refusal (5xx) or the last attempt fails the email: it is marked failed and a
 * `ticket.email_failed` event tells the ticket's handlers. Without sender settings the email is
 * marked `unconfigured` (listed for admins, sent again on retry), never dropped silently. Only
 * processes with SMTP_URL run this job; without one anywhere, emails wait queued and admins see
 * them as not sent (`listEmailDeliveries`).
 *
 * An `external` email forwards a ticket to an external system without an API (open311-client's
 * `email` routes): its text comes from there, it starts no thread with the resident's emails, and
 * its sending is recorded on the ticket as `ticket.external_sent`.
 */
import type { EmailFailureReason, Language } from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import { createTransport, type Transporter } from "nodemailer";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { customers, emailDeliveries, emailUnsubscribes, organisations, ticketEvents, ticketMessages, tickets } from "../../db/schema.ts";
import { defineJob, exponentialBackoff } from "../jobs/jobs.ts";
import { recordExternalEmailSent } from "../open311-client/email-routing.ts";
import { composeExternalEmail, externalEmailFacts } from "../open311-client/external-email.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import { type MailSettingsRow, mailSettingsOf } from "./mail-settings.ts";
import { composeEmail, type EmailKind } from "./outgoing-messages.ts";
import { trackingTokenSeal, unsubscribeTokens } from "./outgoing-tokens.ts";
import { classifySmtpFailure, type SmtpFailure } from "./smtp-failure.ts";

/** The installation's SMTP relay (SMTP_URL), made on first use; null without one. */
export function smtpRelay(smtpUrl: string | null): () => Transporter | null {
  let transport: Transporter | null = null;
  return () => {
    if (!smtpUrl) return null;
    transport ??= createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
    return transport;
  };
}

export const DeliverEmail = z.object({ deliveryId: z.uuid() });

export type EmailSettings = { smtpUrl: string | null; retryBaseMs: number; maxAttempts: number; publicUrl: string; secret: string };

export const NO_SENDER = "the organisation has no sender settings";
export const NO_RELAY = "SMTP_URL is not set";

/** Delays double from the base up to 240 times it. */
const CAP_FACTOR = 240;

/** The dedupe key of a delivery's job. */
export const emailJobKey = (deliveryId: string) => `email:${deliveryId}`;

/** `<YH-2026-000123.{random}@{domain}>`: the incoming side finds the ticket from either part. */
export const newMessageId = (reference: string, domain: string) =>
  `<${reference}.${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}@${domain}>`;

export const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

/** Addresses in relay errors are the resident's: they never reach events or the admin list. */
const withoutAddresses = (text: string) => text.replace(/[^\s<>"'@,;:()]+@[^\s<>"'@,;:()]+/g, "<address>").slice(0, 500);

/** What the job reads about its delivery, in one statement. */
async function loadDelivery(db: Db, id: string) {
  const [row] = await db
    .select({
      d: emailDeliveries,
      email: customers.email,
      reference: tickets.reference,
      ticketState: tickets.state,
      sealed: tickets.trackingTokenSealed,
      slug: organisations.slug,
      orgName: organisations.name,
      unsubscribed: sql<boolean>`${emailUnsubscribes.ticketId} IS NOT NULL`,
    })
    .from(emailDeliveries)
    .innerJoin(organisations, eq(organisations.id, emailDeliveries.organisationId))
    .leftJoin(tickets, eq(tickets.id, emailDeliveries.ticketId))
    .leftJoin(customers, eq(customers.id, emailDeliveries.customerId))
    .leftJoin(
      emailUnsubscribes,
      and(eq(emailUnsubscribes.ticketId, emailDeliveries.ticketId), eq(emailUnsubscribes.customerId, emailDeliveries.customerId)),
    )
    .where(eq(emailDeliveries.id, id));
  return row;
}

/** The ids an email about a ticket continues: the resident's own email (if the ticket came by email) and our first email to them. */
async function threadOf(db: Db, d: typeof emailDeliveries.$inferSelect): Promise<string[]> {
  if (!d.ticketId) return [];
  const [created] = await db
    .select({ messageId: sql<string | null>`${ticketEvents.data} #>> '{email,messageId}'` })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, d.ticketId), eq(ticketEvents.type, "ticket.created")))
    .limit(1);
  const [first] = d.customerId
    ? await db
        .select({ messageId: emailDeliveries.messageId })
        .from(emailDeliveries)
        .where(
          and(eq(emailDeliveries.ticketId, d.ticketId), eq(emailDeliveries.customerId, d.customerId), eq(emailDeliveries.state, "sent")),
        )
        .orderBy(emailDeliveries.createdAt)
        .limit(1)
    : [];
  return [created?.messageId, first?.messageId].filter((m): m is string => Boolean(m) && m !== d.messageId);
}

/** The reply an event announces: its plain text, and its sanitised rich text if it was written so. */
async function replyOf(db: Db, eventId: number | null): Promise<{ text: string; html: string | null } | null> {
  if (eventId === null) return null;
  const [row] = await db
    .select({ text: ticketMessages.body, html: ticketMessages.bodyHtml })
    .from(ticketEvents)
    .innerJoin(ticketMessages, sql`${ticketMessages.id}::text = ${ticketEvents.data} ->> 'messageId'`)
    .where(eq(ticketEvents.id, eventId));
  return row ?? null;
}

const recipientOf = (d: typeof emailDeliveries.$inferSelect) =>
  d.kind === "external" ? "external" : d.followerId ? "follower" : "resident";

/** DKIM options for nodemailer, when the organisation signs. */
export const dkimOf = (s: MailSettingsRow) =>
  s.dkimDomain && s.dkimSelector && s.dkimPrivateKey
    ? { domainName: s.dkimDomain, keySelector: s.dkimSelector, privateKey: s.dkimPrivateKey }
    : undefined;

/** The job, with the relay and retry schedule of `settings`; `publish` announces failure events. */
export function emailDeliveryJob(db: Db, settings: EmailSettings, publish: (notices: EventNotice[]) => void) {
  const transporter = smtpRelay(settings.smtpUrl);
  const seal = trackingTokenSeal(settings.secret);
  const unsubscribe = unsubscribeTokens(settings.secret);
  const base = settings.publicUrl.replace(/\/+$/, "");

  const update = (id: string, values: Partial<typeof emailDeliveries.$inferInsert>) =>
    db
      .update(emailDeliveries)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(emailDeliveries.id, id));

  /** The email failed for good: marked, and the ticket's history says so (same transaction). */
  async function fail(d: typeof emailDeliveries.$inferSelect, attempts: number, error: string, reason: EmailFailureReason) {
    const notice = await db.transaction(async (tx) => {
      await tx
        .update(emailDeliveries)
        .set({ state: "failed", attempts, lastError: error, failureReason: reason, updatedAt: sql`now()` })
        .where(eq(emailDeliveries.id, d.id));
      if (!d.ticketId) return null;
      return recordEvent(tx, {
        organisationId: d.organisationId,
        ticketId: d.ticketId,
        type: "ticket.email_failed",
        actor: { kind: "system", organisationId: d.organisationId },
        data: { deliveryId: d.id, kind: d.kind, recipient: recipientOf(d), error, reason },
      });
    });
    if (notice) publish([notice]);
  }

  return defineJob({
    name: "email_delivery",
    payload: DeliverEmail,
    maxAttempts: settings.maxAttempts,
    retryDelayMs: exponentialBackoff(settings.retryBaseMs, settings.retryBaseMs * CAP_FACTOR),
    async run({ deliveryId }, job) {
      const row = await loadDelivery(db, deliveryId);
      if (!row || row.d.state === "sent" || row.d.state === "suppressed") return;
      const d = row.d;
      const external = d.kind === "external";
      const to = d.kind === "test" || external ? d.testAddress : row.email;
      if (row.unsubscribed || !to) {
        await update(d.id, {
          state: "suppressed",
          failureReason: null,
          lastError: row.unsubscribed ? "unsubscribed" : "no address any more",
        });
        return;
      }
      const mail = await mailSettingsOf(db, d.organisationId);
      const smtp = transporter();
      if (!smtp || !mail) {
        await update(d.id, {
          state: "unconfigured",
          lastError: smtp ? NO_SENDER : NO_RELAY,
          failureReason: smtp ? "no_sender" : "no_relay",
        });
        return;
      }
      const reference = row.reference ?? "";
      const token = d.ticketId && d.customerId && d.kind !== "test" ? unsubscribe.sign(d.ticketId, d.customerId) : null;
      const tracking = d.followerId ? null : seal.open(row.sealed);
      const reply = !external && d.kind === "reply" && !d.followerId ? await replyOf(db, d.eventId) : null;
      const facts = external && d.ticketId ? await externalEmailFacts(db, d.ticketId, d.language as Language, base) : null;
      if (external && !facts) {
        await update(d.id, { state: "suppressed", failureReason: null, lastError: "the ticket is gone" });
        return;
      }
      const content = facts
        ? composeExternalEmail(facts)
        : composeEmail({
            kind: d.kind as EmailKind,
            language: d.language as Language,
            reference,
            organisationName: row.orgName[d.language as Language] || row.orgName.fi,
            follower: Boolean(d.followerId),
            trackingUrl: tracking ? `${base}/${row.slug}/track/${tracking}` : null,
            replyText: reply?.text ?? null,
            replyHtml: reply?.html ?? null,
            unsubscribeUrl: token ? `${base}/${row.slug}/unsubscribe/${token}` : null,
          });
      if (d.kind === "test") content.subject = content.subject.replace(/ \[\]$/, "");
      const thread = external ? [] : await threadOf(db, d);
      const attempts = d.attempts + 1;
      try {
        await smtp.sendMail({
          from: { name: mail.fromName, address: mail.fromAddress },
          to,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId: d.messageId,
          ...(thread.length ? { inReplyTo: thread[0], references: thread } : {}),
          headers: {
            // RFC 3834: no auto-replies to this, please.
            "Auto-Submitted": "auto-generated",
            "Content-Language": d.language,
            ...(d.ticketId ? { "X-Yhteys-Reference": reference } : {}),
            // RFC 8058 one-click: mail programs POST `List-Unsubscribe=One-Click` to the address.
            ...(token
              ? {
                  "List-Unsubscribe": `<${base}/api/public/${row.slug}/email/unsubscribe/${token}>`,
                  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                }
              : {}),
          },
          dkim: dkimOf(mail),
        });
      } catch (e) {
        const error = e as SmtpFailure;
        const message = withoutAddresses(error.message || String(e));
        const reason = classifySmtpFailure(error);
        const permanent = typeof error.responseCode === "number" && error.responseCode >= 500;
        if (permanent || job.attempt >= job.maxAttempts) return fail(d, attempts, message, reason);
        await update(d.id, { state: "queued", attempts, lastError: message, failureReason: reason });
        throw new Error(message);
      }
      const sent = { state: "sent" as const, attempts, lastError: null, failureReason: null, sentAt: sql`now()` as never };
      if (!external || !d.ticketId) {
        await update(d.id, sent);
        return;
      }
      const ticketId = d.ticketId;
      const notice = await db.transaction(async (tx) => {
        await tx
          .update(emailDeliveries)
          .set({ ...sent, updatedAt: sql`now()` })
          .where(eq(emailDeliveries.id, d.id));
        return recordExternalEmailSent(tx, { organisationId: d.organisationId, ticketId, address: to });
      });
      publish([notice]);
    },
  });
}
