/** Rights on staff-recorded contacts, internal customers' requests and absences, per role. */

import { describe, expect, it } from "vitest";
import type { Client } from "../harness.ts";
import { clients, type RoleKey, roles, setUpMatrix, tenant } from "./matrix.ts";

setUpMatrix();

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
