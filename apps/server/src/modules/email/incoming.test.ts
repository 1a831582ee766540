/**
 * Incoming email against a real IMAP server (dovecot on loopback): new email → ticket, replies
 * joining their ticket, loops and noise, attachments, HTML, language, UID tracking, dedupe, and the
 * mailbox admin API.
 */
import { and, asc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, type TestApp, waitFor } from "../../../test/harness.ts";
import { attachments, customers, inboundEmails, mailboxes, ticketEvents, ticketMessages, tickets } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { type Dovecot, rawEmail, startDovecot } from "./imap.dovecot.ts";
import { checkMailbox, MailboxReader, readOpenMailbox } from "./imap.ts";
import { emailSignals, ingestEmail, sanitiseHtml } from "./incoming.ts";

let t: TestApp;
let dovecot: Dovecot;
beforeAll(async () => {
  [t, dovecot] = await Promise.all([startTestApp(), startDovecot()]);
});
afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
});

const base = "/api/staff/admin/mailboxes";
const log = (e: unknown) => {
  throw e;
};
let folders = 0;

/** A tenant with an IMAP mailbox on its own dovecot folder, routed to the streets group. */
async function setUp(): Promise<{ tenant: SeededOrganisation; admin: Client; mailboxId: string; folder: string }> {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const folder = `box${++folders}-${tenant.slug}`;
  await dovecot.append(folder, []);
  const res = await admin.post(base, {
    address: `kirjaamo@${tenant.slug}.test`,
    kind: "imap",
    groupId: tenant.groups.streets,
    categoryId: tenant.categories.other,
    imap: { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password, folder },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { tenant, admin, mailboxId: res.json().id, folder };
}

const mailboxRow = async (id: string) => {
  const [row] = await t.ctx.db.select().from(mailboxes).where(eq(mailboxes.id, id));
  if (!row) throw new Error("no mailbox");
  return row;
};
const check = async (mailboxId: string) => checkMailbox(t.ctx, await mailboxRow(mailboxId), log);
const ticketsOf = (orgId: string) =>
  t.ctx.db.select().from(tickets).where(eq(tickets.organisationId, orgId)).orderBy(asc(tickets.createdAt), asc(tickets.reference));
const eventsOf = (ticketId: string) =>
  t.ctx.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id));
const messagesOf = (ticketId: string) =>
  t.ctx.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticketId)).orderBy(asc(ticketMessages.createdAt));

describe("a new email", () => {
  it("becomes a ticket of the mailbox's group, channel email, customer from From, language detected", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    await dovecot.append(folder, [
      rawEmail({ from: "Aino Asukas <Aino@Example.test>", messageId: "<first-1@example.test>", subject: "Katuvalo rikki" }),
      rawEmail({
        messageId: "<first-2@example.test>",
        subject: "Gatlampa trasig",
        text: "Hej, gatlampan på Storgatan har varit trasig i två veckor. Kan ni laga den? Tack",
      }),
      rawEmail({
        messageId: "<first-3@example.test>",
        subject: "Street light",
        text: "Hello, the street light on the main road has been broken for two weeks. Could you please fix it? Thanks",
      }),
    ]);
    expect(await check(mailboxId)).toEqual({ fetched: 3, ingested: 3, duplicates: 0 });

    const rows = await ticketsOf(tenant.id);
    expect(rows.map((r) => [r.channel, r.groupId, r.categoryId, r.language])).toEqual([
      ["email", tenant.groups.streets, tenant.categories.other, "fi"],
      ["email", tenant.groups.streets, tenant.categories.other, "sv"],
      ["email", tenant.groups.streets, tenant.categories.other, "en"],
    ]);
    const first = rows[0];
    expect(first?.description).toBe("Katuvalo rikki\n\nHei, katuvalo on ollut rikki jo kaksi viikkoa. Voisitteko korjata sen? Kiitos");
    const [customer] = await t.ctx.db
      .select()
      .from(customers)
      .where(eq(customers.id, first?.customerId ?? ""));
    expect(customer).toMatchObject({ email: "aino@example.test", name: "Aino Asukas", organisationId: tenant.id });
    const [created] = await eventsOf(first?.id ?? "");
    expect(created?.type).toBe("ticket.created");
    expect(created?.data).toMatchObject({ channel: "email", email: { messageId: "<first-1@example.test>", noAutoReply: false } });

    const mailbox = await mailboxRow(mailboxId);
    expect(mailbox).toMatchObject({ status: "ok", lastError: null, lastUid: 3 });
  });

  it("keeps the plain text as the body and the HTML sanitised", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    await dovecot.append(folder, [
      rawEmail({
        messageId: "<html-1@example.test>",
        text: "Puistossa on paljon roskia.",
        html: `<p onclick="x()">Puistossa on <b>paljon</b> roskia.</p><script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(1)">x</a><a href="https://example.test/kuva">kuva</a><style>p{}</style>`,
      }),
    ]);
    await check(mailboxId);
    const [ticket] = await ticketsOf(tenant.id);
    expect(ticket?.description).toBe("Katuvalo rikki\n\nPuistossa on paljon roskia.");
    const [inbound] = await t.ctx.db
      .select()
      .from(inboundEmails)
      .where(eq(inboundEmails.ticketId, ticket?.id ?? ""));
    expect(inbound?.html).toBe(
      '<p>Puistossa on <b>paljon</b> roskia.</p><a rel="noopener noreferrer nofollow">x</a><a href="https://example.test/kuva" rel="noopener noreferrer nofollow">kuva</a>',
    );
  });

  it("stores a photo and a PDF through the attachments module and leaves out other files", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#0a0" } })
      .jpeg()
      .toBuffer();
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    await dovecot.append(folder, [
      rawEmail({
        messageId: "<files-1@example.test>",
        attachments: [
          { name: "kuva.jpg", type: "image/jpeg", data: photo },
          { name: "lomake.pdf", type: "application/pdf", data: pdf },
          { name: "ohjelma.exe", type: "application/octet-stream", data: Buffer.from("MZ\x90\x00not really") },
        ],
      }),
    ]);
    await check(mailboxId);
    const [ticket] = await ticketsOf(tenant.id);
    const files = await t.ctx.db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, ticket?.id ?? ""));
    expect(files.map((f) => [f.fileName, f.contentType, f.uploadedBy]).sort()).toEqual([
      ["kuva.jpg", "image/jpeg", "resident"],
      ["lomake.pdf", "application/pdf", "resident"],
    ]);
    expect(files.find((f) => f.contentType === "image/jpeg")?.hasThumbnail).toBe(true);
    const [inbound] = await t.ctx.db
      .select()
      .from(inboundEmails)
      .where(eq(inboundEmails.ticketId, ticket?.id ?? ""));
    expect(inbound?.attachmentsDone).toBe(true);
  });
});

