/**
 * Incoming email that must not be answered or counted twice: auto-replies, list mail and bounces
 * (loops and noise), and exactly-once ingest across restarts, crashes and concurrent copies.
 */
import { and, asc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { attachments, customers, inboundEmails, mailboxes, ticketEvents, tickets } from "../../db/schema.ts";
import { emailSignals } from "./email-signals.ts";
import { rawEmail } from "./imap.dovecot.ts";
import { check, dovecot, eventsOf, mailboxRow, messagesOf, setUp, t, ticketsOf, useMailServers } from "./incoming.fixture.ts";
import { ingestEmail, sanitiseHtml } from "./incoming.ts";

useMailServers();

describe("loops and noise", () => {
  it("flags auto-replies and list mail (noAutoReply) and does not let them reopen a ticket", async () => {
    const { tenant, folder, mailboxId, admin } = await setUp();
    await dovecot.append(folder, [
      rawEmail({ messageId: "<auto-1@example.test>", headers: { "Auto-Submitted": "auto-replied" }, subject: "Poissa" }),
      rawEmail({ messageId: "<auto-2@example.test>", headers: { "X-Autoreply": "yes" } }),
      rawEmail({ messageId: "<list-1@example.test>", headers: { "List-Id": "<uutiset.example.test>" } }),
      rawEmail({ messageId: "<bulk-1@example.test>", headers: { Precedence: "bulk" } }),
      rawEmail({ messageId: "<plain@example.test>", headers: { "Auto-Submitted": "no" } }),
    ]);
    await check(mailboxId);
    const rows = await ticketsOf(tenant.id);
    expect(rows).toHaveLength(5);
    const flags = await t.ctx.db
      .select({ key: inboundEmails.messageKey, autoReply: inboundEmails.autoReply, list: inboundEmails.mailingList })
      .from(inboundEmails)
      .where(eq(inboundEmails.organisationId, tenant.id))
      .orderBy(asc(inboundEmails.messageKey));
    expect(flags).toEqual([
      { key: "<auto-1@example.test>", autoReply: true, list: false },
      { key: "<auto-2@example.test>", autoReply: true, list: false },
      { key: "<bulk-1@example.test>", autoReply: true, list: false },
      { key: "<list-1@example.test>", autoReply: false, list: true },
      { key: "<plain@example.test>", autoReply: false, list: false },
    ]);
    const created = await t.ctx.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.organisationId, tenant.id), eq(ticketEvents.type, "ticket.created")));
    const noAutoReply = created.map((e) => (e.data.email as { noAutoReply: boolean }).noAutoReply).sort();
    expect(noAutoReply).toEqual([false, true, true, true, true]);

    // An out-of-office answer to our reply on a resolved ticket is kept but reopens nothing.
    const ticket = rows[4] as (typeof rows)[number];
    await admin.post(`/api/staff/tickets/${ticket.id}/state`, { state: "resolved" });
    await dovecot.append(folder, [
      rawEmail({
        messageId: "<ooo@example.test>",
        subject: `Automatic reply: [${ticket.reference}]`,
        headers: { "Auto-Submitted": "auto-replied" },
        text: "I am out of office.",
      }),
    ]);
    await check(mailboxId);
    const [after] = await t.ctx.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(after?.state).toBe("resolved");
    expect((await messagesOf(ticket.id)).map((m) => m.body)).toEqual(["I am out of office."]);
  });

  it("takes a bounce as a mark on the ticket's customer, with no ticket", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    await dovecot.append(folder, [rawEmail({ from: "resident@example.test", messageId: "<bounce-orig@example.test>" })]);
    await check(mailboxId);
    const [ticket] = await ticketsOf(tenant.id);
    if (!ticket) throw new Error("no ticket");
    const boundary = "dsn-boundary";
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.test>",
      "To: kirjaamo@example.test",
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <dsn-1@mx.example.test>",
      "Return-Path: <>",
      "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain",
      "",
      "The message could not be delivered.",
      `--${boundary}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.test",
      "",
      "Final-Recipient: rfc822; resident@example.test",
      "Action: failed",
      "Status: 5.1.1",
      `--${boundary}`,
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: <${ticket.reference}.abc123@yhteys.example>`,
      "Subject: Vastaus palautteeseesi",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    await dovecot.append(folder, [dsn]);
    await check(mailboxId);
    expect(await ticketsOf(tenant.id)).toHaveLength(1);
    expect(await messagesOf(ticket.id)).toHaveLength(0);
    const bounced = (await eventsOf(ticket.id)).filter((e) => e.type === "ticket.email_bounced");
    expect(bounced).toHaveLength(1);
    const [customer] = await t.ctx.db
      .select()
      .from(customers)
      .where(eq(customers.id, ticket.customerId ?? ""));
    expect(customer?.emailBouncedAt).toBeInstanceOf(Date);
    const [row] = await t.ctx.db.select().from(inboundEmails).where(eq(inboundEmails.messageKey, "<dsn-1@mx.example.test>"));
    expect(row).toMatchObject({ outcome: "bounce", ticketId: ticket.id });
  });

  it("recognises each signal from the headers", async () => {
    const signals = async (headers: Record<string, string>, envelopeFrom?: string) =>
      emailSignals(await simpleParser(rawEmail({ headers })), envelopeFrom);
    expect(await signals({})).toEqual({ bounce: false, autoReply: false, mailingList: false });
    expect((await signals({ "X-Autorespond": "1" })).autoReply).toBe(true);
    expect((await signals({ Precedence: "junk" })).autoReply).toBe(true);
    expect((await signals({ Precedence: "auto_reply" })).autoReply).toBe(true);
    expect((await signals({ "List-Unsubscribe": "<mailto:u@example.test>" })).mailingList).toBe(true);
    expect((await signals({}, "")).bounce).toBe(true);
    expect(sanitiseHtml('<div style="x"><iframe src="x"></iframe>hei</div>')).toBe("<div>hei</div>");
  });
});

