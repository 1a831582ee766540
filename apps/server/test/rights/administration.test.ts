/** Rights on the administration: users, groups, areas, the audit log, calendars, SLA policies, addresses and the base map, per role. */
import { describe, expect, it } from "vitest";
import { clients, roles, setUpMatrix, tenant } from "./matrix.ts";

setUpMatrix();

describe("administration", () => {
  const technicalOnly = () => [
    "/api/staff/admin/users",
    `/api/staff/admin/users/${tenant.users.viewer?.id}`,
    "/api/staff/admin/areas",
    "/api/staff/admin/audit/verify",
    "/api/staff/admin/audit/log-request?email=a@example.test",
    "/api/staff/admin/audit/log-request?name=Aapo%20Asukas&format=csv",
    "/api/staff/admin/map",
  ];

  it.each(roles)("%s reads users, areas and the audit log only as a technical admin; groups as an admin", async (role) => {
    for (const url of technicalOnly()) {
      const res = await clients[role].get(url);
      expect(res.statusCode, `${role} ${url}`).toBe(role === "admin" ? 200 : 403);
      if (role !== "admin") expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    for (const url of [
      "/api/staff/admin/groups",
      "/api/staff/admin/calendars",
      "/api/staff/admin/sla-policies",
      "/api/staff/admin/rules",
    ]) {
      const res = await clients[role].get(url);
      expect(res.statusCode, `${role} ${url}`).toBe(role === "admin" || role === "contentadmin" ? 200 : 403);
    }
  });

  it.each(roles)("%s adds a rule that assigns in turn and stops processing only as a technical admin", async (role) => {
    const res = await clients[role].post("/api/staff/admin/rules", {
      name: `Vuorotellen ${role}`,
      trigger: "created",
      active: false,
      stopsProcessing: true,
      actions: [{ action: "routeInTurn", groupId: tenant.groups.streets }],
    });
    expect(res.statusCode, role).toBe(role === "admin" ? 201 : 403);
    if (role === "admin") expect(res.json()).toMatchObject({ stopsProcessing: true, actions: [{ action: "routeInTurn" }] });
    else expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it.each(roles)("%s changes calendars and SLA policies only as a technical admin", async (role) => {
    const c = clients[role];
    const allowed = role === "admin";
    const calendar = await c.post("/api/staff/admin/calendars", { name: { fi: `Kalenteri ${role}` }, calendar: { weekly: {} } });
    expect(calendar.statusCode, `${role} creates a calendar`).toBe(allowed ? 201 : 403);
    const [first] = (await clients.admin.get("/api/staff/admin/calendars")).json().items;
    const days = await c.get(`/api/staff/admin/calendars/${first.id}/days`);
    expect(days.statusCode, `${role} reads a calendar's days`).toBe(allowed || role === "contentadmin" ? 200 : 403);
    const renamed = await c.patch(`/api/staff/admin/calendars/${first.id}`, { name: { fi: "Aukioloajat" } });
    expect(renamed.statusCode, `${role} renames a calendar`).toBe(allowed ? 200 : 403);
    if (allowed) expect((await c.delete(`/api/staff/admin/calendars/${calendar.json().id}`)).statusCode).toBe(204);
    else expect((await c.delete(`/api/staff/admin/calendars/${first.id}`)).statusCode, `${role} deletes a calendar`).toBe(403);
    const policy = await c.put("/api/staff/admin/sla-policies", { priority: "low", firstResponseMinutes: 600, resolutionMinutes: 6000 });
    expect(policy.statusCode, `${role} sets a policy`).toBe(allowed ? 200 : 403);
    const [anyPolicy] = (await clients.admin.get("/api/staff/admin/sla-policies")).json().items;
    if (!allowed)
      expect((await c.delete(`/api/staff/admin/sla-policies/${anyPolicy.id}`)).statusCode, `${role} deletes a policy`).toBe(403);
  });

  it.each(roles)("%s changes users and groups only as far as the role allows", async (role) => {
    const c = clients[role];
    const user = await c.post("/api/staff/admin/users", {
      email: `new-${role}@example.test`,
      name: "Uusi",
      role: "viewer",
      password: "riittävän-pitkä-salasana",
    });
    expect(user.statusCode, `${role} creates a user`).toBe(role === "admin" ? 201 : 403);
    const edit = await c.patch(`/api/staff/admin/users/${tenant.users.reporter?.id}`, { language: "sv" });
    expect(edit.statusCode, `${role} edits a user`).toBe(role === "admin" ? 200 : 403);
    const group = await c.post("/api/staff/admin/groups", { code: `g-${role}`, name: { fi: "Ryhmä" } });
    expect(group.statusCode, `${role} creates a group`).toBe(role === "admin" ? 201 : 403);
    // The content admin belongs to the streets group, not to the green one.
    const own = await c.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, { description: { fi: "Kadut" } });
    expect(own.statusCode, `${role} edits the streets group`).toBe(role === "admin" || role === "contentadmin" ? 200 : 403);
    const other = await c.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { description: { fi: "Viher" } });
    expect(other.statusCode, `${role} edits the green group`).toBe(role === "admin" ? 200 : 403);
  });

  it.each(roles)("%s replaces the address list, imports areas and sets the base map only as a technical admin", async (role) => {
    const csv = "street,number,postal code,city,lat,lon\nHämeenkatu,10,33100,Tampere,61.4974,23.7415\n";
    const res = await clients[role].request({
      method: "PUT",
      url: "/api/staff/admin/addresses",
      payload: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(res.statusCode, `${role} imports addresses`).toBe(role === "admin" ? 200 : 403);
    const square = [
      [23.75, 61.49],
      [23.76, 61.49],
      [23.76, 61.5],
      [23.75, 61.49],
    ];
    const areas = await clients[role].request({
      method: "PUT",
      url: "/api/staff/admin/areas",
      payload: JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { code: `rights-${role}`, name: "Oikeudet" },
            geometry: { type: "Polygon", coordinates: [square] },
          },
        ],
      }),
      headers: { "content-type": "application/geo+json" },
    });
    expect(areas.statusCode, `${role} imports areas`).toBe(role === "admin" ? 200 : 403);
    const map = await clients[role].put("/api/staff/admin/map", { tileUrl: null, attribution: null });
    expect(map.statusCode, `${role} sets the base map`).toBe(role === "admin" ? 200 : 403);
  });
});
