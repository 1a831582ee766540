import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { tickets } from "../../db/schema.ts";
import { demoCalendar } from "../demo/demo-catalogue.ts";
import { addBusinessMinutes, businessMinutesBetween } from "./calendar.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const iso = (d: Date) => d.toISOString();

describe("service-level targets on tickets", () => {
  it("sets due times in working hours from the policy, recomputes them when the priority changes, and marks a reply as met", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [row] = (await advisor.get("/api/staff/tickets")).json().items;
    const created = new Date(row.createdAt);
    // The demo default: first response in 2 working days (960 min), resolution in 10 (4 800 min).
    expect(row.sla).toEqual({
      firstResponse: { dueAt: iso(addBusinessMinutes(demoCalendar, created, 960)), status: "ok" },
      resolution: { dueAt: iso(addBusinessMinutes(demoCalendar, created, 4800)), status: "ok" },
      paused: false,
    });

    expect((await advisor.patch(`/api/staff/tickets/${row.id}`, { priority: "urgent" })).statusCode).toBe(200);
    const urgent = (await advisor.get(`/api/staff/tickets/${row.id}`)).json();
    expect(urgent.sla.firstResponse.dueAt).toBe(iso(addBusinessMinutes(demoCalendar, created, 120)));
    expect(urgent.sla.resolution.dueAt).toBe(iso(addBusinessMinutes(demoCalendar, created, 480)));

    await expect((await advisor.post(`/api/staff/tickets/${row.id}/replies`, { body: "Korjataan tällä viikolla." })).statusCode).toBe(200);
    expect((await advisor.get(`/api/staff/tickets/${row.id}`)).json().sla.firstResponse.status).toBe("met");
  });

  it("stops the clocks while waiting for the customer and moves the due times on by the working time waited", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [row] = (await advisor.get("/api/staff/tickets")).json().items;
    expect((await advisor.post(`/api/staff/tickets/${row.id}/state`, { state: "waiting_for_customer" })).statusCode).toBe(200);
    const waiting = (await advisor.get(`/api/staff/tickets/${row.id}`)).json();
    expect(waiting.sla.paused).toBe(true);
    expect(waiting.sla.resolution.dueAt).toBe(row.sla.resolution.dueAt);

    // The wait began three days ago (written directly: the clock of the test cannot be moved).
    const pausedAt = new Date(Date.now() - 3 * 86_400_000);
    await t.ctx.db.update(tickets).set({ slaPausedAt: pausedAt }).where(eq(tickets.id, row.id));
    await advisor.post(`/api/staff/tickets/${row.id}/state`, { state: "in_progress" });
    const resumed = (await advisor.get(`/api/staff/tickets/${row.id}`)).json();
    const resumedAt = new Date(resumed.updatedAt);
    const waited = businessMinutesBetween(demoCalendar, pausedAt, resumedAt);
    expect(waited).toBeGreaterThan(0);
    expect(resumed.sla.paused).toBe(false);
    // Computed with the server's own moment of resuming, which is within the request: a minute of slack.
    const expected = addBusinessMinutes(demoCalendar, new Date(row.sla.resolution.dueAt), waited).getTime();
    expect(Math.abs(new Date(resumed.sla.resolution.dueAt).getTime() - expected)).toBeLessThan(60_000);
  });

  it("lists breached and warning tickets with the sla filter", async () => {
    const tenant = await newTenant(t.ctx);
    const late = await submitContact(t.app, tenant, { description: "Myöhässä" });
    const soon = await submitContact(t.app, tenant, { description: "Pian erääntyvä" });
    await submitContact(t.app, tenant, { description: "Ajallaan" });
    const setDue = (reference: string, offset: string) =>
      t.ctx.db.execute(sql`UPDATE tickets SET first_response_due_at = now() + ${offset}::interval WHERE reference = ${reference}`);
    await setDue(late.reference, "-1 hour");
    await setDue(soon.reference, "1 hour");
    const advisor = await signIn(t.app, tenant, "advisor");
    const refs = async (status: string) =>
      (await advisor.get(`/api/staff/tickets?sla=${status}`)).json().items.map((i: { reference: string }) => i.reference);
    expect(await refs("breached")).toEqual([late.reference]);
    expect(await refs("warning")).toEqual([soon.reference]);
    const lateRow = (await advisor.get("/api/staff/tickets?sla=breached")).json().items[0];
    expect(lateRow.sla.firstResponse.status).toBe("breached");
    expect((await advisor.get("/api/staff/tickets?sla=late")).statusCode).toBe(400);
  });
});
