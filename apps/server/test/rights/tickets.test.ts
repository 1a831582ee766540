/** Rights on tickets: reading, changing, attachments, saved views and the staff directory, per role; CSRF and session checks. */

import { describe, expect, it } from "vitest";
import { type Client, uploadAttachment } from "../harness.ts";
import { clients, handlers, roles, sees, seesCustomer, setUpMatrix, t, tenant, tickets, usesQueues } from "./matrix.ts";

setUpMatrix();

describe("reading tickets", () => {
  it.each(roles)("%s sees exactly the tickets of their scope in lists and by id", async (role) => {
    const ids = await tickets();
    const client = clients[role];
    const list = await client.get("/api/staff/tickets?limit=100");
    if (!usesQueues(role)) {
      expect(list.statusCode).toBe(403);
      expect(list.headers["content-type"]).toContain("application/problem+json");
    } else {
      expect(list.statusCode).toBe(200);
      const listed = new Set(list.json().items.map((i: { id: string }) => i.id));
      for (const key of ["A", "B", "C"] as const) expect(listed.has(ids[key]), `${role} lists ${key}`).toBe(sees[role][key]);
    }
    for (const key of ["A", "B", "C"] as const) {
      const detail = await client.get(`/api/staff/tickets/${ids[key]}`);
      const expected = !usesQueues(role) ? 403 : sees[role][key] ? 200 : 404;
      expect(detail.statusCode, `${role} opens ${key}`).toBe(expected);
      if (expected === 200) {
        const customer = detail.json().customer;
        if (seesCustomer.includes(role)) expect(customer, `${role} sees the customer of ${key}`).not.toBeUndefined();
        else expect(customer, `${role} must not see customer data`).toBeNull();
        if (key === "A" && seesCustomer.includes(role)) expect(customer.email).toBe("a@example.test");
        if (!seesCustomer.includes(role)) expect(detail.body).not.toMatch(/a@example\.test|Aapo|123 4567/);
      }
    }
  });

  it.each(roles)("%s gets the queues that fit the role", async (role) => {
    const res = await clients[role].get("/api/staff/queues");
    if (!usesQueues(role)) return expect(res.statusCode).toBe(403);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((q: { id: string }) => q.id);
    expect(ids).toContain("mine");
    const seesAllQueues = ["admin", "advisor", "reporter"].includes(role);
    expect(ids.includes(tenant.groups["service-point"]), `${role} sees the unclear queue`).toBe(seesAllQueues);
    if (role === "expert") expect(ids).toEqual(["mine", "requests", tenant.groups.streets]);
    if (role === "partner") expect(ids).toEqual(["mine"]);
  });
});

const actions = {
  edit: (c: Client, id: string) => c.patch(`/api/staff/tickets/${id}`, { priority: "high" }),
  reclassify: (c: Client, id: string) => c.post(`/api/staff/tickets/${id}/reclassify`, { categoryId: tenant.categories.trees }),
  forward: (c: Client, id: string) => c.post(`/api/staff/tickets/${id}/forward`, { groupId: tenant.groups.green }),
  reply: (c: Client, id: string) => c.post(`/api/staff/tickets/${id}/replies`, { body: "Kiitos, korjaamme asian." }),
  note: (c: Client, id: string) => c.post(`/api/staff/tickets/${id}/notes`, { body: "Sisäinen huomio" }),
  changeState: (c: Client, id: string) => c.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" }),
  request: (c: Client, id: string) =>
    c.post(`/api/staff/tickets/${id}/requests`, { kind: "information", toGroupId: tenant.groups.waste, message: "Tiedoksi" }),
};
const partnerActions = ["reply", "note", "changeState"];

