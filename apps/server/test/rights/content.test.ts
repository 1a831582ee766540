/** Rights on notices, FAQ entries and the embed settings, per role. */
import { describe, expect, it } from "vitest";
import { clients, type RoleKey, roles, setUpMatrix, tenant } from "./matrix.ts";

setUpMatrix();

describe("notices, FAQ and embedding", () => {
  const manages: RoleKey[] = ["admin", "contentadmin"];
  it.each(roles)("%s reaches the content admin API only as an admin, the embed settings only as a technical admin", async (role) => {
    const client = clients[role];
    for (const url of ["/api/staff/admin/notices", "/api/staff/admin/faq", "/api/staff/admin/notice-areas"])
      expect((await client.get(url)).statusCode, `${role} GET ${url}`).toBe(manages.includes(role) ? 200 : 403);
    const own = { groupId: role === "contentadmin" ? tenant.groups.streets : null };
    const created = await client.post("/api/staff/admin/faq", { question: { fi: "Kysymys?" }, answer: { fi: "Vastaus." }, ...own });
    expect(created.statusCode, `${role} creates an FAQ entry`).toBe(manages.includes(role) ? 201 : 403);
    expect((await client.get("/api/staff/admin/embed")).statusCode, `${role} reads embed settings`).toBe(role === "admin" ? 200 : 403);
  });
});