describe("a reply", () => {
  it("joins its ticket by In-Reply-To or by the subject's reference, and reopens it", async () => {
    const { tenant, folder, mailboxId, admin } = await setUp();
    await dovecot.append(folder, [rawEmail({ messageId: "<orig@example.test>" })]);
    await check(mailboxId);
    const [ticket] = await ticketsOf(tenant.id);
    if (!ticket) throw new Error("no ticket");
    expect((await admin.post(`/api/staff/tickets/${ticket.id}/state`, { state: "resolved" })).statusCode).toBe(200);

    // Our reply went out as <REF.random@domain>; the resident answers it.
    await dovecot.append(folder, [
      rawEmail({
        messageId: "<answer-1@example.test>",
        subject: "Re: Katuvalo rikki",
        headers: {
          "In-Reply-To": `<${ticket.reference}.k3j4h5@yhteys.example>`,
          References: `<${ticket.reference}.k3j4h5@yhteys.example>`,
        },
        text: "Valo on yhä rikki.",
      }),
    ]);
    await check(mailboxId);
    expect(await ticketsOf(tenant.id)).toHaveLength(1);
    let [after] = await ticketsOf(tenant.id);
    expect(after?.state).toBe("in_progress");
    expect(after?.resolvedAt).toBeNull();

    expect((await admin.post(`/api/staff/tickets/${ticket.id}/state`, { state: "resolved" })).statusCode).toBe(200);
    await dovecot.append(folder, [
      rawEmail({ messageId: "<answer-2@example.test>", subject: `Vs: [${ticket.reference}] Katuvalo`, text: "Ja vielä yksi asia." }),
    ]);
    await check(mailboxId);
    expect(await ticketsOf(tenant.id)).toHaveLength(1);
    [after] = await ticketsOf(tenant.id);
    expect(after?.state).toBe("in_progress");

    const messages = await messagesOf(ticket.id);
    expect(messages.map((m) => [m.kind, m.body])).toEqual([
      ["resident", "Valo on yhä rikki."],
      ["resident", "Ja vielä yksi asia."],
    ]);
    const types = (await eventsOf(ticket.id)).map((e) => e.type);
    expect(types.filter((x) => x === "ticket.resident_message")).toHaveLength(2);
    const states = (await eventsOf(ticket.id)).filter((e) => e.type === "ticket.state_changed").map((e) => e.data);
    expect(states).toContainEqual({ from: "resolved", to: "in_progress", reason: "email reply" });
  });

  it("joins the ticket of the resident's own earlier email that it answers", async () => {
    const { tenant, mailboxId } = await setUp();
    const mailbox = await mailboxRow(mailboxId);
    const first = await ingestEmail(t.ctx, mailbox, Buffer.from(rawEmail({ messageId: "<own-1@example.test>" })));
    const more = await ingestEmail(
      t.ctx,
      mailbox,
      Buffer.from(
        rawEmail({ messageId: "<own-2@example.test>", headers: { "In-Reply-To": "<own-1@example.test>" }, text: "Unohdin: pylväs 12." }),
      ),
    );
    expect(first.outcome).toBe("ticket");
    expect(more).toMatchObject({ outcome: "message", ticketId: first.ticketId });
    expect(await ticketsOf(tenant.id)).toHaveLength(1);
    expect((await messagesOf(first.ticketId ?? "")).map((m) => m.body)).toEqual(["Unohdin: pylväs 12."]);
  });

  it("does not join another organisation's ticket with the same reference", async () => {
    const one = await setUp();
    await dovecot.append(one.folder, [rawEmail({ messageId: "<other-org@example.test>" })]);
    await check(one.mailboxId);
    const [ticket] = await ticketsOf(one.tenant.id);
    const two = await setUp();
    await dovecot.append(two.folder, [rawEmail({ messageId: "<cross@example.test>", subject: `Re: [${ticket?.reference}] hei` })]);
    await check(two.mailboxId);
    expect(await messagesOf(ticket?.id ?? "")).toHaveLength(0);
    expect(await ticketsOf(two.tenant.id)).toHaveLength(1);
  });
});

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

