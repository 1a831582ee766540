/** Rights on @mentions in internal notes: the mention candidates and notes that mention colleagues, per role. */

import { describe, expect, it } from "vitest";
import { clients, handlers, roles, sees, setUpMatrix, tenant, tickets } from "./matrix.ts";

setUpMatrix();

describe("mention candidates", () => {
  it.each(roles)("%s lists colleagues to mention only on tickets they handle and see", async (role) => {
    const ids = await tickets();
    // Roles without the staff directory (read-only roles, partners, internal customers) are refused by role, on any ticket.
    const mayMention = [...handlers, "expert2"].includes(role);
    for (const key of ["A", "B", "C"] as const) {
      const res = await clients[role].get(`/api/staff/tickets/${ids[key]}/mention-candidates`);
      const expected = !mayMention ? 403 : sees[role][key] ? 200 : 404;
      expect(res.statusCode, `${role} on ${key}: ${res.body}`).toBe(expected);
      if (expected >= 400) expect(res.headers["content-type"]).toContain("application/problem+json");
      else {
        const names = (res.json().items as { id: string }[]).map((u) => u.id);
        // Never the caller, never someone who cannot open the ticket (the internal customer).
        expect(names).not.toContain(tenant.users[role]?.id);
        expect(names).not.toContain(tenant.users.internal?.id);
        // The partner only on C, the ticket assigned to them.
        expect(names.includes(tenant.users.partner?.id as string), `${role} on ${key}: partner`).toBe(key === "C");
      }
    }
  });
});

describe("notes with mentions", () => {
  it.each(roles)("%s mentions a colleague only where they may write notes and look up colleagues", async (role) => {
    const ids = await tickets();
    const body = { body: "@Aino Admin katsotko?", mentions: [tenant.users.admin?.id] };
    const onA = await clients[role].post(`/api/staff/tickets/${ids.A}/notes`, body);
    // The admin mentioning themselves is allowed (they get no notification).
    const expectedA = handlers.includes(role) ? 200 : sees[role].A ? 403 : 404;
    expect(onA.statusCode, `${role} on A: ${onA.body}`).toBe(expectedA);
    // The partner may write notes on C, but not mention anyone.
    const onC = await clients[role].post(`/api/staff/tickets/${ids.C}/notes`, body);
    const expectedC = handlers.includes(role) ? 200 : sees[role].C ? 403 : 404;
    expect(onC.statusCode, `${role} on C: ${onC.body}`).toBe(expectedC);
    if (expectedC >= 400) expect(onC.headers["content-type"]).toContain("application/problem+json");
  });
});
