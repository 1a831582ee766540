/**
 * The inbound SMTP listener with a small raw SMTP client on loopback: accepted recipients, 550 for
 * others, 552 over the size limit, and a 250 only once the email is a ticket.
 */
import { connect, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, startTestApp, type TestApp } from "../../../test/harness.ts";
import { inboundEmails, mailboxes, tickets } from "../../db/schema.ts";
import { rawEmail } from "./imap.dovecot.ts";
import { startSmtpListener } from "./smtp-listener.ts";

const MAX_BYTES = 64 * 1024;
let t: TestApp;
let listener: { port: number; close: () => Promise<void> };
beforeAll(async () => {
  t = await startTestApp();
  listener = await startSmtpListener(t.ctx, { port: 0, host: "127.0.0.1", maxBytes: MAX_BYTES, log: () => {} });
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

/** A line-by-line SMTP conversation: each `send` resolves with the server's complete reply. */
async function smtpSession() {
  const socket: Socket = connect(listener.port, "127.0.0.1");
  let buffer = "";
  let waiting: ((reply: string) => void) | null = null;
  const complete = () => {
    // A reply is complete at a line "NNN text" (a space after the code, not "NNN-").
    const lines = buffer.split("\r\n");
    const last = lines.findIndex((l) => /^\d{3} /.test(l));
    if (last < 0 || !waiting) return;
    const reply = lines.slice(0, last + 1).join("\n");
    buffer = lines.slice(last + 1).join("\r\n");
    const resolve = waiting;
    waiting = null;
    resolve(reply);
  };
  socket.on("data", (chunk) => {
    buffer += chunk.toString();
    complete();
  });
  const next = () =>
    new Promise<string>((resolve) => {
      waiting = resolve;
      complete();
    });
  const greeting = await next();
  const send = (line: string) => {
    const reply = next();
    socket.write(`${line}\r\n`);
    return reply;
  };
  return { greeting, send, close: () => socket.end() };
}

/** Dot-stuffed DATA content ending with the terminating line. */
const dataOf = (raw: string) => `${raw.replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..")}\r\n.`;

async function setUp() {
  const tenant = await newTenant(t.ctx);
  const address = `palaute@${tenant.slug}.test`;
  await t.ctx.db.insert(mailboxes).values({
    organisationId: tenant.id,
    groupId: tenant.groups.green as string,
    categoryId: tenant.categories.other as string,
    address,
    kind: "smtp",
  });
  return { tenant, address };
}

describe("the SMTP listener", () => {
  it("takes mail for an smtp mailbox as a ticket and answers 250 after it is stored", async () => {
    const { tenant, address } = await setUp();
    const smtp = await smtpSession();
    expect(smtp.greeting).toMatch(/^220 /);
    expect(await smtp.send("EHLO client.example.test")).toMatch(/SIZE 65536/);
    expect(await smtp.send("MAIL FROM:<asukas@example.test>")).toMatch(/^250 /);
    expect(await smtp.send(`RCPT TO:<${address.toUpperCase()}>`)).toMatch(/^250 /);
    expect(await smtp.send("DATA")).toMatch(/^354 /);
    const raw = rawEmail({ to: address, messageId: "<smtp-1@example.test>", text: "Puiston penkki on rikki.\n.piste rivin alussa" });
    expect(await smtp.send(dataOf(raw))).toMatch(/^250 /);
    // Once answered, the ticket is committed.
    const rows = await t.ctx.db.select().from(tickets).where(eq(tickets.organisationId, tenant.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "email", groupId: tenant.groups.green });
    expect(rows[0]?.description).toContain(".piste rivin alussa");

    // The same email again (the sender retried after a lost answer) is accepted and ingested once.
    expect(await smtp.send("MAIL FROM:<asukas@example.test>")).toMatch(/^250 /);
    expect(await smtp.send(`RCPT TO:<${address}>`)).toMatch(/^250 /);
    expect(await smtp.send("DATA")).toMatch(/^354 /);
    expect(await smtp.send(dataOf(raw))).toMatch(/^250 /);
    expect(await t.ctx.db.select().from(tickets).where(eq(tickets.organisationId, tenant.id))).toHaveLength(1);
    await smtp.send("QUIT");
    smtp.close();
  });

  it("rejects unknown recipients with 550 and takes the null sender as a bounce", async () => {
    const { tenant, address } = await setUp();
    const smtp = await smtpSession();
    await smtp.send("EHLO client.example.test");
    expect(await smtp.send("MAIL FROM:<>")).toMatch(/^250 /);
    expect(await smtp.send("RCPT TO:<someone-else@example.test>")).toMatch(/^550 /);
    expect(await smtp.send(`RCPT TO:<${address}>`)).toMatch(/^250 /);
    expect(await smtp.send("DATA")).toMatch(/^354 /);
    expect(await smtp.send(dataOf(rawEmail({ to: address, messageId: "<null-sender@example.test>" })))).toMatch(/^250 /);
    expect(await t.ctx.db.select().from(tickets).where(eq(tickets.organisationId, tenant.id))).toHaveLength(0);
    const [row] = await t.ctx.db.select().from(inboundEmails).where(eq(inboundEmails.organisationId, tenant.id));
    expect(row?.outcome).toBe("bounce");
    smtp.close();
  });

  it("refuses a message over the size limit with 552 and a clear text", async () => {
    const { tenant, address } = await setUp();
    const smtp = await smtpSession();
    await smtp.send("EHLO client.example.test");
    // Announced too big: refused at MAIL FROM.
    expect(await smtp.send(`MAIL FROM:<asukas@example.test> SIZE=${MAX_BYTES * 2}`)).toMatch(/^552 /);
    // Not announced: refused after DATA.
    expect(await smtp.send("MAIL FROM:<asukas@example.test>")).toMatch(/^250 /);
    expect(await smtp.send(`RCPT TO:<${address}>`)).toMatch(/^250 /);
    expect(await smtp.send("DATA")).toMatch(/^354 /);
    const big = rawEmail({ to: address, text: "x".repeat(MAX_BYTES * 2) });
    const reply = await smtp.send(dataOf(big));
    expect(reply).toMatch(/^552 /);
    expect(reply).toContain(`the limit is ${MAX_BYTES} bytes`);
    expect(await t.ctx.db.select().from(tickets).where(eq(tickets.organisationId, tenant.id))).toHaveLength(0);
    smtp.close();
  });

  it("accepts no mail for an inactive or IMAP mailbox", async () => {
    const { tenant, address } = await setUp();
    await t.ctx.db.update(mailboxes).set({ active: false }).where(eq(mailboxes.organisationId, tenant.id));
    const smtp = await smtpSession();
    await smtp.send("EHLO client.example.test");
    await smtp.send("MAIL FROM:<asukas@example.test>");
    expect(await smtp.send(`RCPT TO:<${address}>`)).toMatch(/^550 /);
    smtp.close();
  });
});
