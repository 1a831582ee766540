/** Rights on linking, merging, splitting, bulk changes, reply templates and group signatures, per role. */

import { describe, expect, it } from "vitest";
import type { Client } from "../harness.ts";
import { clients, handlers, type RoleKey, roles, sees, setUpMatrix, tenant, tickets } from "./matrix.ts";

setUpMatrix();

const referenceOf = async (id: string) => (await clients.advisor.get(`/api/staff/tickets/${id}`)).json().reference as string;

/** What a role gets for a handling action on ticket A: handlers act, read-only roles are refused, the rest do not see it. */
const expectedOnA = (role: RoleKey, ok: number) => (handlers.includes(role) ? ok : sees[role].A ? 403 : 404);
/** The roles whose role handles the tickets they see (the second expert is in the green group). */
const handlingRoles: RoleKey[] = [...handlers, "expert2"];

describe("linking, merging and splitting", () => {
  const actions = {
    link: async (c: Client, ids: { A: string; C: string }) =>
      c.post(`/api/staff/tickets/${ids.A}/links`, { reference: await referenceOf(ids.C) }),
    merge: async (c: Client, ids: { A: string; C: string }) =>
      c.post(`/api/staff/tickets/${ids.A}/merge`, { reference: await referenceOf(ids.C) }),
    split: (c: Client, ids: { A: string }) =>
      c.post(`/api/staff/tickets/${ids.A}/split`, {
        parts: [
          { description: "Toinen asia samasta ilmoituksesta", categoryId: tenant.categories.potholes, groupId: tenant.groups.streets },
        ],
      }),
  };
  const cases = roles.flatMap((role) => Object.keys(actions).map((action) => [role, action] as const));
  it.each(cases)("%s → %s", async (role, action) => {
    const ids = await tickets();
    const res = await actions[action as keyof typeof actions](clients[role], ids);
    const expected = expectedOnA(role, 200);
    expect(res.statusCode, `${role} ${action} on A: ${res.body}`).toBe(expected);
    if (expected >= 400) expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses to link or merge with a ticket the caller may not see, without naming it", async () => {
    const ids = await tickets();
    // The expert sees A (streets) but not B (green).
    const hidden = await referenceOf(ids.B);
    for (const path of ["links", "merge"]) {
      const res = await clients.expert.post(`/api/staff/tickets/${ids.A}/${path}`, { reference: hidden });
      expect(res.statusCode, path).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });
});

describe("bulk changes", () => {
  it.each(roles)("%s changes in bulk only the tickets they may handle", async (role) => {
    const ids = await tickets();
    const res = await clients[role].post("/api/staff/tickets/bulk", {
      ticketIds: [ids.A, ids.B],
      change: { action: "priority", priority: "high" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as { changed: { id: string }[]; refused: { id: string; code: string }[] };
    const changed = new Set(result.changed.map((c) => c.id));
    for (const key of ["A", "B"] as const) {
      const may = handlingRoles.includes(role) && sees[role][key];
      expect(changed.has(ids[key]), `${role} changes ${key}`).toBe(may);
      // A refusal never tells whether an unseen ticket exists: not_found for those, forbidden for read-only ones.
      const refusal = result.refused.find((r) => r.id === ids[key]);
      if (!may) expect(refusal?.code, `${role} refused on ${key}`).toBe(sees[role][key] ? "forbidden" : "not_found");
    }
  });
});

describe("reply templates and signatures", () => {
  const admins = ["admin", "contentadmin"];

  it.each(roles)("%s reads a ticket's templates only with the right to reply on it", async (role) => {
    const ids = await tickets();
    // Internal customers have no staff ticket view at all: 403 before any ticket is looked up.
    const onA = await clients[role].get(`/api/staff/tickets/${ids.A}/reply-templates`);
    expect(onA.statusCode, `${role} on A: ${onA.body}`).toBe(role === "internal" ? 403 : expectedOnA(role, 200));
    // The external partner may reply on C, which is assigned to them.
    const onC = await clients[role].get(`/api/staff/tickets/${ids.C}/reply-templates`);
    const expectedC = role === "internal" ? 403 : handlers.includes(role) || role === "partner" ? 200 : sees[role].C ? 403 : 404;
    expect(onC.statusCode, `${role} on C: ${onC.body}`).toBe(expectedC);
  });

  it.each(roles)("%s manages templates and signatures only as an admin, a content admin only for their own group", async (role) => {
    const c = clients[role];
    const list = await c.get("/api/staff/admin/reply-templates");
    expect(list.statusCode, `${role} lists`).toBe(admins.includes(role) ? 200 : 403);
    const template = (groupId: string | null) => ({ groupId, language: "fi", name: `Pohja ${role}`, body: "Hei {resident.name}" });
    const own = await c.post("/api/staff/admin/reply-templates", template(tenant.groups.streets as string));
    expect(own.statusCode, `${role} creates for streets: ${own.body}`).toBe(admins.includes(role) ? 201 : 403);
    const other = await c.post("/api/staff/admin/reply-templates", template(tenant.groups.green as string));
    expect(other.statusCode, `${role} creates for green`).toBe(role === "admin" ? 201 : 403);
    const shared = await c.post("/api/staff/admin/reply-templates", template(null));
    expect(shared.statusCode, `${role} creates for everyone`).toBe(role === "admin" ? 201 : 403);
    if (own.statusCode === 201) {
      const id = own.json().id;
      expect((await c.put(`/api/staff/admin/reply-templates/${id}`, template(tenant.groups.streets as string))).statusCode).toBe(200);
      expect((await c.delete(`/api/staff/admin/reply-templates/${id}`)).statusCode).toBe(204);
    } else {
      // Someone else's template is not theirs to change.
      const made = await clients.admin.post("/api/staff/admin/reply-templates", template(tenant.groups.streets as string));
      const id = made.json().id;
      expect((await c.put(`/api/staff/admin/reply-templates/${id}`, template(tenant.groups.streets as string))).statusCode).toBe(403);
      expect((await c.delete(`/api/staff/admin/reply-templates/${id}`)).statusCode).toBe(403);
    }
    const signature = { body: `Terveisin, ${role}` };
    expect((await c.get("/api/staff/admin/signatures")).statusCode, `${role} lists signatures`).toBe(admins.includes(role) ? 200 : 403);
    const ownSignature = await c.put(`/api/staff/admin/signatures/${tenant.groups.streets}/fi`, signature);
    expect(ownSignature.statusCode, `${role} signs for streets`).toBe(admins.includes(role) ? 200 : 403);
    const otherSignature = await c.put(`/api/staff/admin/signatures/${tenant.groups.green}/fi`, signature);
    expect(otherSignature.statusCode, `${role} signs for green`).toBe(role === "admin" ? 200 : 403);
  });
});
