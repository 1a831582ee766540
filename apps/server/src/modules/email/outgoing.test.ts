/**
 * Emails to residents through a real SMTP server on loopback: confirmations, replies, follower
 * notices, one-click unsubscribe, threading with an emailed contact, and DKIM.
 */
import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newTenant, submitContact, waitFor } from "../../../test/harness.ts";
import type { ReceivedMail } from "../../../test/smtp-sink.ts";
import { emailDeliveries } from "../../db/schema.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import {
  address,
  base,
  deliveriesOf,
  header,
  historyOf,
  PUBLIC_URL,
  rawHeader,
  settings,
  setUp,
  sink,
  t,
  ticketIdOf,
  useSmtpSink,
} from "./outgoing.fixture.ts";
import { trackingTokenSeal } from "./outgoing-tokens.ts";

useSmtpSink();

describe("emails to residents", () => {
  it("confirms a contact in its language with the reference, tracking link, threading and unsubscribe headers", async () => {
    const { tenant, admin } = await setUp();
    const to = address("aino");
    const receipt = await submitContact(t.app, tenant, { language: "sv", wantsReply: true, contact: { name: "Aino", email: to } });
    const [mail] = await sink.mailsTo(to);
    if (!mail) throw new Error("no confirmation arrived");
    expect(mail.parsed.subject).toBe(`Vi har tagit emot ditt ärende [${receipt.reference}]`);
    expect(mail.parsed.messageId).toMatch(new RegExp(`^<${receipt.reference}\\.[a-f0-9]{16}@kaupunki\\.example>$`));
    expect(mail.parsed.from?.value[0]).toEqual({ name: "Testilän kaupunki", address: "palaute@kaupunki.example" });
    expect(mail.parsed.replyTo?.value[0]?.address).toBe("vastaukset@kaupunki.example");
    expect(header(mail, "auto-submitted")).toBe("auto-generated");
    expect(mail.parsed.inReplyTo).toBeUndefined();
    const trackingUrl = `${PUBLIC_URL}/${tenant.slug}/track/${receipt.trackingToken}`;
    expect(mail.parsed.text).toContain(trackingUrl);
    expect(mail.parsed.text).toContain("Tack för ditt meddelande");
    expect(mail.parsed.html).toContain('<html lang="sv">');
    expect(mail.parsed.html).toContain(`href="${trackingUrl}"`);
    const unsubscribe = rawHeader(mail, "List-Unsubscribe");
    expect(unsubscribe).toMatch(new RegExp(`^<${PUBLIC_URL}/api/public/${tenant.slug}/email/unsubscribe/[A-Za-z0-9_-]{64}>$`));
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.parsed.text).toMatch(new RegExp(`${PUBLIC_URL}/${tenant.slug}/unsubscribe/[A-Za-z0-9_-]{64}`));

    // The city's reply, threaded under the confirmation, with its text.
    const ticketId = await ticketIdOf(admin, receipt.reference);
    const replied = await admin.post(`/api/staff/tickets/${ticketId}/replies`, {
      body: "Korjaamme kuopan ensi viikolla.\n\nTerveisin Eero",
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const [, reply] = await sink.mailsTo(to, 2);
    if (!reply) throw new Error("no reply arrived");
    expect(reply.parsed.subject).toBe(`Svar på ditt ärende [${receipt.reference}]`);
    expect(reply.parsed.text).toContain("Korjaamme kuopan ensi viikolla.");
    expect(reply.parsed.text).toContain(trackingUrl);
    expect(reply.parsed.inReplyTo).toBe(mail.parsed.messageId);
    expect(reply.parsed.messageId).not.toBe(mail.parsed.messageId);

    // Resolved: a short notice.
    expect((await admin.post(`/api/staff/tickets/${ticketId}/state`, { state: "resolved" })).statusCode).toBe(200);
    const [, , resolved] = await sink.mailsTo(to, 3);
    expect(resolved?.parsed.subject).toBe(`Ditt ärende har behandlats [${receipt.reference}]`);
    // The sink has the mail as soon as SMTP accepts it; the delivery is marked sent just after.
    const sent = await waitFor(
      () => deliveriesOf(admin),
      (ds) => ds.every((d) => d.state === "sent"),
    );
    expect(sent.map((d) => [d.kind, d.state])).toEqual([
      ["resolved", "sent"],
      ["reply", "sent"],
      ["confirmation", "sent"],
    ]);
  });

  it("sends one email for a reply that resolves, and nothing without an address", async () => {
    const { tenant, admin } = await setUp();
    const to = address("ville");
    const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: to } });
    const anonymous = await submitContact(t.app, tenant, {});
    await sink.mailsTo(to);
    const ticketId = await ticketIdOf(admin, receipt.reference);
    await admin.post(`/api/staff/tickets/${ticketId}/replies`, { body: "Kuoppa on korjattu.", state: "resolved" });
    await admin.post(`/api/staff/tickets/${await ticketIdOf(admin, anonymous.reference)}/replies`, { body: "Korjattu." });
    const mails = await sink.mailsTo(to, 2);
    expect(mails[1]?.parsed.subject).toBe(`Vastaus yhteydenottoosi [${receipt.reference}]`);
    // A later email to the same address (the test email) arrives after anything else queued for it.
    await admin.post(`${base}/test`, { to });
    await sink.mailsTo(to, 3);
    expect((await sink.mailsTo(to, 3)).map((m) => m.parsed.subject)).toEqual([
      `Yhteydenottosi on vastaanotettu [${receipt.reference}]`,
      `Vastaus yhteydenottoosi [${receipt.reference}]`,
      "Testiviesti",
    ]);
    const kinds = (await deliveriesOf(admin)).map((d) => [d.ticket?.reference ?? null, d.kind]);
    expect(kinds).toEqual([
      [null, "test"],
      [receipt.reference, "reply"],
      [receipt.reference, "confirmation"],
    ]);
  });

  it("tells followers about the reply (without its text or the private link) and the resolution", async () => {
    const { tenant, admin } = await setUp();
    const owner = address("omistaja");
    const follower = address("seuraaja");
    const receipt = await submitContact(t.app, tenant, { language: "en", contact: { email: owner } });
    const followed = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${receipt.reference}/follow`,
      payload: { email: follower },
    });
    expect(followed.statusCode, followed.body).toBe(200);
    const ticketId = await ticketIdOf(admin, receipt.reference);
    await admin.post(`/api/staff/tickets/${ticketId}/replies`, { body: "Hei Olli, soitamme sinulle huomenna." });
    const [reply] = await sink.mailsTo(follower);
    expect(reply?.parsed.subject).toBe(`The issue you follow has been answered [${receipt.reference}]`);
    expect(reply?.parsed.text).not.toContain("Olli");
    expect(reply?.parsed.text).not.toContain("/track/");
    expect(reply?.parsed.text).toContain(`/${tenant.slug}/unsubscribe/`);
    await admin.post(`/api/staff/tickets/${ticketId}/state`, { state: "resolved" });
    const [, resolved] = await sink.mailsTo(follower, 2);
    expect(resolved?.parsed.subject).toBe(`The issue you follow has been dealt with [${receipt.reference}]`);
    expect((await sink.mailsTo(owner, 3)).map((m) => m.parsed.subject)).toEqual([
      `We have received your message [${receipt.reference}]`,
      `Reply to your message [${receipt.reference}]`,
      `Your message has been dealt with [${receipt.reference}]`,
    ]);
  });

  it("unsubscribes with one click (RFC 8058) and sends that resident nothing more about the ticket", async () => {
    const { tenant, admin } = await setUp();
    const owner = address("lopettaja");
    const follower = address("jatkaja");
    const receipt = await submitContact(t.app, tenant, { language: "en", contact: { email: owner } });
    await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${receipt.reference}/follow`,
      payload: { email: follower },
    });
    const [mail] = await sink.mailsTo(owner);
    const url = new URL(rawHeader(mail as ReceivedMail, "List-Unsubscribe")?.slice(1, -1) ?? "");
    const status = await t.app.inject({ method: "GET", url: url.pathname });
    expect(status.json()).toEqual({ reference: receipt.reference, language: "en", unsubscribed: false });
    const clicked = await t.app.inject({
      method: "POST",
      url: url.pathname,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(clicked.statusCode, clicked.body).toBe(200);
    expect(clicked.json()).toEqual({ reference: receipt.reference, language: "en", unsubscribed: true });
    // Twice is harmless, and recorded once.
    expect((await t.app.inject({ method: "POST", url: url.pathname })).statusCode).toBe(200);
    const ticketId = await ticketIdOf(admin, receipt.reference);
    const events = (await historyOf(admin, ticketId)).filter((e) => e.type === "ticket.email_unsubscribed");
    expect(events).toEqual([expect.objectContaining({ data: { recipient: "resident" } })]);

    await admin.post(`/api/staff/tickets/${ticketId}/replies`, { body: "Vastaus." });
    await sink.mailsTo(follower);
    expect(await sink.mailsTo(owner, 1)).toHaveLength(1);
    expect((await deliveriesOf(admin)).map((d) => d.kind)).toEqual(["reply", "confirmation"]);

    // A forged or another organisation's token finds nothing; a malformed one is bad input.
    const token = url.pathname.split("/").at(-1) as string;
    const forged = `${token.slice(0, 60)}${token.slice(60) === "AAAA" ? "BBBB" : "AAAA"}`;
    const bad = await t.app.inject({ method: "POST", url: `/api/public/${tenant.slug}/email/unsubscribe/${forged}` });
    expect(bad.statusCode).toBe(404);
    const other = await newTenant(t.ctx);
    expect((await t.app.inject({ method: "POST", url: `/api/public/${other.slug}/email/unsubscribe/${token}` })).statusCode).toBe(404);
    const malformed = await t.app.inject({ method: "POST", url: `/api/public/${tenant.slug}/email/unsubscribe/short` });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers a contact that came by email in its thread, and never answers an automatic email", async () => {
    const { tenant, admin } = await setUp();
    const robot = address("robotti");
    const person = address("ihminen");
    const organisation = { id: tenant.id, referencePrefix: "YH" };
    const actor = { kind: "system", organisationId: tenant.id } as const;
    const seal = trackingTokenSeal(t.ctx.config.secret).seal;
    const ticket = (email: string, eventData: Record<string, unknown>) =>
      createTicket(
        t.ctx.db,
        {
          organisation,
          categoryId: tenant.categories.potholes ?? "",
          description: "Sähköpostilla tullut",
          channel: "email",
          language: "fi",
          extraFields: {},
          wantsReply: true,
          contact: { email },
          eventData,
        },
        actor,
        undefined,
        seal,
      );
    const auto = await ticket(robot, { email: { messageId: "<auto-1@lomavastaaja.example>", noAutoReply: true } });
    const human = await ticket(person, { email: { messageId: "<viesti-1@asukas.example>" } });
    t.ctx.jobs.nudge();
    const [mail] = await sink.mailsTo(person);
    expect(mail?.parsed.inReplyTo).toBe("<viesti-1@asukas.example>");
    expect(mail?.parsed.references).toBe("<viesti-1@asukas.example>");
    expect(mail?.parsed.text).toContain(`${PUBLIC_URL}/${tenant.slug}/track/${human.trackingToken}`);
    // The automatic email's ticket came first, so the relay has passed it: it made no email.
    const rows = await t.ctx.db.select().from(emailDeliveries).where(eq(emailDeliveries.ticketId, auto.ticket.id));
    expect(rows).toEqual([]);
    expect(sink.received.filter((m) => m.to.includes(robot))).toEqual([]);
    // A later reply to it is sent: only automatic confirmations are held back.
    await admin.post(`/api/staff/tickets/${auto.ticket.id}/replies`, { body: "Vastaus automaattiviestiin." });
    expect((await sink.mailsTo(robot))[0]?.parsed.subject).toBe(`Vastaus yhteydenottoosi [${auto.ticket.reference}]`);
  });

  it("signs with DKIM when configured, and never shows the key", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const { tenant, admin } = await setUp({ ...settings, dkim: { domain: "kaupunki.example", selector: "yhteys2026", privateKey: pem } });
    const shown = await admin.get(base);
    expect(shown.body).not.toContain("PRIVATE KEY");
    expect(shown.json()).toMatchObject({
      dkim: { domain: "kaupunki.example", selector: "yhteys2026", keySet: true },
      transportConfigured: true,
    });
    // Saving again without the key keeps it.
    const kept = await admin.put(base, { ...settings, dkim: { domain: "kaupunki.example", selector: "yhteys2026" } });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.body).not.toContain("PRIVATE KEY");
    const to = address("dkim");
    await submitContact(t.app, tenant, { contact: { email: to } });
    const [mail] = await sink.mailsTo(to);
    const signature = rawHeader(mail as ReceivedMail, "DKIM-Signature");
    expect(signature).toContain("d=kaupunki.example");
    expect(signature).toContain("s=yhteys2026");
    // Switched off: unsigned.
    await admin.put(base, { ...settings, dkim: null });
    expect((await admin.get(base)).json().dkim).toBeNull();
    await admin.post(`${base}/test`, { to });
    const [, test] = await sink.mailsTo(to, 2);
    expect(test?.parsed.subject).toBe("Testiviesti");
    expect(rawHeader(test as ReceivedMail, "DKIM-Signature")).toBeUndefined();
  });
});
