import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("reply templates and signatures", () => {
  it("admins manage them within their rights; handlers get them filled in and replies carry the signature", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const content = await signIn(t.app, tenant, "contentadmin");
    const expert = await signIn(t.app, tenant, "expert");
    const streets = tenant.groups.streets;
    const green = tenant.groups.green;

    const orgWide = await admin.post("/api/staff/admin/reply-templates", {
      groupId: null,
      language: "fi",
      name: "Kiitos",
      body: "Hei {{resident.name}}, kiitos yhteydenotosta {{ticket.reference}}.",
    });
    expect(orgWide.statusCode).toBe(201);
    // Content admins: only their own group's, never the organisation's.
    expect(
      (await content.post("/api/staff/admin/reply-templates", { groupId: null, language: "fi", name: "x", body: "x" })).statusCode,
    ).toBe(403);
    expect(
      (await content.post("/api/staff/admin/reply-templates", { groupId: green, language: "fi", name: "x", body: "x" })).statusCode,
    ).toBe(403);
    const own = await content.post("/api/staff/admin/reply-templates", {
      groupId: streets,
      language: "fi",
      name: "Korjataan",
      body: "Korjaamme kohteen. Terveisin {{handler.name}}",
    });
    expect(own.statusCode).toBe(201);
    await content.post("/api/staff/admin/reply-templates", { groupId: streets, language: "sv", name: "Sv", body: "Hej" });
    const unknown = await content.post("/api/staff/admin/reply-templates", {
      groupId: streets,
      language: "fi",
      name: "x",
      body: "{{resident.age}}",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect(unknown.json().errors[0].message).toContain("{{resident.age}}");
    expect((await expert.get("/api/staff/admin/reply-templates")).statusCode).toBe(403);
    expect(
      (await content.get("/api/staff/admin/reply-templates"))
        .json()
        .items.map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual(["Korjataan", "Sv"]);
    expect((await content.delete(`/api/staff/admin/reply-templates/${orgWide.json().id}`)).statusCode).toBe(403);

    expect((await content.put(`/api/staff/admin/signatures/${green}/fi`, { body: "Viheralueet" })).statusCode).toBe(403);
    const signed = await content.put(`/api/staff/admin/signatures/${streets}/fi`, { body: "{{group.name}}, Demo City" });
    expect(signed.json().items).toEqual([{ groupId: streets, language: "fi", body: "{{group.name}}, Demo City" }]);

    const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: "r@example.test", name: "Riitta" } });
    const id = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    const templates = (await expert.get(`/api/staff/tickets/${id}/reply-templates`)).json();
    expect(templates).toEqual({
      items: [
        { id: orgWide.json().id, name: "Kiitos", text: `Hei Riitta, kiitos yhteydenotosta ${receipt.reference}.`, unknown: [] },
        { id: own.json().id, name: "Korjataan", text: "Korjaamme kohteen. Terveisin Eero Asiantuntija", unknown: [] },
      ],
      signature: "Katu- ja liikenneyksikkö, Demo City",
    });
    const replied = (await expert.post(`/api/staff/tickets/${id}/replies`, { body: "Korjaamme kohteen." })).json();
    expect(replied.messages.at(-1).body).toBe("Korjaamme kohteen.\n\nKatu- ja liikenneyksikkö, Demo City");
    // Not for roles that may not reply.
    expect((await (await signIn(t.app, tenant, "reporter")).get(`/api/staff/tickets/${id}/reply-templates`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, tenant, "expert2")).get(`/api/staff/tickets/${id}/reply-templates`)).statusCode).toBe(404);

    // An empty signature removes it.
    expect((await content.put(`/api/staff/admin/signatures/${streets}/fi`, { body: "" })).json().items).toEqual([]);
    expect((await admin.delete(`/api/staff/admin/reply-templates/${own.json().id}`)).statusCode).toBe(204);
  });
});
