/** Rights on the integrations admin (API clients, channels, Open311 routes) and the callback queue, per role. */
import { describe, expect, it } from "vitest";
import { clients, roles, setUpMatrix } from "./matrix.ts";

setUpMatrix();

describe("integrations and callbacks", () => {
  it.each(roles)("%s reaches the integrations admin and the callback queue only as the role allows", async (role) => {
    const c = clients[role];
    for (const url of ["/api/staff/admin/api-clients", "/api/staff/admin/channels", "/api/staff/admin/open311-routes"])
      expect((await c.get(url)).statusCode, `${role} ${url}`).toBe(role === "admin" ? 200 : 403);
    const seesPhones = ["admin", "contentadmin", "advisor", "expert", "expert2"].includes(role);
    expect((await c.get("/api/staff/callbacks")).statusCode, `${role} callbacks`).toBe(seesPhones ? 200 : 403);
  });
});
