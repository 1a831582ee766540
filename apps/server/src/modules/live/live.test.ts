import type { LiveEvent } from "@yhteys/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/staff/live`;
});
afterAll(() => t.close());

/** Connects as a signed-in user and collects the events that arrive. */
async function connect(cookie: string) {
  const socket = new WebSocket(url, { headers: { cookie } });
  const events: LiveEvent[] = [];
  socket.on("message", (data) => events.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { socket, events };
}

const until = async (check: () => boolean, ms = 2000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("live updates", () => {
  it("pushes new and changed tickets to the staff who may see them, and only to them", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await connect((await signIn(t.app, tenant, "advisor")).cookie);
    const expert2 = await connect((await signIn(t.app, tenant, "expert2")).cookie);
    const otherTenant = await newTenant(t.ctx);
    const outsider = await connect((await signIn(t.app, otherTenant, "advisor")).cookie);

    const sent = Date.now();
    const receipt = await submitContact(t.app, tenant); // streets: not expert2's group
    await until(() => advisor.events.length > 0);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(advisor.events[0]).toMatchObject({
      type: "ticket.created",
      reference: receipt.reference,
      state: "new",
      groupId: tenant.groups.streets,
    });

    const client = await signIn(t.app, tenant, "advisor");
    await client.post(`/api/staff/tickets/${advisor.events[0]?.ticketId}/forward`, { groupId: tenant.groups.green });
    await until(() => expert2.events.length > 0);
    expect(expert2.events[0]).toMatchObject({ type: "ticket.updated", groupId: tenant.groups.green });
    await until(() => advisor.events.length > 1);

    expect(expert2.events.map((e) => e.type)).toEqual(["ticket.updated"]);
    expect(outsider.events).toEqual([]);
    for (const c of [advisor, expert2, outsider]) c.socket.close();
  });

  it("refuses connections without a session", async () => {
    const socket = new WebSocket(url);
    const status = await new Promise<number>((resolve) => {
      socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.once("open", () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it("tells colleagues with the same ticket open who else is viewing or typing, never to those who may not read it", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant); // streets
    const advisorClient = await signIn(t.app, tenant, "advisor");
    const ticketId = (await advisorClient.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    const advisor = await connect(advisorClient.cookie);
    const expert = await connect((await signIn(t.app, tenant, "expert")).cookie);
    const outsider = await connect((await signIn(t.app, tenant, "expert2")).cookie);
    type Presence = { type: string; ticketId: string; others: { name: string; typing: boolean }[] };
    const presences = (events: unknown[]) => events.filter((e): e is Presence => (e as Presence).type === "presence");
    const say = (socket: WebSocket, ticket: string | null, typing = false) =>
      socket.send(JSON.stringify({ type: "presence", ticketId: ticket, typing }));

    say(advisor.socket, ticketId);
    await until(() => presences(advisor.events).length > 0);
    expect(presences(advisor.events).at(-1)?.others).toEqual([]);

    say(outsider.socket, ticketId); // not the outsider's to read: ignored
    say(expert.socket, ticketId, true);
    await until(() => presences(advisor.events).some((p) => p.others.length > 0));
    expect(presences(advisor.events).at(-1)?.others).toEqual([
      { userId: tenant.users.expert?.id, name: "Eero Asiantuntija", typing: true },
    ]);
    await until(() => presences(expert.events).length > 0);
    expect(
      presences(expert.events)
        .at(-1)
        ?.others.map((o) => o.name),
    ).toEqual(["Sanna Neuvoja"]);
    expect(presences(outsider.events)).toEqual([]);

    expert.socket.close();
    await until(() => presences(advisor.events).at(-1)?.others.length === 0);
    advisor.socket.close();
    outsider.socket.close();
  });
});
