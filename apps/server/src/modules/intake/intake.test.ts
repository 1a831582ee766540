import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { customers } from "../../db/schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("public contact intake", () => {
  it("creates a ticket in the category's queue that the resident can follow", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: "resident@example.test" } });
    expect(receipt.reference).toMatch(/^YH-\d{4}-\d{6,}$/);

    const expert = await signIn(t.app, tenant, "expert");
    const list = (await expert.get(`/api/staff/tickets?queue=${tenant.groups.streets}`)).json();
    expect(list.items.map((i: { reference: string }) => i.reference)).toContain(receipt.reference);

    const tracked = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ reference: receipt.reference, state: "new" });
    expect(tracked.body).not.toContain("resident@example.test");
  });

  it("creates one ticket for a retried submission with the same Idempotency-Key", async () => {
    const tenant = await newTenant(t.ctx);
    const send = () =>
      t.app.inject({
        method: "POST",
        url: `/api/public/${tenant.slug}/contacts`,
        headers: { "idempotency-key": "retry-key-0001" },
        payload: { categoryId: tenant.categories.potholes, description: "Kuoppa" },
      });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    const refs = [a, b, c].map((r) => r.json().reference);
    expect(new Set(refs).size).toBe(1);
    expect([a.statusCode, b.statusCode, c.statusCode].sort()).toEqual([200, 200, 201]);
    const advisor = await signIn(t.app, tenant, "advisor");
    expect((await advisor.get("/api/staff/tickets")).json().total).toBe(1);
  });

  it("writes concurrent submissions together, each as its own ticket", async () => {
    const tenant = await newTenant(t.ctx);
    const before = { ...t.ctx.tickets.stats };
    const descriptions = Array.from({ length: 30 }, (_, i) => `Samanaikainen palaute ${i}`);
    const receipts = await Promise.all(
      descriptions.map((description, i) =>
        submitContact(t.app, tenant, i % 3 ? { description } : { description, wantsReply: true, contact: { email: `r${i}@example.test` } }),
      ),
    );
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(30);
    const batches = t.ctx.tickets.stats.batches - before.batches;
    expect(t.ctx.tickets.stats.tickets - before.tickets).toBe(30);
    expect(batches).toBeLessThan(30);
    for (const [i, receipt] of receipts.entries()) {
      const tracked = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` });
      expect(tracked.json().description).toBe(descriptions[i]);
    }
    const advisor = await signIn(t.app, tenant, "advisor");
    expect((await advisor.get("/api/staff/tickets")).json().total).toBe(30);
    const contacts = await t.ctx.db.select().from(customers).where(eq(customers.organisationId, tenant.id));
    expect(contacts.map((c) => c.email).sort()).toEqual(receipts.flatMap((_, i) => (i % 3 ? [] : [`r${i}@example.test`])).sort());
  });

  it("refuses a reused Idempotency-Key with a different body", async () => {
    const tenant = await newTenant(t.ctx);
    const send = (description: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/public/${tenant.slug}/contacts`,
        headers: { "idempotency-key": "retry-key-0002" },
        payload: { categoryId: tenant.categories.potholes, description },
      });
    expect((await send("Ensimmäinen")).statusCode).toBe(201);
    const second = await send("Toinen viesti");
    expect(second.statusCode).toBe(422);
    expect(second.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers bad input with problem+json listing the fields", async () => {
    const tenant = await newTenant(t.ctx);
    const cases = [
      { payload: { categoryId: "nope", description: "" }, status: 400, paths: ["body.categoryId", "body.description"] },
      {
        payload: { categoryId: tenant.categories.potholes, description: "ok text", wantsReply: true },
        status: 400,
        paths: ["body.contact"],
      },
      { payload: { categoryId: tenant.categories.streets, description: "parent category" }, status: 400, paths: ["categoryId"] },
      {
        payload: { categoryId: tenant.categories["street-lighting"], description: "valo", extraFields: { lamp_state: "broken", bogus: 1 } },
        status: 400,
        paths: ["extraFields.bogus", "extraFields.lamp_state"],
      },
      {
        payload: { categoryId: tenant.categories.potholes, description: "bot", website: "http://spam" },
        status: 400,
        paths: ["body.website"],
      },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: "POST", url: `/api/public/${tenant.slug}/contacts`, payload: c.payload });
      expect(res.statusCode, JSON.stringify(c.payload)).toBe(c.status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(c.paths.sort());
    }
    const notJson = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe("bad_request");
    const unknownOrg = await t.app.inject({ method: "GET", url: "/api/public/no-such-city/categories" });
    expect(unknownOrg.statusCode).toBe(404);
  });

  it("places a located contact in its area", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant, { location: { lat: 61.45, lon: 23.85 } });
    await submitContact(t.app, tenant, { location: { lat: 61.495, lon: 23.76 } });
    const viewer = await signIn(t.app, tenant, "viewer"); // scoped to Hervanta
    const list = (await viewer.get("/api/staff/tickets")).json();
    expect(list.total).toBe(1);
  });
});
