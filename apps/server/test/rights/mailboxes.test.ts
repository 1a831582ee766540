/** Rights on incoming-email mailboxes, per role. */

import { describe, expect, it } from "vitest";
import type { Client } from "../harness.ts";
import { clients, roles, setUpMatrix, tenant } from "./matrix.ts";

setUpMatrix();

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
