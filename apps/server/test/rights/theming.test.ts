/** Rights on the organisation's theme: technical admins change it, anyone reads it, no other organisation is touched. */
import { defaultTheme } from "@yhteys/contracts";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { newTenant, signIn } from "../harness.ts";
import { clients, roles, setUpMatrix, t, tenant } from "./matrix.ts";

setUpMatrix();

const theme = { ...defaultTheme, colours: { ...defaultTheme.colours, primary: "#1d4f2a" } };

describe("theming", () => {
  it.each(roles)("%s reads and changes the theme and the logo only as a technical admin", async (role) => {
    const c = clients[role];
    const allowed = role === "admin";
    const logo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#1d4f2a" } })
      .png()
      .toBuffer();
    const answers = {
      read: await c.get("/api/staff/admin/theme"),
      set: await c.put("/api/staff/admin/theme", theme),
      reset: await c.delete("/api/staff/admin/theme"),
      logo: await c.request({ method: "PUT", url: "/api/staff/admin/theme/logo", payload: logo, headers: { "content-type": "image/png" } }),
      removeLogo: await c.delete("/api/staff/admin/theme/logo"),
    };
    for (const [what, res] of Object.entries(answers)) {
      expect(res.statusCode, `${role} ${what}: ${res.body}`).toBe(allowed ? 200 : 403);
      if (!allowed) expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    // A refused change left nothing behind.
    if (!allowed) expect((await clients.admin.get("/api/staff/admin/theme")).json()).toMatchObject({ custom: false, logoUrl: null });
  });

  it("is public to read, without signing in, and stays within its organisation", async () => {
    const anonymous = (url: string) => t.app.inject({ method: "GET", url });
    expect((await clients.admin.put("/api/staff/admin/theme", theme)).statusCode).toBe(200);
    const logo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#1d4f2a" } })
      .png()
      .toBuffer();
    const set = await clients.admin.request({
      method: "PUT",
      url: "/api/staff/admin/theme/logo",
      payload: logo,
      headers: { "content-type": "image/png" },
    });
    expect(set.statusCode).toBe(200);
    const css = await anonymous(`/api/public/${tenant.slug}/theme.css`);
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain("#1d4f2a");
    expect((await anonymous(set.json().logoUrl)).statusCode).toBe(200);
    // Anonymous callers cannot use the admin API.
    expect((await anonymous("/api/staff/admin/theme")).statusCode).toBe(401);

    // Another organisation's admin sees and changes only their own.
    const other = await newTenant(t.ctx);
    const otherAdmin = await signIn(t.app, other, "admin");
    expect((await otherAdmin.get("/api/staff/admin/theme")).json()).toMatchObject({ custom: false, logoUrl: null });
    expect((await otherAdmin.delete("/api/staff/admin/theme")).statusCode).toBe(200);
    expect((await otherAdmin.delete("/api/staff/admin/theme/logo")).statusCode).toBe(200);
    expect((await anonymous(`/api/public/${tenant.slug}/theme.css`)).body).toContain("#1d4f2a");
    expect((await anonymous(`/api/public/${other.slug}/theme.css`)).body).toBe("");
    expect((await anonymous(`/api/public/${other.slug}/logo`)).statusCode).toBe(404);
    await clients.admin.delete("/api/staff/admin/theme");
    await clients.admin.delete("/api/staff/admin/theme/logo");
  });
});
