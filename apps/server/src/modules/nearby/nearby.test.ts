import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { customers, ticketFollowers } from "../../db/schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const here = { lat: 61.4976, lon: 23.7412 };
/** A point `metres` north of `here` (1° of latitude is about 111 km). */
const north = (metres: number) => ({ lat: here.lat + metres / 111_195, lon: here.lon });
const nearbyUrl = (slug: string, categoryId?: string) =>
  `/api/public/${slug}/contacts/nearby?lat=${here.lat}&lon=${here.lon}${categoryId ? `&categoryId=${categoryId}` : ""}`;

describe("nearby contacts", () => {
  it("lists open contacts within 200 m, the chosen category first, without personal data", async () => {
    const tenant = await newTenant(t.ctx);
    const personal = { wantsReply: true, contact: { name: "Maija Meikäläinen", email: "maija@example.test", phone: "+358 40 765 4321" } };
    const far = await submitContact(t.app, tenant, { location: north(250) });
    const lamp = await submitContact(t.app, tenant, {
      categoryId: tenant.categories["street-lighting"],
      location: north(30),
      extraFields: { lamp_state: "dark" },
    });
    const hole = await submitContact(t.app, tenant, {
      location: north(150),
      description: "Kuoppa Hämeenkatu 10 kohdalla",
      address: "Hämeenkatu 10",
      ...personal,
    });
    const done = await submitContact(t.app, tenant, { location: north(10) });
    // Its resident said no to publishing: not shown to anyone, nor can it be followed.
    const refused = await submitContact(t.app, tenant, { location: north(20), publishConsent: false });
    const advisor = await signIn(t.app, tenant, "advisor");
    const doneId = (await advisor.get(`/api/staff/tickets?q=${done.reference}`)).json().items[0].id;
    expect((await advisor.post(`/api/staff/tickets/${doneId}/state`, { state: "resolved" })).statusCode).toBe(200);

    const res = await t.app.inject({ method: "GET", url: nearbyUrl(tenant.slug, tenant.categories.potholes) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { reference: string; distanceMetres: number; sameCategory: boolean }[];
    expect(items.map((i) => i.reference)).toEqual([hole.reference, lamp.reference]);
    expect(items.map((i) => i.distanceMetres)).toEqual([150, 30]);
    expect(items[0]).toEqual({
      reference: hole.reference,
      category: { id: tenant.categories.potholes, name: expect.objectContaining({ fi: "Kuopat ja päällysteet" }) },
      state: "new",
      createdAt: expect.any(String),
      distanceMetres: 150,
      location: { lat: expect.any(Number), lon: here.lon },
      sameCategory: true,
    });
    for (const secret of ["Maija", "maija@example.test", "765 4321", "Kuoppa", "Hämeenkatu", "trackingToken"])
      expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain(far.reference);
    expect(res.body).not.toContain(refused.reference);
    const follow = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${refused.reference}/follow`,
      payload: {},
    });
    expect(follow.statusCode).toBe(404);

    // Without a category: nearest first.
    const plain = (await t.app.inject({ method: "GET", url: nearbyUrl(tenant.slug) })).json().items;
    expect(plain.map((i: { reference: string }) => i.reference)).toEqual([lamp.reference, hole.reference]);
    // Other organisations' contacts are not there.
    const other = await newTenant(t.ctx);
    expect((await t.app.inject({ method: "GET", url: nearbyUrl(other.slug) })).json().items).toEqual([]);
  });

  it("validates the point", async () => {
    const tenant = await newTenant(t.ctx);
    const res = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/nearby?lat=61.5&lon=abc` });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("following an earlier contact", () => {
  it("counts each email once, anonymous followers each time, and shows the count to staff", async () => {
    const tenant = await newTenant(t.ctx);
    const { reference } = await submitContact(t.app, tenant, { location: here });
    const follow = (payload: object) =>
      t.app.inject({ method: "POST", url: `/api/public/${tenant.slug}/contacts/${reference}/follow`, payload });

    const first = await follow({ email: "naapuri@example.test" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ reference, state: "new", followers: 1, added: true });
    const again = await follow({ email: "NAAPURI@example.test" });
    expect(again.json()).toEqual({ reference, state: "new", followers: 1, added: false });
    expect((await follow({})).json()).toMatchObject({ followers: 2, added: true });
    const [a, b] = await Promise.all([follow({ email: "toinen@example.test" }), follow({ email: "toinen@example.test" })]);
    expect([a.json().added, b.json().added].sort()).toEqual([false, true]);
    expect(b.json().followers).toBe(3);

    const rows = await t.ctx.db.select().from(ticketFollowers).where(eq(ticketFollowers.organisationId, tenant.id));
    expect(rows).toHaveLength(3);
    const emails = await t.ctx.db.select({ email: customers.email }).from(customers).where(eq(customers.organisationId, tenant.id));
    expect(emails.map((c) => c.email).sort()).toEqual(["naapuri@example.test", "toinen@example.test"]);

    const advisor = await signIn(t.app, tenant, "advisor");
    const id = (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id;
    const detail = (await advisor.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.followers).toBe(3);
    expect(detail.history.map((e: { type: string }) => e.type)).toContain("ticket.followed");
    expect(JSON.stringify(detail.history)).not.toContain("naapuri@example.test");
  });

  it("is 404 for an unknown reference, 409 for a finished contact, 400 for a bad email", async () => {
    const tenant = await newTenant(t.ctx);
    const { reference } = await submitContact(t.app, tenant);
    const follow = (ref: string, payload: object = {}) =>
      t.app.inject({ method: "POST", url: `/api/public/${tenant.slug}/contacts/${ref}/follow`, payload });
    expect((await follow("YH-2026-999999")).statusCode).toBe(404);
    expect((await follow(reference, { email: "not an email" })).statusCode).toBe(400);
    const other = await newTenant(t.ctx);
    expect(
      (await t.app.inject({ method: "POST", url: `/api/public/${other.slug}/contacts/${reference}/follow`, payload: {} })).statusCode,
    ).toBe(404);

    const advisor = await signIn(t.app, tenant, "advisor");
    const id = (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id;
    await advisor.post(`/api/staff/tickets/${id}/state`, { state: "closed_unnecessary", reason: "duplicate" });
    const closed = await follow(reference);
    expect(closed.statusCode).toBe(409);
    expect(closed.headers["content-type"]).toContain("application/problem+json");
  });
});
