import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { normalisePhone } from "./phone.service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function setUp(permissions: string[] = ["telephony"]) {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const created = await admin.post("/api/staff/admin/api-clients", {
    name: "Contact centre",
    permissions,
    defaultCategoryId: tenant.categories["customer-service"],
  });
  expect(created.statusCode, created.body).toBe(201);
  const key = created.json().apiKey as string;
  const send = (path: string, payload: object, bearer = key) =>
    t.app.inject({ method: "POST", url: `/api/telephony/${path}`, headers: { authorization: `Bearer ${bearer}` }, payload });
  return { tenant, admin, key, send };
}

const call = (callId: string, extra: Record<string, unknown> = {}) => ({
  callId,
  callerNumber: "040 123 4567",
  queue: "Neuvonta",
  agent: "agent-7",
  startedAt: "2026-11-30T08:00:00Z",
  endedAt: "2026-11-30T08:04:30Z",
  transcript: "Hei, katuvalo on rikki Hämeenkadulla.",
  ...extra,
});

const detail = async (admin: Client, id: string) => (await admin.get(`/api/staff/tickets/${id}`)).json();

describe("telephony", () => {
  it("normalises numbers so that spacing and the national prefix do not matter", () => {
    expect(normalisePhone("040 123 4567")).toBe("+358401234567");
    expect(normalisePhone("+358 (40) 123-4567")).toBe("+358401234567");
    expect(normalisePhone("00358401234567")).toBe("+358401234567");
  });

  it("makes a call a phone ticket, joins the next call from the same number, and is idempotent by call id", async () => {
    const { admin, send } = await setUp();
    const first = await send("calls", call("c-1"));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ outcome: "created", replayed: false });
    const ticketId = first.json().ticketId as string;

    const again = await send("calls", call("c-1", { transcript: "something else" }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ ticketId, outcome: "created", replayed: true });

    const second = await send("calls", call("c-2", { callerNumber: "+358401234567", transcript: "Soitan uudelleen samasta asiasta." }));
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ ticketId, outcome: "joined" });

    const ticket = await detail(admin, ticketId);
    expect(ticket).toMatchObject({ channel: "phone", description: "Hei, katuvalo on rikki Hämeenkadulla." });
    expect(ticket.customer?.phone).toBe("040 123 4567");
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual(["Soitan uudelleen samasta asiasta."]);
    const calls = ticket.history.filter((e: { type: string }) => e.type === "ticket.phone_call");
    expect(calls.map((e: { data: { callId: string; queue: string } }) => [e.data.callId, e.data.queue])).toEqual([
      ["c-1", "Neuvonta"],
      ["c-2", "Neuvonta"],
    ]);

    // Once the ticket is finished, the next call makes a new ticket.
    expect((await admin.post(`/api/staff/tickets/${ticketId}/state`, { state: "resolved" })).statusCode).toBe(200);
    const third = await send("calls", call("c-3"));
    expect(third.json()).toMatchObject({ outcome: "created" });
    expect(third.json().ticketId).not.toBe(ticketId);
    // Another number never joins.
    const other = await send("calls", call("c-4", { callerNumber: "050 999 8888" }));
    expect(other.json().ticketId).not.toBe(third.json().ticketId);
  });

  it("answers concurrent deliveries of one call with one ticket", async () => {
    const { admin, send } = await setUp();
    const answers = await Promise.all([1, 2, 3, 4].map(() => send("calls", call("same", { callerNumber: "044 555 0000" }))));
    expect(new Set(answers.map((a) => a.json().ticketId)).size).toBe(1);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    const list = await admin.get("/api/staff/tickets?channel=phone");
    expect(list.json().items).toHaveLength(1);
  });

  it("refuses a missing key, a wrong key and a key without the telephony permission, and bad input as problem+json", async () => {
    const { send, key } = await setUp();
    const noKey = await t.app.inject({ method: "POST", url: "/api/telephony/calls", payload: call("x") });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.headers["content-type"]).toContain("application/problem+json");
    expect((await send("calls", call("x"), "wrong-key")).statusCode).toBe(401);
    const open311Only = await setUp([]);
    const refused = await open311Only.send("calls", call("x"));
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");

    const bad = await send("calls", { callId: "y", callerNumber: "not a number", startedAt: "yesterday" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(" "),
    ).toMatch(/callerNumber/);
    const backwards = await send("calls", call("z", { endedAt: "2026-11-30T07:00:00Z" }));
    expect(backwards.statusCode).toBe(400);
    const unknownCategory = await send("calls", call("w", { categoryCode: "no-such" }));
    expect(unknownCategory.statusCode).toBe(400);
    expect(key).toBeTruthy();
  });

  it("puts callback requests in the callback queue by their window, and marks them called back", async () => {
    const { admin, send, tenant } = await setUp();
    const late = await send("callbacks", {
      requestId: "cb-1",
      phoneNumber: "040 111 2222",
      windowStart: "2026-12-01T12:00:00Z",
      windowEnd: "2026-12-01T14:00:00Z",
      topic: "Kysymys jätemaksusta",
    });
    expect(late.statusCode, late.body).toBe(201);
    const early = await send("callbacks", {
      requestId: "cb-2",
      phoneNumber: "040 333 4444",
      windowStart: "2026-12-01T08:00:00Z",
      windowEnd: "2026-12-01T10:00:00Z",
    });
    expect(
      (
        await send("callbacks", {
          requestId: "cb-2",
          phoneNumber: "040 333 4444",
          windowStart: "2026-12-01T08:00:00Z",
          windowEnd: "2026-12-01T10:00:00Z",
        })
      ).statusCode,
    ).toBe(200);
    const badWindow = await send("callbacks", {
      requestId: "cb-3",
      phoneNumber: "040 1",
      windowStart: "2026-12-01T10:00:00Z",
      windowEnd: "2026-12-01T09:00:00Z",
    });
    expect(badWindow.statusCode).toBe(400);

    const queue = await admin.get("/api/staff/callbacks");
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((c: { reference: string }) => c.reference)).toEqual([early.json().reference, late.json().reference]);
    expect(queue.json().items[1]).toMatchObject({ phoneNumber: "040 111 2222", topic: "Kysymys jätemaksusta", calledBackAt: null });
    const byEnd = await admin.get("/api/staff/callbacks?sort=-windowEnd");
    expect(byEnd.json().items[0].reference).toBe(late.json().reference);

    const done = await admin.post(`/api/staff/callbacks/${early.json().ticketId}/done`, {
      outcome: "reached",
      note: "Neuvottu puhelimessa",
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await admin.post(`/api/staff/callbacks/${early.json().ticketId}/done`, { outcome: "reached" })).statusCode).toBe(409);
    expect((await admin.post(`/api/staff/callbacks/${early.json().ticketId}/done`, { outcome: "maybe" })).statusCode).toBe(400);
    const open = await admin.get("/api/staff/callbacks");
    expect(open.json().items.map((c: { reference: string }) => c.reference)).toEqual([late.json().reference]);
    const finished = await admin.get("/api/staff/callbacks?status=done");
    expect(finished.json().items[0]).toMatchObject({ outcome: "reached" });
    const ticket = await detail(admin, early.json().ticketId);
    expect(ticket.history.some((e: { type: string }) => e.type === "ticket.callback_done")).toBe(true);

    // Roles without customer details have no callback queue; other organisations see nothing.
    const viewer = await signIn(t.app, tenant, "viewer");
    expect((await viewer.get("/api/staff/callbacks")).statusCode).toBe(403);
    const stranger = await signIn(t.app, await newTenant(t.ctx), "admin");
    expect((await stranger.get("/api/staff/callbacks")).json().items).toEqual([]);
    expect((await stranger.post(`/api/staff/callbacks/${late.json().ticketId}/done`, { outcome: "reached" })).statusCode).toBe(404);
  });

  it("lets only technical admins manage API clients", async () => {
    const { tenant } = await setUp();
    const advisor = await signIn(t.app, tenant, "advisor");
    expect((await advisor.get("/api/staff/admin/api-clients")).statusCode).toBe(403);
    expect((await advisor.post("/api/staff/admin/api-clients", { name: "x" })).statusCode).toBe(403);
    const admin = await signIn(t.app, tenant, "admin");
    const listed = await admin.get("/api/staff/admin/api-clients");
    expect(listed.body).not.toMatch(/apiKey|keyHash/);
    expect((await admin.post("/api/staff/admin/api-clients", { name: "x", permissions: ["root"] })).statusCode).toBe(400);
  });
});
