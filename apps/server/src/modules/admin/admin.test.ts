import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PASSWORD = "pitkä-salasana-123";

async function signInAs(tenant: SeededOrganisation, email: string, password = PASSWORD) {
  return t.app.inject({ method: "POST", url: "/api/auth/login", payload: { organisation: tenant.slug, email, password } });
}

describe("users (technical admin)", () => {
  it("creates a user with role, groups and areas who then signs in and works the group's queue", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const created = await admin.post("/api/staff/admin/users", {
      email: "Uusi.Kayttaja@example.test",
      name: "Uusi Käyttäjä",
      role: "expert",
      language: "sv",
      groupIds: [tenant.groups.green],
      areaIds: [tenant.areas.hervanta],
      password: PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ role: "expert", language: "sv", active: true, groupIds: [tenant.groups.green] });
    expect(created.body).not.toMatch(/scrypt|password/i);

    const login = await signInAs(tenant, "uusi.kayttaja@example.test");
    expect(login.statusCode).toBe(200);
    const cookie = `yhteys_session=${login.cookies.find((c) => c.name === "yhteys_session")?.value}`;
    const queues = (await t.app.inject({ method: "GET", url: "/api/staff/queues", headers: { cookie } })).json();
    expect(queues.items.map((q: { id: string }) => q.id)).toContain(tenant.groups.green);

    const duplicate = await admin.post("/api/staff/admin/users", { ...user, email: "UUSI.kayttaja@example.test", password: PASSWORD });
    expect(duplicate.statusCode).toBe(409);
    // Two admins creating the same address at once: one wins, the other gets 409 (never 500).
    const race = await Promise.all(
      [1, 2].map(() =>
        admin.post("/api/staff/admin/users", { email: "sama@example.test", name: "Sama", role: "viewer", password: PASSWORD }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const foreignGroup = await admin.post("/api/staff/admin/users", {
      email: "x@example.test",
      name: "X",
      role: "expert",
      groupIds: [(await newTenant(t.ctx)).groups.green],
      password: PASSWORD,
    });
    expect(foreignGroup.statusCode).toBe(400);
    expect(foreignGroup.json().errors[0].path).toBe("body.groupIds");
    const weak = await admin.post("/api/staff/admin/users", { email: "y@example.test", name: "Y", role: "expert", password: "lyhyt" });
    expect(weak.statusCode).toBe(400);
    expect(weak.headers["content-type"]).toContain("application/problem+json");

    const found = (await admin.get("/api/staff/admin/users?q=k%C3%A4ytt%C3%A4j%C3%A4")).json();
    expect(found.items.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const listed = (await admin.get("/api/staff/admin/users")).json();
    expect(listed.total).toBe(11);
  });

  it("edits roles and scopes, and deactivating ends the user's sessions at once", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const id = tenant.users.expert?.id;
    const moved = await admin.patch(`/api/staff/admin/users/${id}`, { role: "viewer", groupIds: [], areaIds: [tenant.areas.hervanta] });
    expect(moved.json()).toMatchObject({ role: "viewer", groupIds: [], areaIds: [tenant.areas.hervanta] });
    // The new role applies to the open session at once.
    expect((await expert.post("/api/staff/tickets/00000000-0000-4000-8000-000000000000/notes", { body: "x" })).statusCode).toBe(404);
    expect((await expert.get("/api/auth/session")).json().user.role).toBe("viewer");

    const off = await admin.patch(`/api/staff/admin/users/${id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await expert.get("/api/auth/session")).statusCode).toBe(401);
    expect((await signInAs(tenant, tenant.users.expert?.email ?? "", "demo")).statusCode).toBe(401);
    expect((await admin.get("/api/staff/admin/users")).json().items.some((u: { id: string }) => u.id === id)).toBe(false);
    expect((await admin.get("/api/staff/admin/users?includeInactive=true")).json().total).toBe(9);

    const reset = await admin.patch(`/api/staff/admin/users/${id}`, { active: true, password: PASSWORD });
    expect(reset.statusCode).toBe(200);
    expect((await signInAs(tenant, tenant.users.expert?.email ?? "")).statusCode).toBe(200);
    expect((await admin.patch(`/api/staff/admin/users/${id}`, {})).statusCode).toBe(400);
    expect((await admin.patch("/api/staff/admin/users/00000000-0000-4000-8000-000000000000", { name: "X" })).statusCode).toBe(404);
  });

  it("keeps one active technical admin: no self-deactivation, no demoting the last admin", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const self = tenant.users.admin?.id;
    const demote = await admin.patch(`/api/staff/admin/users/${self}`, { role: "expert" });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().detail).toMatch(/at least one active technical admin/);
    expect((await admin.patch(`/api/staff/admin/users/${self}`, { active: false })).statusCode).toBe(409);

    // With a second admin, one may step down; then the second is the last.
    const second = (
      await admin.post("/api/staff/admin/users", {
        email: "admin2@example.test",
        name: "Toinen Admin",
        role: "technical_admin",
        password: PASSWORD,
      })
    ).json();
    expect((await admin.patch(`/api/staff/admin/users/${self}`, { role: "expert" })).statusCode).toBe(200);
    expect((await admin.get("/api/staff/admin/users")).statusCode).toBe(403);
    const login = await signInAs(tenant, "admin2@example.test");
    const cookie = `yhteys_session=${login.cookies.find((c) => c.name === "yhteys_session")?.value}`;
    const headers = { cookie, "x-csrf-token": login.json().csrfToken };
    const last = await t.app.inject({
      method: "PATCH",
      url: `/api/staff/admin/users/${second.id}`,
      payload: { role: "reporter" },
      headers,
    });
    expect(last.statusCode).toBe(409);
  });
});

describe("groups", () => {
  it("technical admins create and rename groups; content admins only edit their own group's settings", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const content = await signIn(t.app, tenant, "contentadmin");
    const created = await admin.post("/api/staff/admin/groups", { code: "parks", name: { fi: "Puistot", sv: "Parker" } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: "parks", members: [], description: null });
    expect((await admin.post("/api/staff/admin/groups", { code: "parks", name: { fi: "Toinen" } })).statusCode).toBe(409);
    const race = await Promise.all([1, 2].map(() => admin.post("/api/staff/admin/groups", { code: "lakes", name: { fi: "Järvet" } })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await admin.post("/api/staff/admin/groups", { code: "Ei Kelpaa", name: { fi: "X" } })).statusCode).toBe(400);
    expect((await admin.get("/api/staff/admin/groups")).json().items).toHaveLength(7);

    // The content admin of the streets group sees and edits that group only.
    const own = (await content.get("/api/staff/admin/groups")).json().items;
    expect(own.map((g: { id: string }) => g.id)).toEqual([tenant.groups.streets]);
    expect(own[0].members.map((m: { name: string }) => m.name)).toEqual(["Eero Asiantuntija", "Kalle Sisältö"]);
    const described = await content.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, {
      description: { fi: "Katujen kunnossapito ja valaistus" },
    });
    expect(described.statusCode).toBe(200);
    expect(described.json().description).toEqual({ fi: "Katujen kunnossapito ja valaistus" });
    expect((await content.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { name: { fi: "Oma" } })).statusCode).toBe(403);
    expect((await content.post("/api/staff/admin/groups", { code: "mine", name: { fi: "Oma" } })).statusCode).toBe(403);
    for (const url of ["/api/staff/admin/users", "/api/staff/admin/areas", "/api/staff/admin/audit/verify"])
      expect((await content.get(url)).statusCode, url).toBe(403);
  });

  it("writes admin changes to the audit chain", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant);
    const admin = await signIn(t.app, tenant, "admin");
    await admin.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { name: { fi: "Viheralueet" } });
    await admin.patch(`/api/staff/admin/users/${tenant.users.viewer?.id}`, { areaIds: [] });
    const status = (await admin.get("/api/staff/admin/audit/verify")).json();
    expect(status).toMatchObject({ entries: 3, broken: null });
    expect(status.lanes[0]).toMatchObject({ lane: 0, entries: 3, headSeq: 3 });
  });

  it("documents every admin and audit route in the OpenAPI document", async () => {
    const paths = Object.keys((await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json().paths);
    for (const path of ["/api/staff/admin/users", "/api/staff/admin/users/{id}", "/api/staff/admin/groups", "/api/staff/admin/groups/{id}"])
      expect(paths).toContain(path);
    for (const path of ["/api/staff/admin/areas", "/api/staff/admin/audit/log-request", "/api/staff/admin/audit/verify"])
      expect(paths).toContain(path);
    for (const path of [
      "/api/staff/admin/webhooks",
      "/api/staff/admin/webhooks/{id}",
      "/api/staff/admin/webhooks/{id}/deliveries",
      "/api/staff/admin/webhooks/{id}/ping",
      "/api/staff/admin/webhooks/dead-letters",
      "/api/staff/admin/webhooks/deliveries/{id}/retry",
    ])
      expect(paths).toContain(path);
  });
});