describe("exactly once", () => {
  it("tracks UIDs across restarts, resets on a new UIDVALIDITY and never ingests an email twice", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    await dovecot.append(folder, [rawEmail({ messageId: "<uid-1@example.test>" }), rawEmail({ messageId: "<uid-2@example.test>" })]);
    expect(await check(mailboxId)).toMatchObject({ fetched: 2, ingested: 2 });
    // A restart reads only what came after the stored UID.
    await dovecot.append(folder, [rawEmail({ messageId: "<uid-3@example.test>" })]);
    expect(await check(mailboxId)).toEqual({ fetched: 1, ingested: 1, duplicates: 0 });
    expect(await check(mailboxId)).toEqual({ fetched: 0, ingested: 0, duplicates: 0 });

    // The server renumbered the folder: everything is read again, nothing is ingested twice.
    await t.ctx.db.update(mailboxes).set({ uidValidity: 1 }).where(eq(mailboxes.id, mailboxId));
    expect(await check(mailboxId)).toEqual({ fetched: 3, ingested: 0, duplicates: 3 });
    expect(await ticketsOf(tenant.id)).toHaveLength(3);

    // The same email delivered twice (e.g. to two folders, or once more by the sender's server).
    await dovecot.append(folder, [rawEmail({ messageId: "<uid-1@example.test>" })]);
    expect(await check(mailboxId)).toEqual({ fetched: 1, ingested: 0, duplicates: 1 });
    // Without a Message-ID, the content is the key.
    const noId = rawEmail({ messageId: null, text: "Ilman tunnistetta" });
    await dovecot.append(folder, [noId, noId]);
    expect(await check(mailboxId)).toEqual({ fetched: 2, ingested: 1, duplicates: 1 });
    expect(await ticketsOf(tenant.id)).toHaveLength(4);
  });

  it("completes attachments that a crash left unstored when the email is read again", async () => {
    const { tenant, mailboxId } = await setUp();
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const raw = Buffer.from(
      rawEmail({ messageId: "<resume@example.test>", attachments: [{ name: "a.pdf", type: "application/pdf", data: pdf }] }),
    );
    const mailbox = await mailboxRow(mailboxId);
    await ingestEmail(t.ctx, mailbox, raw);
    const [ticket] = await ticketsOf(tenant.id);
    // As if the process died after the commit, before the file was stored.
    await t.ctx.db.delete(attachments).where(eq(attachments.ticketId, ticket?.id ?? ""));
    await t.ctx.db.update(inboundEmails).set({ attachmentsDone: false }).where(eq(inboundEmails.messageKey, "<resume@example.test>"));
    expect(await ingestEmail(t.ctx, mailbox, raw)).toMatchObject({ outcome: "duplicate" });
    expect(await ingestEmail(t.ctx, mailbox, raw)).toMatchObject({ outcome: "duplicate" });
    expect(
      await t.ctx.db
        .select()
        .from(attachments)
        .where(eq(attachments.ticketId, ticket?.id ?? "")),
    ).toHaveLength(1);
  });

  it("ingests concurrently delivered copies once", async () => {
    const { tenant, mailboxId } = await setUp();
    const mailbox = await mailboxRow(mailboxId);
    const raw = Buffer.from(rawEmail({ messageId: "<race@example.test>" }));
    const outcomes = await Promise.all([1, 2, 3].map(() => ingestEmail(t.ctx, mailbox, raw)));
    expect(outcomes.filter((o) => o.outcome === "ticket")).toHaveLength(1);
    expect(await ticketsOf(tenant.id)).toHaveLength(1);
  });
});