describe("the reader", () => {
  it("picks up new mail while it waits (IDLE) and records an unreachable server as an error", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    const reader = new MailboxReader(t.ctx, mailboxId, { pollMs: 60_000, log: () => {} }).start();
    try {
      await waitFor(
        () => mailboxRow(mailboxId),
        (m) => m.status === "ok",
      );
      // The poll is a minute away: only the server's announcement can bring this in.
      await dovecot.append(folder, [rawEmail({ messageId: "<idle@example.test>" })]);
      const rows = await waitFor(
        () => ticketsOf(tenant.id),
        (r) => r.length === 1,
      );
      expect(rows).toHaveLength(1);
    } finally {
      await reader.stop();
    }

    await t.ctx.db.update(mailboxes).set({ imapPort: 1 }).where(eq(mailboxes.id, mailboxId));
    await check(mailboxId);
    const broken = await mailboxRow(mailboxId);
    expect(broken.status).toBe("error");
    expect(broken.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(broken.lastError).not.toContain(dovecot.password);
  });

  it("reads a folder in order even when it spans several fetches", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    await dovecot.append(
      folder,
      Array.from({ length: 130 }, (_, i) => rawEmail({ messageId: `<many-${i}@example.test>`, subject: `Viesti ${i}` })),
    );
    const client = await dovecot.client();
    const order: number[] = [];
    try {
      const result = await readOpenMailbox(t.ctx, client, mailboxId, { log, onIngested: (_o, uid) => order.push(uid) });
      expect(result).toEqual({ fetched: 130, ingested: 130, duplicates: 0 });
    } finally {
      await client.logout();
    }
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect((await mailboxRow(mailboxId)).lastUid).toBe(order.at(-1));
    expect(await ticketsOf(tenant.id)).toHaveLength(130);
  });
});

describe("the mailbox admin API", () => {
  it("never returns the password, checks routing and addresses, and is for technical admins only", async () => {
    const { tenant, admin, mailboxId, folder } = await setUp();
    const listed = await admin.get(base);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(dovecot.password);
    expect(listed.json().items[0]).toMatchObject({
      id: mailboxId,
      kind: "imap",
      status: "pending",
      imap: { host: dovecot.host, folder, hasPassword: true },
    });

    await dovecot.append(folder, [rawEmail({ messageId: "<api-check@example.test>" })]);
    const checked = await admin.post(`${base}/${mailboxId}/check`);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ ingested: 1, mailbox: { status: "ok", ingested: 1, lastError: null } });

    const patched = await admin.patch(`${base}/${mailboxId}`, { imap: { password: "new-secret-password" }, active: false });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain("new-secret-password");
    expect((await mailboxRow(mailboxId)).imapPassword).toBe("new-secret-password");

    const smtp = await admin.post(base, {
      address: `palaute@${tenant.slug}.test`,
      kind: "smtp",
      groupId: tenant.groups.green,
      categoryId: tenant.categories.other,
    });
    expect(smtp.statusCode).toBe(201);
    expect(smtp.json().imap).toBeNull();
    const same = await admin.post(base, {
      address: `PALAUTE@${tenant.slug}.test`,
      kind: "smtp",
      groupId: tenant.groups.green,
      categoryId: tenant.categories.other,
    });
    expect(same.statusCode).toBe(409);
    const required = await admin.post(base, {
      address: `valot@${tenant.slug}.test`,
      kind: "smtp",
      groupId: tenant.groups.streets,
      categoryId: tenant.categories["street-lighting"],
    });
    expect(required.statusCode).toBe(400);
    const noImap = await admin.post(base, {
      address: `x@${tenant.slug}.test`,
      kind: "imap",
      groupId: tenant.groups.streets,
      categoryId: tenant.categories.other,
    });
    expect(noImap.statusCode).toBe(400);
    expect(noImap.headers["content-type"]).toContain("application/problem+json");

    const other = await newTenant(t.ctx);
    const otherAdmin = await signIn(t.app, other, "admin");
    expect((await otherAdmin.patch(`${base}/${mailboxId}`, { active: true })).statusCode).toBe(404);
    const expert = await signIn(t.app, tenant, "expert");
    expect((await expert.get(base)).statusCode).toBe(403);

    expect((await admin.delete(`${base}/${smtp.json().id}`)).statusCode).toBe(204);
    expect((await admin.get(base)).json().items).toHaveLength(1);
  });
});
