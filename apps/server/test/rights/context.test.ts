/**
 * Rights on a ticket's context: the customer's other tickets and tickets nearby, per role.
 * Partners and internal customers get neither (403); others get only tickets they may open.
 */

import { describe, expect, it } from "vitest";
import { submitContact } from "../harness.ts";
import { clients, roles, sees, setUpMatrix, t, tenant, tickets, usesQueues } from "./matrix.ts";

setUpMatrix();

/** Ticket A with a second ticket of the same customer (email in another case) 55 m away, in the same group and area. */
async function ticketsWithSibling() {
  const ids = await tickets();
  const sibling = await submitContact(t.app, tenant, {
    location: { lat: 61.4505, lon: 23.85 },
    wantsReply: true,
    contact: { email: "A@Example.TEST" },
  });
  const id = (await clients.advisor.get(`/api/staff/tickets?q=${sibling.reference}`)).json().items[0].id as string;
  return { ...ids, sibling: { id, reference: sibling.reference } };
}

const endpoints = {
  customerTickets: (id: string) => `/api/staff/tickets/${id}/customer-tickets`,
  nearby: (id: string) => `/api/staff/tickets/${id}/nearby`,
};
const cases = roles.flatMap((role) => (Object.keys(endpoints) as (keyof typeof endpoints)[]).map((endpoint) => [role, endpoint] as const));

describe("a ticket's context", () => {
  it.each(cases)("%s → %s", async (role, endpoint) => {
    const ids = await ticketsWithSibling();
    const url = endpoints[endpoint];
    for (const key of ["A", "B"] as const) {
      const res = await clients[role].get(url(ids[key]));
      const expected = !usesQueues(role) || role === "partner" ? 403 : sees[role][key] ? 200 : 404;
      expect(res.statusCode, `${role} ${endpoint} of ${key}: ${res.body}`).toBe(expected);
      if (expected >= 400) expect(res.headers["content-type"]).toContain("application/problem+json");
      if (expected === 200 && key === "A") {
        // Earlier tests left tickets of the same customer nearby: this test's sibling is among them, the ticket itself is not.
        const listed = res.json().items.map((i: { id: string }) => i.id);
        expect(listed).toContain(ids.sibling.id);
        expect(listed).not.toContain(ids.A);
        expect(res.body).not.toMatch(/example\.test|Aapo|123 4567/i);
      }
    }
    // The partner's own ticket C does not open its context either.
    if (role === "partner") expect((await clients.partner.get(url(ids.C))).statusCode).toBe(403);
  });

  it("leaves out a flagged ticket for everyone without sensitive access", async () => {
    const ids = await ticketsWithSibling();
    const granted = await clients.admin.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { sensitiveAccess: true });
    expect(granted.statusCode).toBe(200);
    for (const id of [ids.A, ids.sibling.id])
      expect((await clients.advisor.post(`/api/staff/tickets/${id}/forward`, { groupId: tenant.groups.green })).statusCode).toBe(200);
    const flag = await clients.advisor.post(`/api/staff/tickets/${ids.sibling.id}/sensitivity`, {
      sensitive: true,
      reason: "Terveystietoja",
    });
    expect(flag.statusCode, flag.body).toBe(204);
    for (const role of ["admin", "advisor", "reporter"] as const)
      for (const url of Object.values(endpoints)) {
        const res = await clients[role].get(url(ids.A));
        expect(res.statusCode).toBe(200);
        expect(res.body, `${role} ${url(ids.A)}`).not.toContain(ids.sibling.id);
      }
    // Emma's green group may open special categories.
    for (const url of Object.values(endpoints))
      expect((await clients.expert2.get(url(ids.A))).json().items.map((i: { id: string }) => i.id)).toEqual([ids.sibling.id]);
  });
});

describe("the base map for the console's maps", () => {
  it.each(roles)("%s reads the organisation's map settings, the same as the portal's", async (role) => {
    const res = await clients[role].get("/api/staff/map");
    expect(res.statusCode, res.body).toBe(200);
    const portal = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}` });
    expect(res.json()).toEqual(portal.json().map);
  });

  it("is refused without a session", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/staff/map" });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
