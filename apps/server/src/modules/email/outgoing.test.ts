import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "../../../test/smtp-sink.ts";
import { emailDeliveries } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { trackingTokenSeal } from "./outgoing-tokens.ts";

const PUBLIC_URL = "https://palaute.kaupunki.example";
const MAX_ATTEMPTS = 3;
let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  // Fast retries: 50, 100 ms (with jitter) between the three attempts.
  t = await startTestApp({
    JOBS: "on",
    JOBS_POLL_MS: "100",
    SMTP_URL: sink.url,
    PUBLIC_URL,
    EMAIL_RETRY_BASE_MS: "50",
    EMAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const base = "/api/staff/admin/mail";
const settings = { fromName: "Testilän kaupunki", fromAddress: "palaute@kaupunki.example", replyTo: "vastaukset@kaupunki.example" };
let counter = 0;
const address = (name: string) => `${name}.${Date.now().toString(36)}${counter++}@asukas.example`;

async function setUp(body: Record<string, unknown> = settings) {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const saved = await admin.put(base, body);
  expect(saved.statusCode, saved.body).toBe(200);
  return { tenant, admin };
}

const ticketIdOf = async (admin: Client, reference: string) =>
  (await admin.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
const header = (mail: ReceivedMail, name: string) => {
  const value = mail.parsed.headers.get(name);
  return typeof value === "string" ? value : JSON.stringify(value);
};
const rawHeader = (mail: ReceivedMail, name: string) =>
  mail.parsed.headerLines
    .find((h) => h.key === name.toLowerCase())
    ?.line.replace(/^[^:]+:\s*/, "")
    .replace(/\r?\n\s+/g, " ");
const historyOf = async (admin: Client, ticketId: string) =>
  (await admin.get(`/api/staff/tickets/${ticketId}`)).json().history as { type: string; data: Record<string, unknown> }[];
const deliveriesOf = async (admin: Client, state: "failed" | "all" = "all") =>
  (await admin.get(`${base}/deliveries?state=${state}`)).json().items as {
    id: string;
    state: string;
    attempts: number;
    kind: string;
    lastError: string | null;
    ticket: { reference: string } | null;
  }[];

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
    const sent = await deliveriesOf(admin);
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

describe("failures", () => {
  it("retries a temporary refusal with backoff and then delivers", async () => {
    const { tenant, admin } = await setUp();
    const to = address("hidas");
    sink.refuse(to, 451, 2);
    await submitContact(t.app, tenant, { contact: { email: to } });
    const [mail] = await sink.mailsTo(to);
    expect(mail).toBeDefined();
    expect(sink.refusals.get(to)).toBe(2);
    const [delivery] = await waitFor(
      () => deliveriesOf(admin),
      (items) => items[0]?.state === "sent",
    );
    expect(delivery).toMatchObject({ state: "sent", attempts: 3, lastError: null });
  });

  it("fails after the last attempt: an event in the ticket's history, the admin list, and a retry that sends it", async () => {
    const { tenant, admin } = await setUp();
    const to = address("tavoittamaton");
    sink.refuse(to, 451, MAX_ATTEMPTS);
    const receipt = await submitContact(t.app, tenant, { contact: { email: to } });
    const ticketId = await ticketIdOf(admin, receipt.reference);
    const history = await waitFor(
      () => historyOf(admin, ticketId),
      (h) => h.some((e) => e.type === "ticket.email_failed"),
    );
    expect(history.find((e) => e.type === "ticket.email_failed")?.data).toMatchObject({ kind: "confirmation", recipient: "resident" });
    expect(sink.refusals.get(to)).toBe(MAX_ATTEMPTS);
    const [failed] = await deliveriesOf(admin, "failed");
    expect(failed).toMatchObject({
      state: "failed",
      attempts: MAX_ATTEMPTS,
      kind: "confirmation",
      ticket: { reference: receipt.reference },
    });
    expect(failed?.lastError).toMatch(/try again later/);

    const retried = await admin.post(`${base}/deliveries/${failed?.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(202);
    expect((await sink.mailsTo(to))[0]?.parsed.subject).toContain(receipt.reference);
    expect((await admin.post(`${base}/deliveries/${failed?.id}/retry`)).statusCode).toBe(409);
  });

  it("fails at once on a permanent refusal, without the address in the error", async () => {
    const { tenant, admin } = await setUp();
    const to = address("eiole");
    sink.refuse(to, 550);
    await submitContact(t.app, tenant, { contact: { email: to } });
    const [failed] = await waitFor(
      () => deliveriesOf(admin, "failed"),
      (items) => items.length > 0,
    );
    expect(failed).toMatchObject({ state: "failed", attempts: 1 });
    expect(failed?.lastError).toContain("mailbox unavailable");
    expect(failed?.lastError).not.toContain(to);
    expect(sink.refusals.get(to)).toBe(1);
  });

  it("records emails as not sent when the organisation has no sender settings", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    expect((await admin.get(base)).json()).toMatchObject({ fromAddress: "", transportConfigured: true, dkim: null });
    const test = await admin.post(`${base}/test`, { to: "testi@kaupunki.example" });
    expect(test.statusCode).toBe(409);
    expect(test.headers["content-type"]).toContain("application/problem+json");
    await submitContact(t.app, tenant, { contact: { email: address("odottaja") } });
    const [item] = await waitFor(
      () => deliveriesOf(admin, "failed"),
      (items) => items.length > 0,
    );
    expect(item).toMatchObject({ state: "unconfigured", lastError: "the organisation has no sender settings", attempts: 0 });
  });
});

describe("the admin API", () => {
  it("is for technical admins only", async () => {
    const tenant = await newTenant(t.ctx);
    for (const role of ["contentadmin", "advisor", "expert"]) {
      const client = await signIn(t.app, tenant, role);
      for (const res of [
        await client.get(base),
        await client.put(base, settings),
        await client.post(`${base}/test`, { to: "x@kaupunki.example" }),
        await client.get(`${base}/deliveries`),
        await client.post(`${base}/deliveries/00000000-0000-4000-8000-000000000000/retry`),
      ]) {
        expect(res.statusCode, `${role} ${res.body}`).toBe(403);
        expect(res.headers["content-type"]).toContain("application/problem+json");
      }
    }
    expect((await t.app.inject({ method: "GET", url: base })).statusCode).toBe(401);
  });

  it("shows an installation without SMTP_URL as not sending: emails wait and are listed as not sent", async () => {
    const { tenant } = await setUp();
    // A second app on the same database, without a relay and without background work.
    const web = await startTestApp({ PUBLIC_URL }, t.ctx.database);
    try {
      const admin = await signIn(web.app, tenant, "admin");
      expect((await admin.get(base)).json()).toMatchObject({ transportConfigured: false, fromAddress: settings.fromAddress });
      const test = await admin.post(`${base}/test`, { to: "testi@kaupunki.example" });
      expect(test.statusCode).toBe(409);
      expect(test.json().detail).toContain("SMTP_URL");
      const id = (
        await t.ctx.db
          .insert(emailDeliveries)
          .values({ organisationId: tenant.id, kind: "test", language: "fi", testAddress: "x@kaupunki.example", messageId: "<t@k>" })
          .returning()
      )[0]?.id;
      const listed = (await admin.get(`${base}/deliveries`)).json().items;
      expect(listed).toEqual([expect.objectContaining({ id, state: "unconfigured", lastError: "SMTP_URL is not set" })]);
    } finally {
      await web.app.close();
    }
  });

  it("refuses bad input with problem+json", async () => {
    const { admin } = await setUp();
    for (const body of [
      { ...settings, fromAddress: "ei osoite" },
      { ...settings, fromName: "" },
      {
        ...settings,
        dkim: { domain: "kaupunki.example", selector: "s1", privateKey: "-----BEGIN PRIVATE KEY-----\nroskaa\n-----END PRIVATE KEY-----" },
      },
      { ...settings, dkim: { domain: "ei domain", selector: "s1", privateKey: "x" } },
      { ...settings, extra: true },
    ]) {
      const res = await admin.put(base, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.body).not.toContain("roskaa");
    }
    // DKIM on without any key stored.
    const noKey = await admin.put(base, { ...settings, dkim: { domain: "kaupunki.example", selector: "s1" } });
    expect(noKey.statusCode).toBe(400);
    expect((await admin.post(`${base}/test`, { to: "ei osoite" })).statusCode).toBe(400);
  });
});
