/**
 * Ingesting email read from a real IMAP server (dovecot on loopback): a new email becomes a ticket
 * (group, customer, language, HTML, attachments), and a reply joins its ticket.
 */
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { attachments, customers, inboundEmails } from "../../db/schema.ts";
import { rawEmail } from "./imap.dovecot.ts";
import { check, dovecot, eventsOf, mailboxRow, messagesOf, setUp, t, ticketsOf, useMailServers } from "./incoming.fixture.ts";
import { ingestEmail } from "./incoming.ts";

useMailServers();

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

  it("stores a malformed email with NUL characters in its subject, sender name and body without them", async () => {
    const { tenant, mailboxId } = await setUp();
    const mailbox = await mailboxRow(mailboxId);
    const raw = rawEmail({
      from: `=?utf-8?B?${Buffer.from("Maija\u0000 Meikäläinen").toString("base64")}?= <maija@example.test>`,
      subject: `=?utf-8?B?${Buffer.from("Katu\u0000valo").toString("base64")}?=`,
      text: "Valo\u0000 on rikki.",
      html: "<p>Valo\u0000 on rikki.</p>",
    });
    const outcome = await ingestEmail(t.ctx, mailbox, Buffer.from(raw));
    expect(outcome.outcome).toBe("ticket");
    const [ticket] = await ticketsOf(tenant.id);
    expect(ticket?.description).toBe("Katuvalo\n\nValo on rikki.");
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
