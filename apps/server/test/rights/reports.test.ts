/** Rights on reports, per role: organisation-wide readers, content admins for their groups, no one else. */
import { describe, expect, it } from "vitest";
import { clients, type RoleKey, roles, setUpMatrix, t, tickets } from "./matrix.ts";

setUpMatrix();

describe("reports", () => {
  const readers: RoleKey[] = ["admin", "contentadmin", "advisor", "reporter"];
  it.each(roles)("%s reads the summary, its CSV and the filter choices only as a reader of reports", async (role) => {
    for (const url of ["/api/staff/reports/summary", "/api/staff/reports/summary.csv?by=month", "/api/staff/reports/options"]) {
      const res = await clients[role].get(url);
      expect(res.statusCode, `${role} GET ${url}`).toBe(readers.includes(role) ? 200 : 403);
      if (!readers.includes(role)) expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });

  it("counts the organisation for admins, advisors and reporters, a content admin's own groups for them", async () => {
    await tickets();
    const received = async (role: RoleKey) => (await clients[role].get("/api/staff/reports/summary")).json().totals.received;
    for (const role of ["admin", "advisor", "reporter"] as const) expect(await received(role), role).toBe(3);
    // A (streets) and C (streets, given to the partner); B is the green group's.
    expect(await received("contentadmin")).toBe(2);
  });

  it("refuses anonymous callers", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/staff/reports/summary" })).statusCode).toBe(401);
  });
});
