import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { auditEntries, tickets } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const here = { lat: 61.4976, lon: 23.7412 };
/** A point `metres` north (and `east` metres east) of `here`. */
const at = (north: number, east = 0) => ({
  lat: here.lat + north / 111_195,
  lon: here.lon + east / (111_195 * Math.cos((here.lat * Math.PI) / 180)),
});

async function contact(tenant: SeededOrganisation, advisor: Client, body: Record<string, unknown>) {
  const receipt = await submitContact(t.app, tenant, body);
  const id = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  return { id, reference: receipt.reference };
}

const refs = (res: { json: () => { items: { reference: string }[] } }) => res.json().items.map((i) => i.reference);

describe("the customer's other tickets", () => {
  it("matches the same email in any case and the same phone however written, newest first, only what the caller may open, audited", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const admin = await signIn(t.app, tenant, "admin");
    expect((await admin.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { sensitiveAccess: true })).statusCode).toBe(200);

    const byEmail = await contact(tenant, advisor, { wantsReply: true, contact: { email: "Liisa.Laine@Example.TEST" } });
    const byPhone = await contact(tenant, advisor, { wantsReply: true, contact: { phone: "+358 (40) 123-4567" } });
    const flagged = await contact(tenant, advisor, { wantsReply: true, contact: { email: "liisa.laine@example.test" } });
    const other = await contact(tenant, advisor, { wantsReply: true, contact: { email: "liisa@example.test", phone: "040 765 4321" } });
    const current = await contact(tenant, advisor, {
      wantsReply: true,
      contact: { name: "Liisa Laine", email: "liisa.laine@example.test", phone: "0401234567" },
    });
    // The flagged one opens only to the green group's members.
    expect((await advisor.post(`/api/staff/tickets/${flagged.id}/forward`, { groupId: tenant.groups.green })).statusCode).toBe(200);
    const flag = await advisor.post(`/api/staff/tickets/${flagged.id}/sensitivity`, { sensitive: true, reason: "Terveystietoja" });
    expect(flag.statusCode, flag.body).toBe(204);

    const res = await advisor.get(`/api/staff/tickets/${current.id}/customer-tickets`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched: true, more: 0 });
    expect(refs(res)).toEqual([byPhone.reference, byEmail.reference]);
    expect(res.json().items[0]).toEqual({
      id: byPhone.id,
      reference: byPhone.reference,
      createdAt: expect.any(String),
      category: { id: expect.any(String), name: expect.objectContaining({ fi: expect.any(String) }) },
      state: "new",
      channel: "web",
    });
    for (const personal of ["Liisa", "liisa", "4567", other.reference]) expect(res.body).not.toContain(personal);

    // Emma (green, sensitive access) sees the flagged one and none of the streets group's.
    const emma = await signIn(t.app, tenant, "expert2");
    expect((await advisor.post(`/api/staff/tickets/${current.id}/forward`, { groupId: tenant.groups.green })).statusCode).toBe(200);
    expect(refs(await emma.get(`/api/staff/tickets/${current.id}/customer-tickets`))).toEqual([flagged.reference]);

    const audited = await t.ctx.db
      .select({ action: auditEntries.action, subjectType: auditEntries.subjectType, detail: auditEntries.detail })
      .from(auditEntries)
      .where(and(eq(auditEntries.organisationId, tenant.id), eq(auditEntries.action, "customer.tickets_read")))
      // In the order they were read (entries of different audit lanes have no order of their own).
      .orderBy(auditEntries.createdAt);
    expect(audited).toEqual([
      { action: "customer.tickets_read", subjectType: "customer", detail: { ticketId: current.id, shown: 2 } },
      { action: "customer.tickets_read", subjectType: "customer", detail: { ticketId: current.id, shown: 1 } },
    ]);
  });

  it("lists at most 20 and counts the rest; an anonymous ticket has no customer to match", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const otherNumber = await submitContact(t.app, tenant, { wantsReply: true, contact: { phone: "040 555 00001" } });
    for (let i = 0; i < 22; i++) await submitContact(t.app, tenant, { wantsReply: true, contact: { phone: "040-555 0000" } });
    const current = await contact(tenant, advisor, { wantsReply: true, contact: { phone: "+358405550000" } });
    const res = await advisor.get(`/api/staff/tickets/${current.id}/customer-tickets`);
    expect(res.json().items).toHaveLength(20);
    expect(res.json().more).toBe(2);
    const dates = res.json().items.map((i: { createdAt: string }) => i.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(res.body).not.toContain(otherNumber.reference);

    const anonymous = await contact(tenant, advisor, {});
    expect((await advisor.get(`/api/staff/tickets/${anonymous.id}/customer-tickets`)).json()).toEqual({
      matched: false,
      items: [],
      more: 0,
    });
  });
});

describe("tickets nearby", () => {
  it("lists open and recently resolved tickets within the radius that the caller may open, nearest first, with direction", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const current = await contact(tenant, advisor, { location: here, description: "Katuvalo pimeänä" });
    const north = await contact(tenant, advisor, { location: at(100), description: "Kuoppa ajoradalla" });
    const northEast = await contact(tenant, advisor, { location: at(120, 120) });
    const far = await contact(tenant, advisor, { location: at(-400) });
    const resolved = await contact(tenant, advisor, { location: at(50, -10) });
    const longAgo = await contact(tenant, advisor, { location: at(20) });
    await contact(tenant, advisor, { description: "Ei sijaintia" });
    for (const done of [resolved, longAgo])
      expect((await advisor.post(`/api/staff/tickets/${done.id}/state`, { state: "resolved" })).statusCode).toBe(200);
    await t.ctx.db
      .update(tickets)
      .set({ resolvedAt: new Date(Date.now() - 91 * 86_400_000) })
      .where(eq(tickets.id, longAgo.id));

    const res = await advisor.get(`/api/staff/tickets/${current.id}/nearby`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ located: true, radius: 250 });
    expect(refs(res)).toEqual([resolved.reference, north.reference, northEast.reference]);
    const [, n, ne] = res.json().items;
    expect(n).toMatchObject({ id: north.id, distanceMetres: 100, bearingDegrees: 0, state: "new", excerpt: "Kuoppa ajoradalla" });
    expect(ne.distanceMetres).toBe(170);
    expect(ne.bearingDegrees).toBe(45);
    expect(res.json().items[0].state).toBe("resolved");

    const wider = await advisor.get(`/api/staff/tickets/${current.id}/nearby?radius=500`);
    expect(refs(wider)).toEqual([resolved.reference, north.reference, northEast.reference, far.reference]);
    expect(wider.json().items[3].bearingDegrees).toBe(180);

    // The viewer sees only tickets of their area (Hervanta); the centre is outside it.
    const viewer = await signIn(t.app, tenant, "viewer");
    expect((await viewer.get(`/api/staff/tickets/${current.id}/nearby`)).statusCode).toBe(404);

    const unlocated = await contact(tenant, advisor, {});
    expect((await advisor.get(`/api/staff/tickets/${unlocated.id}/nearby`)).json()).toEqual({ located: false, radius: 250, items: [] });
  });

  it.each(["0", "2001", "abc", "-5"])("refuses radius=%s with 400 problem+json", async (radius) => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const current = await contact(tenant, advisor, { location: here });
    const res = await advisor.get(`/api/staff/tickets/${current.id}/nearby?radius=${radius}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors[0].path).toContain("radius");
    expect((await advisor.get(`/api/staff/tickets/${current.id}/nearby?radius=2000`)).statusCode).toBe(200);
  });
});
