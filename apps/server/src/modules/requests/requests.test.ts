import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const queueCount = async (client: Awaited<ReturnType<typeof signIn>>) =>
  (await client.get("/api/staff/queues")).json().items.find((q: { id: string }) => q.id === "requests")?.open;

describe("comment requests and information", () => {
  it("lets an expert ask a colleague of another group, who reads the ticket without the resident's details and answers once", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant, {
      wantsReply: true,
      contact: { email: "asukas@example.test", name: "Aino Asukas" },
    });
    const expert = await signIn(t.app, tenant, "expert");
    const colleague = await signIn(t.app, tenant, "expert2");
    const [ticket] = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
    expect((await colleague.get(`/api/staff/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect(await queueCount(colleague)).toBe(0);

    const asked = await expert.post(`/api/staff/tickets/${ticket.id}/requests`, {
      kind: "comment",
      toUserId: tenant.users.expert2?.id,
      message: "Onko puu kaatumisvaarassa?",
      dueOn: "2027-01-15",
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().requests).toMatchObject([
      {
        kind: "comment",
        requestedBy: "Eero Asiantuntija",
        to: { kind: "user", name: "Emma Asiantuntija" },
        dueOn: "2027-01-15",
        answer: null,
        mayAnswer: false,
      },
    ]);

    expect(await queueCount(colleague)).toBe(1);
    const inQueue = (await colleague.get("/api/staff/tickets?queue=requests")).json();
    expect(inQueue.items.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
    const read = (await colleague.get(`/api/staff/tickets/${ticket.id}`)).json();
    expect(read).toMatchObject({ customer: null, allowedActions: [], allowedStates: [] });
    expect(read.requests[0].mayAnswer).toBe(true);
    // Reading is not handling: the colleague cannot change the ticket.
    expect((await colleague.post(`/api/staff/tickets/${ticket.id}/notes`, { body: "x" })).statusCode).toBe(404);
    const requestId = read.requests[0].id;
    expect((await expert.post(`/api/staff/tickets/${ticket.id}/requests/${requestId}/answer`, { answer: "Itse vastaan" })).statusCode).toBe(
      403,
    );

    const answered = await colleague.post(`/api/staff/tickets/${ticket.id}/requests/${requestId}/answer`, {
      answer: "Puu on terve, ei vaaraa.",
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().requests[0]).toMatchObject({
      answer: "Puu on terve, ei vaaraa.",
      answeredBy: "Emma Asiantuntija",
      mayAnswer: false,
    });
    expect((await colleague.post(`/api/staff/tickets/${ticket.id}/requests/${requestId}/answer`, { answer: "Uudestaan" })).statusCode).toBe(
      409,
    );
    expect(await queueCount(colleague)).toBe(0);

    const history = (await expert.get(`/api/staff/tickets/${ticket.id}`)).json().history.map((e: { type: string }) => e.type);
    expect(history).toEqual(expect.arrayContaining(["ticket.comment_requested", "ticket.comment_answered"]));
  });

  it("sends a ticket to a group for information: it waits in their requests queue until one of them opens it", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [ticket] = (await advisor.get("/api/staff/tickets")).json().items;
    const sent = await advisor.post(`/api/staff/tickets/${ticket.id}/requests`, {
      kind: "information",
      toGroupId: tenant.groups.green,
      message: "Tiedoksi: sama alue kuin puistotyömaa.",
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const member = await signIn(t.app, tenant, "expert2");
    expect(await queueCount(member)).toBe(1);
    const read = (await member.get(`/api/staff/tickets/${ticket.id}`)).json();
    expect(read.requests[0]).toMatchObject({ kind: "information", to: { kind: "group" }, mayAnswer: false, answeredAt: null });
    expect(await queueCount(member)).toBe(0);
    // Still readable afterwards, and not answerable.
    expect((await member.get(`/api/staff/tickets/${ticket.id}`)).statusCode).toBe(200);
    expect(
      (await member.post(`/api/staff/tickets/${ticket.id}/requests/${read.requests[0].id}/answer`, { answer: "Kiitos" })).statusCode,
    ).toBe(409);
  });

  it("refuses requests without a recipient, without a due date, or to people who do not handle tickets", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [ticket] = (await advisor.get("/api/staff/tickets")).json().items;
    const url = `/api/staff/tickets/${ticket.id}/requests`;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "comment", toUserId: tenant.users.expert?.id, message: "?" }, "body.dueOn"],
      [{ kind: "information", message: "?" }, "body.toUserId"],
      [{ kind: "information", toUserId: tenant.users.expert?.id, toGroupId: tenant.groups.green, message: "?" }, "body.toUserId"],
      [{ kind: "information", toUserId: tenant.users.partner?.id, message: "?" }, "toUserId"],
      [{ kind: "information", toGroupId: (await newTenant(t.ctx)).groups.green, message: "?" }, "toGroupId"],
    ];
    for (const [body, path] of cases) {
      const res = await advisor.post(url, body);
      expect(res.statusCode, `${path} ${res.body}`).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});
