import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { LoginThrottle } from "./throttle.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (organisation: string, email: string, password: string, ip = "127.0.0.1") =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { organisation, email, password }, remoteAddress: ip });

describe("staff sign-in", () => {
  it("opens an HTTP-only session and returns the user and a CSRF token", async () => {
    const tenant = await newTenant(t.ctx);
    const res = await login(tenant.slug, `EXPERT@${tenant.slug}.test`, "demo");
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "yhteys_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const body = res.json();
    expect(body.user).toMatchObject({ role: "expert", name: "Eero Asiantuntija", groupIds: [tenant.groups.streets] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("rejects wrong passwords and unknown accounts alike, and throttles repeated failures", async () => {
    const tenant = await newTenant(t.ctx);
    const wrong = await login(tenant.slug, `expert@${tenant.slug}.test`, "wrong", "10.1.1.1");
    const unknown = await login(tenant.slug, `nobody@${tenant.slug}.test`, "demo", "10.1.1.2");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    for (let i = 0; i < 4; i++) await login(tenant.slug, `expert@${tenant.slug}.test`, "wrong", `10.1.2.${i}`);
    const throttled = await login(tenant.slug, `expert@${tenant.slug}.test`, "demo", "10.1.3.1");
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers["content-type"]).toContain("application/problem+json");
  });

  it("ends the session on sign-out", async () => {
    const tenant = await newTenant(t.ctx);
    const client = await signIn(t.app, tenant, "advisor");
    expect((await client.get("/api/auth/session")).statusCode).toBe(200);
    expect((await client.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await client.get("/api/auth/session")).statusCode).toBe(401);
    expect((await client.get("/api/staff/tickets")).statusCode).toBe(401);
  });

  it("signs in only within the named organisation", async () => {
    const a = await newTenant(t.ctx);
    const b = await newTenant(t.ctx);
    expect((await login(b.slug, `expert@${a.slug}.test`, "demo")).statusCode).toBe(401);
  });
});

describe("passwords and throttling", () => {
  it("hashes with a salt and verifies only the right password", async () => {
    const a = await hashPassword("salasana");
    const b = await hashPassword("salasana");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$/);
    expect(await verifyPassword("salasana", a)).toBe(true);
    expect(await verifyPassword("Salasana", a)).toBe(false);
    expect(await verifyPassword("salasana", "plain")).toBe(false);
  });

  it("lets an account try again once the window has passed", () => {
    const throttle = new LoginThrottle(2, 1000);
    throttle.fail(["k"], 0);
    expect(throttle.retryAfter(["k"], 10)).toBe(0);
    throttle.fail(["k"], 10);
    expect(throttle.retryAfter(["k"], 20)).toBe(1);
    expect(throttle.retryAfter(["k"], 1011)).toBe(0);
    throttle.fail(["k"], 1012);
    throttle.succeed(["k"]);
    expect(throttle.retryAfter(["k"], 1013)).toBe(0);
  });
});
