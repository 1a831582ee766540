import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, waitFor } from "../../../test/harness.ts";
import { emailDeliveries } from "../../db/schema.ts";
import {
  address,
  base,
  deliveriesOf,
  historyOf,
  MAX_ATTEMPTS,
  PUBLIC_URL,
  settings,
  setUp,
  sink,
  t,
  ticketIdOf,
  useSmtpSink,
} from "./outgoing.fixture.ts";
import { emailDeliveryJob } from "./outgoing-delivery.ts";

useSmtpSink();

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
    expect(delivery).toMatchObject({ state: "sent", attempts: 3, lastError: null, failureReason: null });
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
      // Three attempts with backoff: on a loaded machine this takes more than the default 15 s.
      40_000,
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
    expect(failed?.failureReason).toBe("temporary");
    expect(history.find((e) => e.type === "ticket.email_failed")?.data).toMatchObject({ reason: "temporary" });

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
    expect(failed).toMatchObject({ state: "failed", attempts: 1, failureReason: "recipient_refused" });
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
    expect(item).toMatchObject({
      state: "unconfigured",
      lastError: "the organisation has no sender settings",
      failureReason: "no_sender",
      attempts: 0,
    });
  });
});

describe("failure reasons from a real SMTP server", () => {
  it.each([
    ["550 5.1.1 No such user here", "recipient_refused"],
    ["552 5.2.2 Mailbox full", "mailbox_full"],
  ])("a receiving server answering %s at RCPT TO fails the email as %s", async (reply, reason) => {
    const { tenant, admin } = await setUp();
    const to = address("vastaanottaja");
    sink.refuseRecipient(to, reply);
    await submitContact(t.app, tenant, { contact: { email: to } });
    const [failed] = await waitFor(
      () => deliveriesOf(admin, "failed"),
      (items) => items.length > 0,
    );
    expect(failed).toMatchObject({ state: "failed", attempts: 1, failureReason: reason });
    expect(failed?.lastError).toContain(reply);
    expect(failed?.lastError).not.toContain(to);
  });

  /** Runs the email job once against `smtpUrl` for a test email of a new organisation; returns its row. */
  async function sendOnceTo(smtpUrl: string) {
    const { tenant } = await setUp();
    // A delivery without a job: the file's app never claims it; this job alone sends it.
    const [row] = await t.ctx.db
      .insert(emailDeliveries)
      .values({ organisationId: tenant.id, kind: "test", language: "fi", testAddress: address("testi"), messageId: "<t@k>" })
      .returning();
    const job = emailDeliveryJob(t.ctx.db, { smtpUrl, retryBaseMs: 50, maxAttempts: 1, publicUrl: PUBLIC_URL, secret: "s" }, () => {});
    await job.run({ deliveryId: row?.id ?? "" }, { id: 0, organisationId: tenant.id, attempt: 1, maxAttempts: 1 });
    const [after] = await t.ctx.db
      .select()
      .from(emailDeliveries)
      .where(eq(emailDeliveries.id, row?.id ?? ""));
    return after;
  }

  it("classifies a refused connection (nothing listening on the relay's port)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await sendOnceTo(`smtp://127.0.0.1:${port}`)).toMatchObject({ state: "failed", failureReason: "connection_failed" });
  });

  it("classifies a TLS failure (smtps:// to a relay that speaks plain SMTP)", async () => {
    const port = new URL(sink.url).port;
    const row = await sendOnceTo(`smtps://127.0.0.1:${port}`);
    expect(row).toMatchObject({ state: "failed", failureReason: "tls" });
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
      expect(listed).toEqual([
        expect.objectContaining({ id, state: "unconfigured", lastError: "SMTP_URL is not set", failureReason: "no_relay" }),
      ]);
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
