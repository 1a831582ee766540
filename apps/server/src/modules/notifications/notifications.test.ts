import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";

let t: TestApp;
// Background work on: the app starts the job runner, the outbox relays and the SLA watch.
beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "50" });
});
afterAll(() => t.close());

type List = {
  items: { kind: string; by: string | null; ticket: { reference: string }; id: string; readAt: string | null }[];
  unread: number;
};

describe("notifications", () => {
  it("tells people what concerns them — a ticket given to them, a request, its answer — and never of their own doing", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const advisor = await signIn(t.app, tenant, "advisor");
    const expert = await signIn(t.app, tenant, "expert");
    const colleague = await signIn(t.app, tenant, "expert2");
    const [ticket] = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
    const list = async (c: typeof advisor) => (await c.get("/api/staff/notifications")).json() as List;

    await advisor.post(`/api/staff/tickets/${ticket.id}/forward`, { handlerId: tenant.users.expert?.id });
    const assigned = await waitFor(
      () => list(expert),
      (l) => l.items.length > 0,
    );
    expect(assigned).toMatchObject({
      unread: 1,
      items: [{ kind: "assigned", by: "Sanna Neuvoja", ticket: { reference: receipt.reference }, readAt: null }],
    });

    await expert.post(`/api/staff/tickets/${ticket.id}/requests`, {
      kind: "comment",
      toUserId: tenant.users.expert2?.id,
      message: "Kommentoitko?",
      dueOn: "2027-02-01",
    });
    await expert.post(`/api/staff/tickets/${ticket.id}/requests`, {
      kind: "information",
      toGroupId: tenant.groups.green,
      message: "Tiedoksi",
    });
    const asked = await waitFor(
      () => list(colleague),
      (l) => l.items.length >= 2,
    );
    expect(asked.items.map((n) => n.kind).sort()).toEqual(["comment_requested", "information"]);

    const requestId = (await colleague.get(`/api/staff/tickets/${ticket.id}`)).json().requests[0].id;
    await colleague.post(`/api/staff/tickets/${ticket.id}/requests/${requestId}/answer`, { answer: "Kyllä" });
    const answered = await waitFor(
      () => list(expert),
      (l) => l.items.length >= 2,
    );
    expect(answered.items[0]).toMatchObject({ kind: "comment_answered", by: "Emma Asiantuntija" });
    // The advisor did all of their part themselves: nothing for them.
    expect((await list(advisor)).items).toEqual([]);

    // Marking read touches only one's own.
    const someoneElses = answered.items[0]?.id as string;
    await colleague.post("/api/staff/notifications/read", { ids: [someoneElses] });
    expect((await list(expert)).unread).toBe(2);
    const read = (await expert.post("/api/staff/notifications/read", { all: true })).json() as List;
    expect(read.unread).toBe(0);
    expect(read.items.every((n) => n.readAt !== null)).toBe(true);
  });
});
