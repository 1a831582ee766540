/**
 * The rights matrix (REQUIREMENTS M10): every staff endpoint × every role, with the negative
 * cases. Tickets: A (streets group, in Hervanta), B (green group, in the centre), C (streets,
 * assigned to the external partner, no location).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries } from "../src/db/schema.ts";
import type { SeededOrganisation } from "../src/modules/demo/demo.ts";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp, uploadAttachment } from "./harness.ts";

const roles = ["admin", "contentadmin", "advisor", "expert", "expert2", "reporter", "viewer", "partner", "internal"] as const;
type RoleKey = (typeof roles)[number];

let t: TestApp;
let tenant: SeededOrganisation;
const clients = {} as Record<RoleKey, Client>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await newTenant(t.ctx);
  for (const role of roles) clients[role] = await signIn(t.app, tenant, role);
});
afterAll(() => t.close());

/** Creates the three tickets afresh, so that write tests do not disturb each other. */
async function tickets() {
  const advisor = clients.advisor;
  const find = async (reference: string) => (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
  const a = await submitContact(t.app, tenant, {
    location: { lat: 61.45, lon: 23.85 },
    wantsReply: true,
    contact: { email: "a@example.test", name: "Aapo Asukas" },
  });
  const b = await submitContact(t.app, tenant, { categoryId: tenant.categories.playgrounds, location: { lat: 61.495, lon: 23.76 } });
  const c = await submitContact(t.app, tenant, { wantsReply: true, contact: { phone: "+358 40 123 4567" } });
  const ids = { A: await find(a.reference), B: await find(b.reference), C: await find(c.reference) };
  const forwarded = await advisor.post(`/api/staff/tickets/${ids.C}/forward`, { handlerId: tenant.users.partner?.id });
  expect(forwarded.statusCode).toBe(200);
  return Object.assign(ids, { tokens: { A: a.trackingToken, B: b.trackingToken, C: c.trackingToken } });
}

const sees: Record<RoleKey, { A: boolean; B: boolean; C: boolean }> = {
  admin: { A: true, B: true, C: true },
  contentadmin: { A: true, B: false, C: true },
  advisor: { A: true, B: true, C: true },
  expert: { A: true, B: false, C: true },
  expert2: { A: false, B: true, C: false },
  reporter: { A: true, B: true, C: true },
  viewer: { A: true, B: false, C: false },
  partner: { A: false, B: false, C: true },
  internal: { A: false, B: false, C: false },
};
const seesCustomer: RoleKey[] = ["admin", "contentadmin", "advisor", "expert"];
const usesQueues = (role: RoleKey) => role !== "internal";

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
const handlers: RoleKey[] = ["admin", "contentadmin", "advisor", "expert"];
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

describe("notices, FAQ and embedding", () => {
  const manages: RoleKey[] = ["admin", "contentadmin"];
  it.each(roles)("%s reaches the content admin API only as an admin, the embed settings only as a technical admin", async (role) => {
    const client = clients[role];
    for (const url of ["/api/staff/admin/notices", "/api/staff/admin/faq", "/api/staff/admin/notice-areas"])
      expect((await client.get(url)).statusCode, `${role} GET ${url}`).toBe(manages.includes(role) ? 200 : 403);
    const own = { groupId: role === "contentadmin" ? tenant.groups.streets : null };
    const created = await client.post("/api/staff/admin/faq", { question: { fi: "Kysymys?" }, answer: { fi: "Vastaus." }, ...own });
    expect(created.statusCode, `${role} creates an FAQ entry`).toBe(manages.includes(role) ? 201 : 403);
    expect((await client.get("/api/staff/admin/embed")).statusCode, `${role} reads embed settings`).toBe(role === "admin" ? 200 : 403);
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

  it.each(roles)("%s replaces the address list and sets the base map only as a technical admin", async (role) => {
    const csv = "street,number,postal code,city,lat,lon\nHämeenkatu,10,33100,Tampere,61.4974,23.7415\n";
    const res = await clients[role].request({
      method: "PUT",
      url: "/api/staff/admin/addresses",
      payload: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(res.statusCode, `${role} imports addresses`).toBe(role === "admin" ? 200 : 403);
    const map = await clients[role].put("/api/staff/admin/map", { styleUrl: null, tileUrl: null, attribution: null });
    expect(map.statusCode, `${role} sets the base map`).toBe(role === "admin" ? 200 : 403);
  });
});

describe("recording contacts, internal requests and absences", () => {
  const records: RoleKey[] = ["admin", "contentadmin", "advisor", "expert", "expert2"];
  const takesTickets = (role: RoleKey) => !["reporter", "viewer", "internal"].includes(role);

  it.each(roles)("%s records phone calls only as a handler", async (role) => {
    const res = await clients[role].post("/api/staff/contacts", {
      channel: "phone",
      categoryId: tenant.categories.potholes,
      description: "Puhelimessa kerrottu kuoppa",
    });
    expect(res.statusCode, `${role} records a call: ${res.body}`).toBe(records.includes(role) ? 201 : 403);
    if (!records.includes(role)) expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it.each(roles)("%s submits and follows internal requests only as an internal customer", async (role) => {
    const own = await clients.internal.post("/api/staff/internal-requests", {
      categoryId: tenant.categories.potholes,
      description: "Sisäinen pyyntö",
    });
    expect(own.statusCode).toBe(201);
    const allowed = role === "internal";
    const c = clients[role];
    const id = own.json().id;
    const calls: [string, () => ReturnType<Client["get"]>, number][] = [
      ["list", () => c.get("/api/staff/internal-requests"), 200],
      ["categories", () => c.get("/api/staff/internal-requests/categories"), 200],
      ["read", () => c.get(`/api/staff/internal-requests/${id}`), 200],
      ["reply", () => c.post(`/api/staff/internal-requests/${id}/messages`, { body: "Lisätietoa" }), 201],
      ["submit", () => c.post("/api/staff/internal-requests", { categoryId: tenant.categories.potholes, description: "Pyyntö" }), 201],
    ];
    for (const [what, call, ok] of calls) {
      const res = await call();
      expect(res.statusCode, `${role} ${what}: ${res.body}`).toBe(allowed ? ok : 403);
      if (!allowed) expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });

  it.each(roles)("%s sets their own absence only when they take tickets, anyone's only as a technical admin", async (role) => {
    const clear = { absentFrom: null, absentUntil: null, substituteId: null, workingCalendarId: null };
    const c = clients[role];
    expect((await c.get("/api/staff/me/absence")).statusCode, `${role} reads own`).toBe(takesTickets(role) ? 200 : 403);
    expect((await c.put("/api/staff/me/absence", clear)).statusCode, `${role} sets own`).toBe(takesTickets(role) ? 200 : 403);
    const other = `/api/staff/admin/users/${tenant.users.expert2?.id}/absence`;
    expect((await c.get(other)).statusCode, `${role} reads another's`).toBe(role === "admin" ? 200 : 403);
    expect((await c.put(other, clear)).statusCode, `${role} sets another's`).toBe(role === "admin" ? 200 : 403);
  });
});

describe("webhooks", () => {
  const base = "/api/staff/admin/webhooks";
  // Nothing listens on the discard port. Subscriptions stay inactive: on a shared PostgreSQL
  // database, the job runners of other test files would otherwise try every event of this file.
  const url = "http://127.0.0.1:9/hook";

  /** A subscription and a dead delivery of it, made by the technical admin. */
  async function subscriptionWithDeadLetter() {
    const subscription = (await clients.admin.post(base, { url, active: false })).json();
    const ping = (await clients.admin.post(`${base}/${subscription.id}/ping`)).json();
    await t.ctx.db.update(webhookDeliveries).set({ state: "dead" }).where(eq(webhookDeliveries.id, ping.id));
    return { subscriptionId: subscription.id as string, deliveryId: ping.id as string };
  }

  it.each(roles)("%s reaches every webhook endpoint only as a technical admin", async (role) => {
    const { subscriptionId, deliveryId } = await subscriptionWithDeadLetter();
    const c = clients[role];
    const calls: [string, () => ReturnType<Client["get"]>, number][] = [
      ["list", () => c.get(base), 200],
      ["create", () => c.post(base, { url, eventTypes: ["ticket.created"], active: false }), 201],
      ["update", () => c.patch(`${base}/${subscriptionId}`, { description: "Integraatioalusta" }), 200],
      ["deliveries", () => c.get(`${base}/${subscriptionId}/deliveries`), 200],
      ["dead letters", () => c.get(`${base}/dead-letters`), 200],
      ["retry", () => c.post(`${base}/deliveries/${deliveryId}/retry`), 202],
      ["ping", () => c.post(`${base}/${subscriptionId}/ping`), 202],
      ["delete", () => c.request({ method: "DELETE", url: `${base}/${subscriptionId}` }), 204],
    ];
    for (const [what, call, ok] of calls) {
      const res = await call();
      expect(res.statusCode, `${role} ${what}: ${res.body}`).toBe(role === "admin" ? ok : 403);
      if (role !== "admin") expect(res.headers["content-type"]).toContain("application/problem+json");
      if (role === "admin" && what === "create") expect(res.json().secret).toMatch(/^whsec_/);
      if (what !== "create") expect(res.body).not.toMatch(/whsec_/);
    }
  });

  it("refuses webhook changes without the CSRF token", async () => {
    const res = await clients.admin.request({
      method: "POST",
      url: base,
      payload: { url, active: false },
      headers: { "x-csrf-token": "wrong" },
    });
    expect(res.statusCode).toBe(403);
  });

  describe("mailboxes", () => {
    const base = "/api/staff/admin/mailboxes";
    it.each(roles)("%s reaches every mailbox endpoint only as a technical admin", async (role) => {
      const mailbox = (
        await clients.admin.post(base, {
          address: `rights-${role}@${tenant.slug}.test`,
          kind: "smtp",
          groupId: tenant.groups.streets,
          categoryId: tenant.categories.other,
          active: false,
        })
      ).json();
      const c = clients[role];
      const calls: [string, () => ReturnType<Client["get"]>, number][] = [
        ["list", () => c.get(base), 200],
        [
          "create",
          () =>
            c.post(base, {
              address: `new-${role}@${tenant.slug}.test`,
              kind: "smtp",
              groupId: tenant.groups.streets,
              categoryId: tenant.categories.other,
              active: false,
            }),
          201,
        ],
        ["update", () => c.patch(`${base}/${mailbox.id}`, { active: false }), 200],
        ["check", () => c.post(`${base}/${mailbox.id}/check`), 200],
        ["delete", () => c.request({ method: "DELETE", url: `${base}/${mailbox.id}` }), 204],
      ];
      for (const [what, call, ok] of calls) {
        const res = await call();
        expect(res.statusCode, `${role} ${what}: ${res.body}`).toBe(role === "admin" ? ok : 403);
        if (role !== "admin") expect(res.headers["content-type"]).toContain("application/problem+json");
      }
    });
  });
});

describe("tenant isolation", () => {
  it("staff of one organisation never see another's tickets", async () => {
    const ids = await tickets();
    const other = await newTenant(t.ctx);
    const advisor = await signIn(t.app, other, "advisor");
    expect((await advisor.get("/api/staff/tickets")).json().total).toBe(0);
    expect((await advisor.get(`/api/staff/tickets/${ids.A}`)).statusCode).toBe(404);
    const file = (await uploadAttachment(t.app, tenant, ids.tokens.A, "liite.pdf", Buffer.from("%PDF-1.4\n"))).json();
    expect((await advisor.get(`/api/staff/tickets/${ids.A}/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await advisor.post(`/api/staff/tickets/${ids.A}/notes`, { body: "x" })).statusCode).toBe(404);
    const admin = await signIn(t.app, other, "admin");
    expect((await admin.get(`/api/staff/admin/users/${tenant.users.expert?.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/staff/admin/users/${tenant.users.expert?.id}`, { name: "X" })).statusCode).toBe(404);
    expect((await admin.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, { name: { fi: "X" } })).statusCode).toBe(404);
    const [calendar] = (await clients.admin.get("/api/staff/admin/calendars")).json().items;
    expect((await admin.patch(`/api/staff/admin/calendars/${calendar.id}`, { name: { fi: "X" } })).statusCode).toBe(404);
    expect((await admin.get(`/api/staff/admin/calendars/${calendar.id}/days`)).statusCode).toBe(404);
    const rule = (
      await clients.admin.post("/api/staff/admin/rules", {
        name: "Oma sääntö",
        trigger: "created",
        active: false,
        actions: [{ action: "setPriority", priority: "low" }],
      })
    ).json();
    expect((await admin.patch(`/api/staff/admin/rules/${rule.id}`, { name: "X" })).statusCode).toBe(404);
    expect((await admin.delete(`/api/staff/admin/rules/${rule.id}`)).statusCode).toBe(404);
    expect((await admin.get("/api/staff/admin/rules")).json().items).toEqual([]);
    const foreign = await admin.post("/api/staff/admin/users", {
      email: "x@example.test",
      name: "X",
      role: "expert",
      groupIds: [tenant.groups.streets],
      password: "riittävän-pitkä-salasana",
    });
    expect(foreign.statusCode).toBe(400);
    const log = (await admin.get("/api/staff/admin/audit/log-request?email=a@example.test")).json();
    expect(log.entries).toEqual([]);
    // Another organisation's webhooks do not exist for this admin.
    const subscription = (await clients.admin.post("/api/staff/admin/webhooks", { url: "http://127.0.0.1:9/hook", active: false })).json();
    const ping = (await clients.admin.post(`/api/staff/admin/webhooks/${subscription.id}/ping`)).json();
    const webhook = `/api/staff/admin/webhooks/${subscription.id}`;
    expect((await admin.get("/api/staff/admin/webhooks")).json().items).toEqual([]);
    expect((await admin.patch(webhook, { active: false })).statusCode).toBe(404);
    expect((await admin.get(`${webhook}/deliveries`)).statusCode).toBe(404);
    expect((await admin.post(`${webhook}/ping`)).statusCode).toBe(404);
    expect((await admin.post(`/api/staff/admin/webhooks/deliveries/${ping.id}/retry`)).statusCode).toBe(404);
    expect((await admin.request({ method: "DELETE", url: webhook })).statusCode).toBe(404);
    expect((await admin.get("/api/staff/admin/webhooks/dead-letters")).json().items).toEqual([]);
  });

  it.each(roles)("%s reaches the integrations admin and the callback queue only as the role allows", async (role) => {
    const c = clients[role];
    for (const url of ["/api/staff/admin/api-clients", "/api/staff/admin/channels", "/api/staff/admin/open311-routes"])
      expect((await c.get(url)).statusCode, `${role} ${url}`).toBe(role === "admin" ? 200 : 403);
    const seesPhones = ["admin", "contentadmin", "advisor", "expert", "expert2"].includes(role);
    expect((await c.get("/api/staff/callbacks")).statusCode, `${role} callbacks`).toBe(seesPhones ? 200 : 403);
  });
});
