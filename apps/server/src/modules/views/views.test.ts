import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("saved views", () => {
  it("saves a personal view with filters and counts it with the viewer's own rights", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant, { location: { lat: 61.45, lon: 23.85 } });
    await submitContact(t.app, tenant, { location: { lat: 61.45, lon: 23.85 } });
    await submitContact(t.app, tenant, { categoryId: tenant.categories.playgrounds });
    const advisor = await signIn(t.app, tenant, "advisor");
    const [first] = (await advisor.get(`/api/staff/tickets?areaId=${tenant.areas.hervanta}`)).json().items;
    await advisor.patch(`/api/staff/tickets/${first.id}`, { priority: "urgent" });

    const made = await advisor.post("/api/staff/views", {
      name: "Kiireelliset Hervannassa",
      filters: { state: ["new", "in_progress"], priority: ["urgent", "high"], areaId: tenant.areas.hervanta, handlerId: "none" },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ scope: "personal", group: null, count: 1, mayEdit: true });
    const view = made.json();
    // The same filters in the listing give the same tickets.
    const listed = (
      await advisor.get(`/api/staff/tickets?state=new,in_progress&priority=urgent,high&areaId=${tenant.areas.hervanta}&handlerId=none`)
    ).json();
    expect(listed.total).toBe(1);
    expect((await advisor.get("/api/staff/tickets?olderThanDays=1")).json().total).toBe(0);

    const renamed = await advisor.patch(`/api/staff/views/${view.id}`, { name: "Hervanta", filters: { areaId: tenant.areas.hervanta } });
    expect(renamed.json()).toMatchObject({ name: "Hervanta", count: 2 });
    // Personal views are the owner's only.
    const other = await signIn(t.app, tenant, "admin");
    expect((await other.get("/api/staff/views")).json().items).toEqual([]);
    const expert = await signIn(t.app, tenant, "expert");
    expect((await expert.patch(`/api/staff/views/${view.id}`, { name: "x" })).statusCode).toBe(404);
    expect((await advisor.delete(`/api/staff/views/${view.id}`)).statusCode).toBe(204);
    expect((await advisor.get("/api/staff/views")).json().items).toEqual([]);
  });

  it("shares a view with a group, whose members see it counted by their own rights, and only managers change it", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant);
    await submitContact(t.app, tenant, { categoryId: tenant.categories.playgrounds });
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    const shared = await contentAdmin.post("/api/staff/views", {
      name: "Katujen uudet",
      scope: "group",
      groupId: tenant.groups.streets,
      filters: { queue: tenant.groups.streets, state: ["new"] },
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const expert = await signIn(t.app, tenant, "expert");
    const seen = (await expert.get("/api/staff/views")).json().items;
    expect(seen).toMatchObject([{ name: "Katujen uudet", scope: "group", count: 1, mayEdit: false, group: { id: tenant.groups.streets } }]);
    expect((await expert.patch(`/api/staff/views/${seen[0].id}`, { name: "x" })).statusCode).toBe(403);
    // Another group's member does not see it; the view shares no tickets either way.
    const expert2 = await signIn(t.app, tenant, "expert2");
    expect((await expert2.get("/api/staff/views")).json().items).toEqual([]);

    const refusals: [string, Record<string, unknown>][] = [
      ["expert", { name: "x", scope: "group", groupId: tenant.groups.streets, filters: {} }],
      ["contentadmin", { name: "x", scope: "group", groupId: tenant.groups.green, filters: {} }],
      ["advisor", { name: "x", scope: "organisation", filters: {} }],
    ];
    for (const [role, body] of refusals)
      expect((await (await signIn(t.app, tenant, role)).post("/api/staff/views", body)).statusCode, role).toBe(403);
    const admin = await signIn(t.app, tenant, "admin");
    expect(
      (await admin.post("/api/staff/views", { name: "Kaikki myöhässä", scope: "organisation", filters: { sla: "breached" } })).statusCode,
    ).toBe(201);
    expect((await expert2.get("/api/staff/views")).json().items.map((v: { name: string }) => v.name)).toEqual(["Kaikki myöhässä"]);
    const bad = await admin.post("/api/staff/views", { name: "x", scope: "group", filters: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("body.groupId");
    expect((await (await signIn(t.app, tenant, "internal")).get("/api/staff/views")).statusCode).toBe(403);
  });
});
