import { WebhookPayload } from "@yhteys/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";
import { type Received, startReceiver } from "../../../test/webhook-receiver.ts";
import { isNonPublicAddress, postJson, refusedHost } from "./webhook-http.ts";
import { verifyWebhookSignature } from "./webhook-signature.ts";

let t: TestApp;
const MAX_ATTEMPTS = 4;
beforeAll(async () => {
  // Fast retries: 50, 100, 200 ms (with jitter) between the four attempts.
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "100", WEBHOOK_RETRY_BASE_MS: "50", WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
});
afterAll(() => t.close());

const base = "/api/staff/admin/webhooks";

async function setUp(url: string, body: Record<string, unknown> = {}) {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const created = await admin.post(base, { url, description: "Kaupungin integraatioalusta", ...body });
  expect(created.statusCode, created.body).toBe(201);
  return { tenant, admin, subscription: created.json() as { id: string; secret: string } };
}

const ticketIdOf = async (admin: Client, reference: string) =>
  (await admin.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
const deliveriesOf = async (admin: Client, subscriptionId: string) =>
  (await admin.get(`${base}/${subscriptionId}/deliveries`)).json().items;

describe("webhook deliveries", () => {
  it("POSTs each event in order, signed with the secret, with no personal data of the resident", async () => {
    const receiver = await startReceiver();
    const { tenant, admin, subscription } = await setUp(receiver.url);
    expect(subscription.secret).toMatch(/^whsec_/);
    // A second subscription that wants state changes only.
    const states = await startReceiver();
    await admin.post(base, { url: states.url, eventTypes: ["ticket.state_changed"] });
    const listed = await admin.get(base);
    expect(listed.body).not.toContain(subscription.secret);
    expect(listed.json().items[0]).toMatchObject({ url: receiver.url, active: true, createdBy: { name: expect.any(String) } });

    const { reference } = await submitContact(t.app, tenant, {
      description: "Katuvalo rikki kotini edessä, soittakaa",
      wantsReply: true,
      contact: { name: "Aino Asukas", email: "aino@example.test", phone: "+358 40 765 4321" },
    });
    const ticketId = await ticketIdOf(admin, reference);
    expect((await admin.post(`/api/staff/tickets/${ticketId}/state`, { state: "in_progress" })).statusCode).toBe(200);
    await admin.post(`/api/staff/tickets/${ticketId}/notes`, { body: "Sisäinen huomio" });
    expect((await admin.post(`/api/staff/tickets/${ticketId}/state`, { state: "resolved" })).statusCode).toBe(200);

    const got = await waitFor(
      () => receiver.received,
      (r) => r.length >= 4,
    );
    expect(got.map((r) => r.headers["yhteys-event"])).toEqual([
      "ticket.created",
      "ticket.state_changed",
      "ticket.noted",
      "ticket.state_changed",
    ]);
    const now = Math.floor(Date.now() / 1000);
    for (const request of got) {
      expect(verifyWebhookSignature(subscription.secret, String(request.headers["yhteys-signature"]), request.body, now)).toBe(true);
      expect(verifyWebhookSignature("whsec_wrong", String(request.headers["yhteys-signature"]), request.body, now)).toBe(false);
      expect(verifyWebhookSignature(subscription.secret, String(request.headers["yhteys-signature"]), `${request.body} `, now)).toBe(false);
      expect(request.body).not.toMatch(/Aino|aino@|765 4321|Katuvalo|kotini/);
      expect(request.headers["yhteys-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Old signatures are refused (replay).
    const first = got[0] as Received;
    expect(verifyWebhookSignature(subscription.secret, String(first.headers["yhteys-signature"]), first.body, now + 3600)).toBe(false);
    const payloads = got.map((r) => WebhookPayload.parse(JSON.parse(r.body)));
    expect(payloads[0]).toMatchObject({
      type: "ticket.created",
      organisation: { id: tenant.id, slug: tenant.slug },
      ticket: { id: ticketId, reference },
    });
    const ids = payloads.map((p) => Number(p.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const onlyStates = await waitFor(
      () => states.received,
      (r) => r.length >= 2,
    );
    expect(onlyStates.map((r) => r.headers["yhteys-event"])).toEqual(["ticket.state_changed", "ticket.state_changed"]);
    // The receiver has the request a moment before the worker records the answer.
    const deliveries = await waitFor(
      () => deliveriesOf(admin, subscription.id),
      (d) => d.every((x: { state: string }) => x.state === "delivered"),
    );
    expect(deliveries).toHaveLength(4);
    expect(deliveries.every((d: { state: string; attempts: number }) => d.state === "delivered" && d.attempts === 1)).toBe(true);
    await Promise.all([receiver.close(), states.close()]);
  });

  it("retries a delivery the receiver failed (HTTP 500) and delivers it once", async () => {
    const receiver = await startReceiver((_r, i) => (i === 0 ? { status: 500, body: "x".repeat(3000) } : { status: 204 }));
    const { tenant, admin, subscription } = await setUp(receiver.url);
    await submitContact(t.app, tenant);
    const [delivery] = await waitFor(
      () => deliveriesOf(admin, subscription.id),
      (d) => d[0]?.state === "delivered",
    );
    expect(receiver.received).toHaveLength(2);
    expect(receiver.accepted.size).toBe(1);
    expect(receiver.received[0]?.headers["yhteys-delivery"]).toBe(receiver.received[1]?.headers["yhteys-delivery"]);
    expect(receiver.received[0]?.body).toBe(receiver.received[1]?.body);
    expect(delivery).toMatchObject({ state: "delivered", attempts: 2, lastStatusCode: 204, lastError: null });
    expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 204]);
    expect(delivery.attemptLog[0].responseBody).toHaveLength(1024);
    expect(delivery.attemptLog[0].error).toBeNull();
    await receiver.close();
  });

  it("dead-letters a delivery after the last attempt when the receiver is down, and sends it again on request", async () => {
    const down = await startReceiver();
    const deadUrl = down.url;
    await down.close();
    const { tenant, admin, subscription } = await setUp(deadUrl);
    await submitContact(t.app, tenant);
    const dead = await waitFor(
      async () => (await admin.get(`${base}/dead-letters`)).json().items,
      (items) => items.length === 1,
    );
    expect(dead[0]).toMatchObject({ state: "dead", attempts: MAX_ATTEMPTS, subscriptionId: subscription.id, lastStatusCode: null });
    expect(dead[0].attemptLog).toHaveLength(MAX_ATTEMPTS);
    expect(dead[0].attemptLog[0].error).toMatch(/ECONNREFUSED/);
    // Retrying what is not dead is refused.
    expect((await admin.post(`${base}/deliveries/${dead[0].id}/retry`)).statusCode).toBe(202);
    expect((await admin.post(`${base}/deliveries/${dead[0].id}/retry`)).statusCode).toBe(409);
    await waitFor(
      async () => (await admin.get(`${base}/dead-letters`)).json().items,
      (items) => items.length === 1,
    );

    // The receiver is back at a new address: the admin points the subscription there and retries.
    const receiver = await startReceiver();
    expect((await admin.patch(`${base}/${subscription.id}`, { url: receiver.url })).statusCode).toBe(200);
    const retried = await admin.post(`${base}/deliveries/${dead[0].id}/retry`);
    expect(retried.json()).toMatchObject({ state: "pending" });
    const [delivered] = await waitFor(
      () => deliveriesOf(admin, subscription.id),
      (d) => d[0]?.state === "delivered",
    );
    expect(delivered.attempts).toBe(2 * MAX_ATTEMPTS + 1);
    expect(receiver.accepted.size).toBe(1);
    expect((await admin.get(`${base}/dead-letters`)).json().items).toEqual([]);
    await receiver.close();
  });

  it("sends a test ping, also before the subscription is switched on; inactive subscriptions get no events", async () => {
    const receiver = await startReceiver();
    const { tenant, admin, subscription } = await setUp(receiver.url, { active: false });
    await submitContact(t.app, tenant);
    const ping = await admin.post(`${base}/${subscription.id}/ping`);
    expect(ping.statusCode).toBe(202);
    const [request] = await waitFor(
      () => receiver.received,
      (r) => r.length >= 1,
    );
    expect(request?.headers["yhteys-event"]).toBe("webhook.ping");
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({ type: "webhook.ping", ticket: null, organisation: { id: tenant.id } });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
    expect((await admin.request({ method: "DELETE", url: `${base}/${subscription.id}` })).statusCode).toBe(204);
    expect((await admin.get(base)).json().items).toEqual([]);
    expect((await admin.request({ method: "DELETE", url: `${base}/${subscription.id}` })).statusCode).toBe(404);
    await receiver.close();
  });

  it("validates subscriptions: http(s) only, no credentials in the address, known event types", async () => {
    const { admin } = await setUp("https://integraatiot.example.test/yhteys");
    for (const body of [
      { url: "ftp://example.test/x" },
      { url: "javascript:alert(1)" },
      { url: "https://user:pass@example.test/x" },
      { url: "https://example.test/x", eventTypes: ["ticket.deleted"] },
    ])
      expect((await admin.post(base, body)).statusCode, JSON.stringify(body)).toBe(400);
    expect((await admin.patch(`${base}/00000000-0000-4000-8000-000000000000`, { active: false })).statusCode).toBe(404);
  });
});

describe("receiver addresses", () => {
  it("knows loopback, private, link-local and other non-public addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ])
      expect(isNonPublicAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "193.166.3.1", "2001:4860:4860::8888"]) expect(isNonPublicAddress(ip), ip).toBe(false);
    expect(refusedHost(new URL("http://localhost:8080/x"))).not.toBeNull();
    expect(refusedHost(new URL("http://[::1]/x"))).not.toBeNull();
    expect(refusedHost(new URL("https://integraatiot.tampere.fi/x"))).toBeNull();
  });

  it("refuses to send to loopback unless private addresses are allowed", async () => {
    const receiver = await startReceiver();
    const refused = await postJson(receiver.url, "{}", {}, { timeoutMs: 1000, allowPrivate: false });
    expect(refused).toMatchObject({ statusCode: null, error: expect.stringMatching(/refused/) });
    expect(receiver.received).toHaveLength(0);
    const sent = await postJson(receiver.url, "{}", {}, { timeoutMs: 1000, allowPrivate: true });
    expect(sent.statusCode).toBe(200);
    await receiver.close();
  });
});
