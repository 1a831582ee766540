import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, startTestApp, type TestApp } from "../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("the HTTP application", () => {
  it("answers health and readiness", async () => {
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).json()).toMatchObject({ status: "ready" });
  });

  it("publishes an OpenAPI document generated from the schemas", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/public/{org}/contacts",
      "/api/public/{org}/contacts/{token}",
      "/api/staff/tickets",
      "/api/staff/tickets/{id}/replies",
      "/api/auth/login",
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
    const submit = doc.paths["/api/public/{org}/contacts"].post;
    expect(submit.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["categoryId", "description"]));
  });

  it("answers unknown routes and wrong media types with problem+json", async () => {
    const missing = await t.app.inject({ method: "GET", url: "/api/nothing-here?secret=1" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.json()).toMatchObject({ status: 404, code: "not_found", type: "urn:yhteys:problem:not_found" });
    expect(missing.json().detail).not.toContain("secret");
    const text = await t.app.inject({
      method: "POST",
      url: "/api/public/x/contacts",
      headers: { "content-type": "text/plain" },
      payload: "hi",
    });
    expect(text.statusCode).toBe(415);
    const huge = await t.app.inject({
      method: "POST",
      url: "/api/public/x/contacts",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ description: "x".repeat(300_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses the NUL character in paths, queries and bodies with 400 (PostgreSQL text cannot hold it)", async () => {
    const tenant = await newTenant(t.ctx);
    const categoryId = tenant.categories.potholes;
    const contact = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId, type: "fault_report", description: "Kuoppa\u0000tiellä", language: "fi" },
    });
    expect(contact.statusCode).toBe(400);
    expect(contact.headers["content-type"]).toContain("application/problem+json");
    expect(contact.json().errors).toEqual([{ path: "body.description", message: "must not contain the NUL character (U+0000)" }]);
    const nested = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId, type: "fault_report", description: "Kuoppa", language: "fi", contact: { name: "A\u0000" } },
    });
    expect(nested.json().errors[0].path).toBe("body.contact.name");
    const search = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/addresses?q=a%00b` });
    expect(search.statusCode).toBe(400);
    expect(search.json().errors[0].path).toBe("querystring.q");
    const open311 = await t.app.inject({ method: "GET", url: "/open311/v2/requests/a%00b.json" });
    expect(open311.statusCode).toBe(400);
    // The same requests without the character are fine: the guard is not what answers.
    const fine = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId, type: "fault_report", description: "Kuoppa tiellä", language: "fi" },
    });
    expect(fine.statusCode).toBe(201);
    expect((await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/addresses?q=ab` })).statusCode).toBe(200);
  });

  it("rate-limits public submissions per address", async () => {
    const limited = await startTestApp({ PUBLIC_RATE_LIMIT: "2" });
    try {
      const send = () => limited.app.inject({ method: "POST", url: "/api/public/x/contacts", payload: {}, remoteAddress: "203.0.113.9" });
      const codes = [(await send()).statusCode, (await send()).statusCode, (await send()).statusCode];
      expect(codes).toEqual([400, 400, 429]);
      const other = await limited.app.inject({ method: "POST", url: "/api/public/x/contacts", payload: {}, remoteAddress: "203.0.113.10" });
      expect(other.statusCode).toBe(400);
    } finally {
      await limited.close();
    }
  });
});

describe("request logs", () => {
  it("are JSON lines with request ids and no personal data or tokens", async () => {
    const lines: string[] = [];
    const logged = await startTestApp({ LOG_LEVEL: "info" }, undefined, { logStream: { write: (line: string) => void lines.push(line) } });
    try {
      const { newTenant, submitContact } = await import("../../test/harness.ts");
      const tenant = await newTenant(logged.ctx);
      const receipt = await submitContact(logged.app, tenant, {
        description: "Minun nimeni on Maija Meikäläinen",
        wantsReply: true,
        contact: { email: "maija@example.test", phone: "+358401234567" },
      });
      await logged.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}?lang=fi` });
      const text = lines.join("");
      for (const secret of ["maija@example.test", "Meikäläinen", "+358401234567", receipt.trackingToken])
        expect(text).not.toContain(secret);
      const entries = lines.map((l) => JSON.parse(l));
      const incoming = entries.filter((e) => e.msg === "incoming request");
      expect(incoming.map((e) => e.req.route)).toEqual(["/api/public/:org/contacts", "/api/public/:org/contacts/:token"]);
      expect(incoming[1].req.params).toEqual({ org: tenant.slug });
      expect(incoming.every((e) => typeof e.reqId === "string")).toBe(true);
    } finally {
      await logged.close();
    }
  });
});

describe("web apps", () => {
  it("serves the portal under an organisation and the console, but never for API paths", async () => {
    const page = await t.app.inject({ method: "GET", url: "/demo/track/abc" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect((await t.app.inject({ method: "GET", url: "/console/tickets/x" })).headers["content-type"]).toContain("text/html");
    expect((await t.app.inject({ method: "GET", url: "/demo" })).headers.location).toBe("/demo/");
    for (const url of ["/api/nothing", "/api", "/open311/v3/x", "/assets/missing.js"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toContain("application/problem+json");
    }
  });
});
