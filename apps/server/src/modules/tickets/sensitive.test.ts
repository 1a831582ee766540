import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { auditEntries } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const here = { lat: 61.4976, lon: 23.7412 };

/** A tenant whose green-areas group (Emma, expert2) may open special categories of personal data. */
async function tenantWithSensitiveGroup() {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const granted = await admin.patch(`/api/staff/admin/groups/${tenant.groups.green}`, { sensitiveAccess: true });
  expect(granted.statusCode, granted.body).toBe(200);
  expect(granted.json().sensitiveAccess).toBe(true);
  return { tenant, admin };
}

async function ticketIn(tenant: SeededOrganisation, advisor: Client, groupId: string | undefined, body: Record<string, unknown> = {}) {
  const receipt = await submitContact(t.app, tenant, { location: here, ...body });
  const id = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  if (groupId) expect((await advisor.post(`/api/staff/tickets/${id}/forward`, { groupId })).statusCode).toBe(200);
  return { id, reference: receipt.reference };
}

const listed = async (client: Client, id: string) =>
  (await client.get("/api/staff/tickets?limit=100")).json().items.some((i: { id: string }) => i.id === id);

describe("special categories of personal data", () => {
  it("opens a flagged ticket only to groups with sensitive access, whatever the role, and logs each read", async () => {
    const { tenant, admin } = await tenantWithSensitiveGroup();
    const advisor = await signIn(t.app, tenant, "advisor");
    const emma = await signIn(t.app, tenant, "expert2");
    const ticket = await ticketIn(tenant, advisor, tenant.groups.green);

    // The advisor flags it and, without sensitive access, loses sight of it at once (204).
    const flagged = await advisor.post(`/api/staff/tickets/${ticket.id}/sensitivity`, { sensitive: true, reason: "Terveystietoja" });
    expect(flagged.statusCode, flagged.body).toBe(204);
    for (const [who, client] of [
      ["advisor", advisor],
      ["technical admin", admin],
      ["reporter", await signIn(t.app, tenant, "reporter")],
    ] as const) {
      expect((await client.get(`/api/staff/tickets/${ticket.id}`)).statusCode, who).toBe(404);
      expect(await listed(client, ticket.id), who).toBe(false);
    }

    const read = await emma.get(`/api/staff/tickets/${ticket.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().sensitive).toBe(true);
    expect(read.json().history.at(-1)).toMatchObject({
      type: "ticket.sensitivity_changed",
      actor: "Sanna Neuvoja",
      data: { sensitive: true, reason: "Terveystietoja" },
    });
    expect(await listed(emma, ticket.id)).toBe(true);
    // Emma's read is logged as a read of special categories of personal data.
    const reads = await t.ctx.db
      .select({ action: auditEntries.action, detail: auditEntries.detail })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.organisationId, tenant.id),
          eq(auditEntries.subjectId, ticket.id),
          eq(auditEntries.actorUserId, tenant.users.expert2?.id ?? ""),
        ),
      );
    expect(reads).toEqual([{ action: "ticket.read", detail: { sensitive: true } }]);

    // Unflagged by someone who may see it, it opens to the advisor again.
    const unflagged = await emma.post(`/api/staff/tickets/${ticket.id}/sensitivity`, { sensitive: false, reason: "Ei arkaluonteista" });
    expect(unflagged.statusCode).toBe(200);
    expect((await advisor.get(`/api/staff/tickets/${ticket.id}`)).json().sensitive).toBe(false);
  });

  it("refuses to flag a ticket where nobody could open it, and to forward or ask about a flagged one outside the allowed groups", async () => {
    const { tenant } = await tenantWithSensitiveGroup();
    const advisor = await signIn(t.app, tenant, "advisor");
    const emma = await signIn(t.app, tenant, "expert2");
    const inStreets = await ticketIn(tenant, advisor, tenant.groups.streets);
    const refused = await advisor.post(`/api/staff/tickets/${inStreets.id}/sensitivity`, { sensitive: true, reason: "x" });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(refused.json().errors[0].path).toBe("sensitive");
    expect((await advisor.post(`/api/staff/tickets/${inStreets.id}/sensitivity`, { sensitive: true })).statusCode).toBe(400);

    const ticket = await ticketIn(tenant, advisor, tenant.groups.green);
    expect((await emma.post(`/api/staff/tickets/${ticket.id}/sensitivity`, { sensitive: true, reason: "Terveys" })).statusCode).toBe(200);
    const forward = await emma.post(`/api/staff/tickets/${ticket.id}/forward`, { groupId: tenant.groups.streets });
    expect(forward.statusCode).toBe(400);
    expect(forward.json().errors[0].path).toBe("groupId");
    const toPerson = await emma.post(`/api/staff/tickets/${ticket.id}/forward`, { handlerId: tenant.users.expert?.id });
    expect(toPerson.json().errors[0].path).toBe("handlerId");
    const ask = await emma.post(`/api/staff/tickets/${ticket.id}/requests`, {
      kind: "information",
      toUserId: tenant.users.expert?.id,
      message: "Tiedoksi",
    });
    expect(ask.statusCode).toBe(400);
    expect(ask.json().errors[0].path).toBe("toUserId");
    // Inside the allowed groups the work goes on as usual.
    expect((await emma.post(`/api/staff/tickets/${ticket.id}/forward`, { handlerId: tenant.users.expert2?.id })).statusCode).toBe(200);
  });

  it("lets only technical admins grant sensitive access to a group", async () => {
    const tenant = await newTenant(t.ctx);
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    const own = await contentAdmin.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, { sensitiveAccess: true });
    expect(own.statusCode).toBe(403);
    const renamed = await contentAdmin.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, {
      name: { fi: "Kadut", sv: "Gator", en: "Streets" },
    });
    expect(renamed.json().sensitiveAccess).toBe(false);
  });

  it("keeps flagged tickets out of every public listing", async () => {
    const { tenant, admin } = await tenantWithSensitiveGroup();
    const rule = await admin.post("/api/staff/admin/rules", {
      name: "Terveystiedot",
      trigger: "created",
      conditions: [{ field: "words", anyOf: ["diagnoosi"] }],
      actions: [{ action: "route", groupId: tenant.groups.green }, { action: "markSensitive" }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const flagged = await submitContact(t.app, tenant, { location: here, description: "Diagnoosini takia tarvitsen esteettömän reitin" });
    const plain = await submitContact(t.app, tenant, { location: here });

    const emma = await signIn(t.app, tenant, "expert2");
    const [row] = (await emma.get(`/api/staff/tickets?q=${flagged.reference}`)).json().items;
    expect(row).toMatchObject({ sensitive: true, group: { id: tenant.groups.green } });

    const nearby = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/nearby?lat=${here.lat}&lon=${here.lon}` });
    const references = nearby.json().items.map((i: { reference: string }) => i.reference);
    expect(references).toContain(plain.reference);
    expect(references).not.toContain(flagged.reference);
    const open311 = await t.app.inject({
      method: "GET",
      url: `/open311/v2/requests/${flagged.reference}.json?jurisdiction_id=${tenant.slug}`,
    });
    expect(open311.statusCode).toBe(404);
    const follow = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${flagged.reference}/follow`,
      payload: {},
    });
    expect(follow.statusCode).toBe(404);
    // The resident still follows their own contact with the tracking link.
    const own = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${flagged.trackingToken}` });
    expect(own.statusCode).toBe(200);
  });

  it("takes a published ticket off the public feedback map when it is flagged, and never publishes a flagged one", async () => {
    const { tenant } = await tenantWithSensitiveGroup();
    const emma = await signIn(t.app, tenant, "expert2");
    const ticket = await ticketIn(tenant, await signIn(t.app, tenant, "advisor"), tenant.groups.green);
    const publication = `/api/staff/tickets/${ticket.id}/publication`;
    expect((await emma.put(publication, { publicText: "Kuoppa suojatien vieressä" })).statusCode).toBe(200);
    const feedback = `/api/public/${tenant.slug}/feedback/${ticket.reference}`;
    expect((await t.app.inject({ method: "GET", url: feedback })).statusCode).toBe(200);

    const flagged = await emma.post(`/api/staff/tickets/${ticket.id}/sensitivity`, { sensitive: true, reason: "Terveystietoja" });
    expect(
      flagged
        .json()
        .history.map((e: { type: string }) => e.type)
        .slice(-2),
    ).toEqual(["ticket.sensitivity_changed", "ticket.unpublished"]);
    expect((await t.app.inject({ method: "GET", url: feedback })).statusCode).toBe(404);
    const again = await emma.put(publication, { publicText: "Kuoppa suojatien vieressä" });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].path).toBe("sensitive");
  });

  it("does not name a flagged ticket among the related tickets of those who may not open it", async () => {
    const { tenant } = await tenantWithSensitiveGroup();
    const advisor = await signIn(t.app, tenant, "advisor");
    const emma = await signIn(t.app, tenant, "expert2");
    const flagged = await ticketIn(tenant, advisor, tenant.groups.green);
    const plain = await ticketIn(tenant, advisor, tenant.groups.green);
    expect((await emma.post(`/api/staff/tickets/${flagged.id}/sensitivity`, { sensitive: true, reason: "Terveys" })).statusCode).toBe(200);
    const linked = await emma.post(`/api/staff/tickets/${plain.id}/links`, { reference: flagged.reference });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().links.map((l: { reference: string }) => l.reference)).toEqual([flagged.reference]);
    expect((await advisor.get(`/api/staff/tickets/${plain.id}`)).json().links).toEqual([]);
  });
});