describe("changing tickets", () => {
  const cases = roles.flatMap((role) => Object.keys(actions).map((action) => [role, action] as const));
  it.each(cases)("%s → %s", async (role, action) => {
    const ids = await tickets();
    const run = actions[action as keyof typeof actions];
    // On ticket A (streets, Hervanta): handlers who see it may act; read-only roles are refused; others do not see it.
    const onA = await run(clients[role], ids.A);
    // Forwarding A to the green group takes it out of sight of the streets group's members: 204.
    const leavesSight = action === "forward" && (role === "expert" || role === "contentadmin");
    const expectedA = leavesSight ? 204 : handlers.includes(role) ? 200 : sees[role].A ? 403 : 404;
    expect(onA.statusCode, `${role} ${action} on A: ${onA.body}`).toBe(expectedA);
    if (expectedA >= 400) expect(onA.headers["content-type"]).toContain("application/problem+json");
    // On ticket C (assigned to the partner): the partner may reply, note and change state only.
    const onC = await run(clients[role], ids.C);
    const expectedC = leavesSight
      ? 204
      : handlers.includes(role)
        ? 200
        : role === "partner"
          ? partnerActions.includes(action)
            ? 200
            : 403
          : sees[role].C
            ? 403
            : 404;
    expect(onC.statusCode, `${role} ${action} on C: ${onC.body}`).toBe(expectedC);
  });

  it("refuses changes without the CSRF token and without a session", async () => {
    const ids = await tickets();
    const noCsrf = await clients.advisor.request({
      method: "POST",
      url: `/api/staff/tickets/${ids.A}/notes`,
      payload: { body: "x" },
      headers: { "x-csrf-token": "wrong" },
    });
    expect(noCsrf.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "POST", url: `/api/staff/tickets/${ids.A}/notes`, payload: { body: "x" } });
    expect(anonymous.statusCode).toBe(401);
    const anonymousImport = await t.app.inject({
      method: "PUT",
      url: "/api/staff/admin/addresses",
      payload: "x",
      headers: { "content-type": "text/csv" },
    });
    expect(anonymousImport.statusCode).toBe(401);
    const anonymousAreas = await t.app.inject({
      method: "PUT",
      url: "/api/staff/admin/areas",
      payload: "{}",
      headers: { "content-type": "application/geo+json" },
    });
    expect(anonymousAreas.statusCode).toBe(401);
    for (const url of [
      "/api/staff/queues",
      "/api/staff/tickets",
      `/api/staff/tickets/${ids.A}`,
      `/api/staff/tickets/${ids.A}/attachments/${ids.A}`,
      "/api/staff/groups",
      "/api/auth/session",
      "/api/staff/admin/users",
      "/api/staff/admin/groups",
      "/api/staff/admin/areas",
      "/api/staff/admin/audit/verify",
      "/api/staff/admin/audit/log-request?email=a@example.test",
      "/api/staff/admin/calendars",
      "/api/staff/admin/sla-policies",
      "/api/staff/admin/rules",
      "/api/staff/views",
      "/api/staff/notifications",
      "/api/staff/admin/webhooks",
      "/api/staff/admin/webhooks/dead-letters",
      "/api/staff/admin/notices",
      "/api/staff/admin/faq",
      "/api/staff/admin/notice-areas",
      "/api/staff/admin/embed",
      "/api/staff/admin/mail",
      "/api/staff/admin/mail/deliveries",
      "/api/staff/admin/mailboxes",
      "/api/staff/internal-requests",
      "/api/staff/me/absence",
    ]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });
});

describe("attachments", () => {
  const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
  it.each(roles)("%s downloads the attachments of exactly the tickets they may read", async (role) => {
    const ids = await tickets();
    for (const key of ["A", "B", "C"] as const) {
      const uploaded = await uploadAttachment(t.app, tenant, ids.tokens[key], "liite.pdf", pdf);
      expect(uploaded.statusCode).toBe(201);
      const res = await clients[role].get(`/api/staff/tickets/${ids[key]}/attachments/${uploaded.json().id}`);
      const expected = !usesQueues(role) ? 403 : sees[role][key] ? 200 : 404;
      expect(res.statusCode, `${role} downloads from ${key}`).toBe(expected);
      if (expected === 200) expect(res.rawPayload.equals(pdf)).toBe(true);
      else expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });
});

describe("saved views", () => {
  it.each(roles)("%s keeps personal views when they work queues", async (role) => {
    const made = await clients[role].post("/api/staff/views", { name: `Oma ${role}`, filters: { state: ["new"] } });
    expect(made.statusCode, `${role} saves a view`).toBe(usesQueues(role) ? 201 : 403);
    const list = await clients[role].get("/api/staff/views");
    expect(list.statusCode).toBe(usesQueues(role) ? 200 : 403);
    if (usesQueues(role)) expect(list.json().items.map((v: { name: string }) => v.name)).toContain(`Oma ${role}`);
  });
});

describe("staff directory", () => {
  it.each(roles)("%s may or may not read groups, users and categories", async (role) => {
    const allowed = handlers.includes(role) || role === "expert2";
    for (const url of ["/api/staff/groups", "/api/staff/users", "/api/staff/categories"]) {
      const res = await clients[role].get(url);
      expect(res.statusCode, `${role} ${url}`).toBe(allowed ? 200 : 403);
    }
  });
});
