import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { roundTheClock } from "./calendar.fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const minutesAfter = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

describe("administering calendars and SLA policies", () => {
  it("gives a group its own calendar and a category its own targets, and new tickets follow both", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const created = await admin.post("/api/staff/admin/calendars", { name: { fi: "Päivystys" }, calendar: roundTheClock });
    expect(created.statusCode, created.body).toBe(201);
    const calendar = created.json();
    expect(calendar).toMatchObject({ isDefault: false, groupIds: [] });

    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    const assigned = await contentAdmin.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, { calendarId: calendar.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().calendarId).toBe(calendar.id);
    expect((await admin.get("/api/staff/admin/calendars")).json().items.find((c: { id: string }) => c.id === calendar.id).groupIds).toEqual(
      [tenant.groups.streets],
    );

    const policy = await admin.put("/api/staff/admin/sla-policies", {
      categoryId: tenant.categories.potholes,
      firstResponseMinutes: 30,
      resolutionMinutes: 90,
    });
    expect(policy.statusCode, policy.body).toBe(200);
    // Setting the same scope again replaces its targets instead of adding a second policy.
    const replaced = await admin.put("/api/staff/admin/sla-policies", {
      categoryId: tenant.categories.potholes,
      firstResponseMinutes: 60,
      resolutionMinutes: 120,
    });
    expect(replaced.json()).toMatchObject({ id: policy.json().id, firstResponseMinutes: 60, priority: null });
    const policies = (await admin.get("/api/staff/admin/sla-policies")).json().items;
    expect(policies.filter((p: { categoryId: string | null }) => p.categoryId === tenant.categories.potholes)).toHaveLength(1);
    expect(policies[0]).toMatchObject({ categoryId: null, priority: null });

    await submitContact(t.app, tenant);
    const [ticket] = (await admin.get("/api/staff/tickets")).json().items;
    expect(ticket.sla.firstResponse.dueAt).toBe(minutesAfter(ticket.createdAt, 60));
    expect(ticket.sla.resolution.dueAt).toBe(minutesAfter(ticket.createdAt, 120));

    expect((await admin.delete(`/api/staff/admin/sla-policies/${policy.json().id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/staff/admin/sla-policies/${policy.json().id}`)).statusCode).toBe(404);
    await submitContact(t.app, tenant);
    const [next] = (await admin.get("/api/staff/tickets")).json().items;
    // Back on the organisation's default: first response in 960 working minutes, here wall-clock.
    expect(next.sla.firstResponse.dueAt).toBe(minutesAfter(next.createdAt, 960));
  });

  it("shows a calendar's days with Finnish holidays and exceptions named", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const [demo] = (await admin.get("/api/staff/admin/calendars")).json().items;
    const changed = await admin.patch(`/api/staff/admin/calendars/${demo.id}`, {
      calendar: {
        ...demo.calendar,
        exceptions: [{ date: "2027-12-23", hours: [{ from: "08:00", to: "12:00" }], note: "Aattoa edeltävä" }],
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const days = (await admin.get(`/api/staff/admin/calendars/${demo.id}/days?from=2027-12-23&days=4`)).json().items;
    expect(days).toEqual([
      { date: "2027-12-23", hours: [{ from: "08:00", to: "12:00" }], holiday: null, exception: "Aattoa edeltävä" },
      { date: "2027-12-24", hours: [], holiday: expect.objectContaining({ fi: "Jouluaatto" }), exception: null },
      { date: "2027-12-25", hours: [], holiday: expect.objectContaining({ fi: "Joulupäivä" }), exception: null },
      { date: "2027-12-26", hours: [], holiday: expect.objectContaining({ en: "St Stephen's Day" }), exception: null },
    ]);
    const ordinary = (await admin.get(`/api/staff/admin/calendars/${demo.id}/days?from=2027-12-27&days=1`)).json().items[0];
    expect(ordinary).toEqual({ date: "2027-12-27", hours: [{ from: "08:00", to: "16:00" }], holiday: null, exception: null });
  });

  it("keeps one default calendar and refuses to delete a calendar in use, with clear answers", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const [demo] = (await admin.get("/api/staff/admin/calendars")).json().items;
    const unset = await admin.patch(`/api/staff/admin/calendars/${demo.id}`, { isDefault: false });
    expect(unset.statusCode).toBe(409);
    expect(unset.headers["content-type"]).toContain("application/problem+json");
    expect((await admin.delete(`/api/staff/admin/calendars/${demo.id}`)).statusCode).toBe(409);

    const other = (
      await admin.post("/api/staff/admin/calendars", { name: { fi: "Toinen" }, calendar: roundTheClock, isDefault: true })
    ).json();
    const calendars = (await admin.get("/api/staff/admin/calendars")).json().items;
    expect(calendars.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual([other.id]);

    await admin.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { calendarId: demo.id });
    const inUse = await admin.delete(`/api/staff/admin/calendars/${demo.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().detail).toMatch(/1 group/);
    await admin.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { calendarId: null });
    expect((await admin.delete(`/api/staff/admin/calendars/${demo.id}`)).statusCode).toBe(204);
  });

  it("answers bad calendars and targets with 400 problem details that name the field", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const cases: ["POST" | "PUT" | "PATCH", string, unknown, string][] = [
      [
        "POST",
        "/api/staff/admin/calendars",
        { name: { fi: "X" }, calendar: { weekly: { mon: [{ from: "16:00", to: "08:00" }] } } },
        "body.calendar.weekly.mon.0.to",
      ],
      [
        "POST",
        "/api/staff/admin/calendars",
        { name: { fi: "X" }, calendar: { weekly: { mon: [{ from: "8", to: "16:00" }] } } },
        "body.calendar.weekly.mon.0.from",
      ],
      ["PUT", "/api/staff/admin/sla-policies", { firstResponseMinutes: 120, resolutionMinutes: 60 }, "body.resolutionMinutes"],
      ["PUT", "/api/staff/admin/sla-policies", { firstResponseMinutes: 0, resolutionMinutes: 60 }, "body.firstResponseMinutes"],
      [
        "PUT",
        "/api/staff/admin/sla-policies",
        { categoryId: (await newTenant(t.ctx)).categories.potholes, firstResponseMinutes: 1, resolutionMinutes: 2 },
        "body.categoryId",
      ],
      [
        "PATCH",
        `/api/staff/admin/groups/${tenant.groups.green}`,
        { calendarId: "00000000-0000-4000-8000-000000000000" },
        "body.calendarId",
      ],
    ];
    for (const [method, url, payload, path] of cases) {
      const res = await admin.request({ method, url, payload: payload as object });
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});
