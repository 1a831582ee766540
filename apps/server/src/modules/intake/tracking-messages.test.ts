import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";

let t: TestApp;
// Background work on: the notifications consumer tells the handler of the message.
beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "50" });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof newTenant>>;

async function contactOf(tenant: Tenant) {
  const receipt = await submitContact(t.app, tenant);
  const advisor = await signIn(t.app, tenant, "advisor");
  const [ticket] = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
  const send = (body: unknown, key?: string, token = receipt.trackingToken) =>
    t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${token}/messages`,
      headers: key ? { "idempotency-key": key } : {},
      payload: body as Record<string, unknown>,
    });
  const tracked = async () =>
    (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` })).json();
  return { receipt, advisor, id: ticket.id as string, send, tracked };
}

const setState = async (staff: Client, id: string, state: string) =>
  expect((await staff.post(`/api/staff/tickets/${id}/state`, { state })).statusCode).toBe(200);

describe("the resident's messages on the tracking page", () => {
  it("reopen a resolved contact, show on the tracking page and in the staff view, and tell the handler", async () => {
    const tenant = await newTenant(t.ctx);
    const { advisor, id, send, tracked } = await contactOf(tenant);
    const expert = await signIn(t.app, tenant, "expert");
    await advisor.post(`/api/staff/tickets/${id}/forward`, { handlerId: tenant.users.expert?.id });
    await setState(expert, id, "resolved");

    const res = await send({ body: "  Kuoppa on edelleen auki ja syvenee.  " });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      message: { from: "resident", body: "Kuoppa on edelleen auki ja syvenee.", html: null },
      state: "in_progress",
      reopened: true,
    });

    const contact = await tracked();
    expect(contact.state).toBe("in_progress");
    expect(contact.messages).toContainEqual(expect.objectContaining({ from: "resident", body: "Kuoppa on edelleen auki ja syvenee." }));
    expect(contact.timeline.at(-1).state).toBe("in_progress");

    const detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.state).toBe("in_progress");
    expect(detail.resolvedAt ?? null).toBeNull();
    expect(detail.messages).toContainEqual(expect.objectContaining({ kind: "resident", body: "Kuoppa on edelleen auki ja syvenee." }));
    const history = detail.history as { type: string; actorKind: string; data: Record<string, unknown> }[];
    expect(history).toContainEqual(
      expect.objectContaining({
        type: "ticket.resident_message",
        actorKind: "resident",
        data: expect.objectContaining({ channel: "web" }),
      }),
    );
    expect(history).toContainEqual(
      expect.objectContaining({ type: "ticket.state_changed", data: { from: "resolved", to: "in_progress", reason: "resident message" } }),
    );

    const notified = await waitFor(
      async () => (await expert.get("/api/staff/notifications")).json() as { items: { kind: string; ticket: { reference: string } }[] },
      (l) => l.items.some((n) => n.kind === "resident_message"),
    );
    expect(notified.items.find((n) => n.kind === "resident_message")?.ticket.reference).toBe(detail.reference);
  });

  it("bring a contact waiting for the resident back to handling, and leave one in handling as it is", async () => {
    const tenant = await newTenant(t.ctx);
    const { advisor, id, send } = await contactOf(tenant);
    await setState(advisor, id, "waiting_for_customer");
    expect((await send({ body: "Tässä pyytämänne lisätieto." })).json()).toMatchObject({ state: "in_progress", reopened: true });
    expect((await advisor.get(`/api/staff/tickets/${id}`)).json().state).toBe("in_progress");

    expect((await send({ body: "Vielä yksi asia." })).json()).toMatchObject({ state: "in_progress", reopened: false });
    const history = (await advisor.get(`/api/staff/tickets/${id}`)).json().history as { type: string }[];
    expect(history.filter((e) => e.type === "ticket.resident_message")).toHaveLength(2);
    expect(history.filter((e) => e.type === "ticket.state_changed")).toHaveLength(2);
  });

  it("write one message for a retried send with the same Idempotency-Key", async () => {
    const tenant = await newTenant(t.ctx);
    const { advisor, id, send, tracked } = await contactOf(tenant);
    await setState(advisor, id, "resolved");
    const [a, b] = await Promise.all([send({ body: "Sama viesti" }, "reply-key-0001"), send({ body: "Sama viesti" }, "reply-key-0001")]);
    const c = await send({ body: "Sama viesti" }, "reply-key-0001");
    expect([a.statusCode, b.statusCode, c.statusCode].sort()).toEqual([200, 200, 201]);
    expect(c.json()).toEqual(a.json());
    expect((await tracked()).messages.filter((m: { from: string }) => m.from === "resident")).toHaveLength(1);
    const history = (await advisor.get(`/api/staff/tickets/${id}`)).json().history as { type: string }[];
    expect(history.filter((e) => e.type === "ticket.state_changed")).toHaveLength(2);

    const other = await send({ body: "Eri viesti" }, "reply-key-0001");
    expect(other.statusCode).toBe(422);
    expect(other.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuse bad input, unknown tokens and merged contacts with problem+json", async () => {
    const tenant = await newTenant(t.ctx);
    const { advisor, id, send, receipt } = await contactOf(tenant);
    for (const body of [{}, { body: "" }, { body: "   " }, { body: "x".repeat(5001) }, { body: 42 }]) {
      const res = await send(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["body.body"]);
    }
    expect((await send({ body: "x".repeat(5000) })).statusCode).toBe(201);

    const unknown = await send({ body: "Hei" }, undefined, "A".repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");

    const other = await newTenant(t.ctx);
    const elsewhere = await t.app.inject({
      method: "POST",
      url: `/api/public/${other.slug}/contacts/${receipt.trackingToken}/messages`,
      payload: { body: "Hei" },
    });
    expect(elsewhere.statusCode).toBe(404);

    const target = await submitContact(t.app, tenant, { description: "Sama kuoppa toisen kertomana" });
    expect((await advisor.post(`/api/staff/tickets/${id}/merge`, { reference: target.reference })).statusCode).toBe(200);
    const merged = await send({ body: "Vielä tästä" });
    expect(merged.statusCode).toBe(409);
    expect(merged.headers["content-type"]).toContain("application/problem+json");
    expect(merged.json()).toMatchObject({ code: "contact_merged" });
    expect(merged.json().detail).toContain(target.reference);
  });

  it("are rate-limited per client", async () => {
    const limited = await startTestApp({ PUBLIC_RATE_LIMIT: "2" });
    try {
      const url = `/api/public/x/contacts/${"A".repeat(43)}/messages`;
      const sendFrom = (remoteAddress: string) => limited.app.inject({ method: "POST", url, payload: { body: "Hei" }, remoteAddress });
      const codes = [(await sendFrom("203.0.113.9")).statusCode, (await sendFrom("203.0.113.9")).statusCode];
      const throttled = await sendFrom("203.0.113.9");
      expect(codes).toEqual([404, 404]);
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers["content-type"]).toContain("application/problem+json");
      expect(throttled.json()).toMatchObject({ code: "rate_limited" });
      expect((await sendFrom("203.0.113.10")).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});
