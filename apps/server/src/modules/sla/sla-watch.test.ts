import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";
import { tickets } from "../../db/schema.ts";
import { watchSla } from "./sla-watch.ts";

let t: TestApp;
// Background work on: the app starts the job runner, the outbox relays and the SLA watch.
beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "50" });
});
afterAll(() => t.close());

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);

describe("the SLA watch", () => {
  it("announces a missed target once, notifies the handler, skips paused tickets, and is re-armed by new due times", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const receipts = [await submitContact(t.app, tenant), await submitContact(t.app, tenant), await submitContact(t.app, tenant)];
    const ids: string[] = [];
    for (const r of receipts) ids.push((await advisor.get(`/api/staff/tickets?q=${r.reference}`)).json().items[0].id);
    const [late, near, waiting] = ids as [string, string, string];
    await advisor.post(`/api/staff/tickets/${late}/forward`, { handlerId: tenant.users.expert?.id });
    await advisor.post(`/api/staff/tickets/${waiting}/state`, { state: "waiting_for_customer" });
    // The clock of the test cannot move: the due times are written directly.
    await t.ctx.db
      .update(tickets)
      .set({ firstResponseDueAt: hoursFromNow(-1) })
      .where(eq(tickets.id, late));
    await t.ctx.db
      .update(tickets)
      .set({ firstResponseDueAt: hoursFromNow(1) })
      .where(eq(tickets.id, near));
    await t.ctx.db
      .update(tickets)
      .set({ firstResponseDueAt: hoursFromNow(-1) })
      .where(eq(tickets.id, waiting));

    // The background watch may get there first: whoever does, each is announced once.
    const announced = async (id: string) =>
      ((await advisor.get(`/api/staff/tickets/${id}`)).json().history as { type: string }[]).filter((e) =>
        e.type.startsWith("ticket.sla_"),
      );
    await watchSla(t.ctx.db, { organisationId: tenant.id });
    await watchSla(t.ctx.db, { organisationId: tenant.id });
    expect(await announced(late)).toMatchObject([{ type: "ticket.sla_breached", actorKind: "system", data: { target: "first_response" } }]);
    expect((await announced(near)).map((e) => e.type)).toEqual(["ticket.sla_warning"]);
    expect(await announced(waiting)).toEqual([]);

    const expert = await signIn(t.app, tenant, "expert");
    const notified = await waitFor(
      async () => (await expert.get("/api/staff/notifications")).json().items as { kind: string }[],
      (items) => items.some((n) => n.kind === "sla_breached"),
    );
    expect(notified.map((n) => n.kind)).toContain("sla_breached");

    // A new priority gives new due times (in the future): nothing to announce, and the ticket is watched again.
    await advisor.patch(`/api/staff/tickets/${late}`, { priority: "high" });
    const [row] = await t.ctx.db.select().from(tickets).where(eq(tickets.id, late));
    expect(row).toMatchObject({ slaBreachedAt: null, slaWarnedAt: null });
    expect(await watchSla(t.ctx.db, { organisationId: tenant.id })).toEqual([]);
  });
});
