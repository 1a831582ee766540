import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("internal service requests", () => {
  it("an internal customer submits, follows, reads the answer and replies; handlers see an internal-channel ticket", async () => {
    const tenant = await newTenant(t.ctx);
    const internal = await signIn(t.app, tenant, "internal");
    const categories = await internal.get("/api/staff/internal-requests/categories");
    expect(categories.statusCode).toBe(200);
    expect(categories.json().items.map((c: { id: string }) => c.id)).toContain(tenant.categories.potholes);

    const made = await internal.post("/api/staff/internal-requests", {
      categoryId: tenant.categories.potholes,
      description: "Koulun pihan edessä on syvä kuoppa",
      address: "Koulukatu 1",
    });
    expect(made.statusCode, made.body).toBe(201);
    const request = made.json();
    expect(request).toMatchObject({ state: "new", address: "Koulukatu 1", messages: [], timeline: [{ state: "new" }] });

    const list = (await internal.get("/api/staff/internal-requests")).json().items;
    expect(list.map((r: { id: string }) => r.id)).toEqual([request.id]);

    // The streets group gets it like any contact, on the internal channel, from the employee.
    const expert = await signIn(t.app, tenant, "expert");
    const detail = (await expert.get(`/api/staff/tickets/${request.id}`)).json();
    expect(detail).toMatchObject({ channel: "internal", group: { id: tenant.groups.streets } });
    expect(detail.customer).toMatchObject({ name: "Iida Sisäinen", email: tenant.users.internal?.email, wantsReply: true });
    expect((await expert.post(`/api/staff/tickets/${request.id}/notes`, { body: "Sisäinen huomio: urakoitsija tilattu" })).statusCode).toBe(
      200,
    );
    expect((await expert.post(`/api/staff/tickets/${request.id}/replies`, { body: "Korjaamme kuopan huomenna." })).statusCode).toBe(200);

    const answered = (await internal.get(`/api/staff/internal-requests/${request.id}`)).json();
    expect(answered.messages).toEqual([{ from: "city", body: "Korjaamme kuopan huomenna.", html: null, createdAt: expect.any(String) }]);
    expect(JSON.stringify(answered)).not.toMatch(/urakoitsija|Eero/);

    const replied = await internal.post(`/api/staff/internal-requests/${request.id}/messages`, { body: "Kiitos! Portin edessä myös." });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json().messages.map((m: { from: string }) => m.from)).toEqual(["city", "me"]);
    const history = (await expert.get(`/api/staff/tickets/${request.id}`)).json().history;
    expect(history.at(-1)).toMatchObject({ type: "ticket.resident_message", actor: "Iida Sisäinen" });
  });

  it("shows each internal customer only their own requests, and refuses everyone else", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const other = await admin.post("/api/staff/admin/users", {
      email: `toinen@${tenant.slug}.test`,
      name: "Olli Opettaja",
      role: "internal_customer",
      password: "riittävän-pitkä-salasana",
    });
    expect(other.statusCode, other.body).toBe(201);
    const internal = await signIn(t.app, tenant, "internal");
    const mine = (
      await internal.post("/api/staff/internal-requests", { categoryId: tenant.categories.potholes, description: "Oma pyyntö" })
    ).json();
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { organisation: tenant.slug, email: `toinen@${tenant.slug}.test`, password: "riittävän-pitkä-salasana" },
    });
    const cookie = `yhteys_session=${login.cookies.find((c) => c.name === "yhteys_session")?.value}`;
    const headers = { cookie, "x-csrf-token": login.json().csrfToken };
    const theirs = await t.app.inject({ method: "GET", url: "/api/staff/internal-requests", headers });
    expect(theirs.json().items).toEqual([]);
    const peek = await t.app.inject({ method: "GET", url: `/api/staff/internal-requests/${mine.id}`, headers });
    expect(peek.statusCode).toBe(404);
    const meddle = await t.app.inject({
      method: "POST",
      url: `/api/staff/internal-requests/${mine.id}/messages`,
      headers,
      payload: { body: "Hei" },
    });
    expect(meddle.statusCode).toBe(404);

    for (const role of ["admin", "advisor", "expert", "viewer", "partner"]) {
      const c = await signIn(t.app, tenant, role);
      expect((await c.get("/api/staff/internal-requests")).statusCode, role).toBe(403);
      expect((await c.get(`/api/staff/internal-requests/${mine.id}`)).statusCode, role).toBe(403);
      const post = await c.post("/api/staff/internal-requests", { categoryId: tenant.categories.potholes, description: "Ei saa" });
      expect(post.statusCode, role).toBe(403);
      expect(post.headers["content-type"]).toContain("application/problem+json");
    }
    const bad = await internal.post("/api/staff/internal-requests", { categoryId: "nope", description: "x" });
    expect(bad.statusCode).toBe(400);
    expect((await internal.post(`/api/staff/internal-requests/${mine.id}/messages`, { body: "" })).statusCode).toBe(400);
  });
});
