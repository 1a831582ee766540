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
    // Plain text (as written before rich text) shows as a paragraph.
    expect(signed.json().items).toEqual([
      { groupId: streets, language: "fi", body: "{{group.name}}, Demo City", html: "<p>{{group.name}}, Demo City</p>" },
    ]);

    const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: "r@example.test", name: "Riitta" } });
    const id = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    const templates = (await expert.get(`/api/staff/tickets/${id}/reply-templates`)).json();
    expect(templates).toEqual({
      items: [
        {
          id: orgWide.json().id,
          name: "Kiitos",
          text: `Hei Riitta, kiitos yhteydenotosta ${receipt.reference}.`,
          html: `<p>Hei Riitta, kiitos yhteydenotosta ${receipt.reference}.</p>`,
          unknown: [],
        },
        {
          id: own.json().id,
          name: "Korjataan",
          text: "Korjaamme kohteen. Terveisin Eero Asiantuntija",
          html: "<p>Korjaamme kohteen. Terveisin Eero Asiantuntija</p>",
          unknown: [],
        },
      ],
      signature: "Katu- ja liikenneyksikkö, Demo City",
      signatureHtml: "<p>Katu- ja liikenneyksikkö, Demo City</p>",
    });
    const replied = (await expert.post(`/api/staff/tickets/${id}/replies`, { body: "Korjaamme kohteen." })).json();
    expect(replied.messages.at(-1)).toMatchObject({ body: "Korjaamme kohteen.\n\nKatu- ja liikenneyksikkö, Demo City", html: null });
    // Not for roles that may not reply.
    expect((await (await signIn(t.app, tenant, "reporter")).get(`/api/staff/tickets/${id}/reply-templates`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, tenant, "expert2")).get(`/api/staff/tickets/${id}/reply-templates`)).statusCode).toBe(404);

    // An empty signature removes it.
    expect((await content.put(`/api/staff/admin/signatures/${streets}/fi`, { body: "" })).json().items).toEqual([]);
    expect((await admin.delete(`/api/staff/admin/reply-templates/${own.json().id}`)).statusCode).toBe(204);
  });

  it("keeps templates and signatures as sanitised rich text, filled in with escaped values", async () => {
    const tenant = await newTenant(t.ctx);
    const content = await signIn(t.app, tenant, "contentadmin");
    const expert = await signIn(t.app, tenant, "expert");
    const streets = tenant.groups.streets;
    const created = await content.post("/api/staff/admin/reply-templates", {
      groupId: streets,
      language: "fi",
      name: "Rikas",
      html: '<p onclick="x()">Hei <b>{{resident.name}}</b></p><script>alert(1)</script><ul><li>viite {{ticket.reference}}</li></ul><p><a href="javascript:alert(1)">paha</a></p>',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      html: "<p>Hei <strong>{{resident.name}}</strong></p><ul><li>viite {{ticket.reference}}</li></ul><p>paha</p>",
      body: "Hei {{resident.name}}\n\n- viite {{ticket.reference}}\n\npaha",
    });
    // Nothing left after sanitising, or an unknown placeholder in the HTML: refused.
    for (const html of ["<script>alert(1)</script>", '<p><a href="https://x.example/{{resident.age}}">x</a></p>'])
      expect(
        (await content.post("/api/staff/admin/reply-templates", { groupId: streets, language: "fi", name: "x", html })).statusCode,
      ).toBe(400);
    const tooLong = await content.post("/api/staff/admin/reply-templates", {
      groupId: streets,
      language: "fi",
      name: "x",
      html: "x".repeat(100001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers["content-type"]).toContain("application/problem+json");
    await content.put(`/api/staff/admin/signatures/${streets}/fi`, { html: "<p><em>{{group.name}}</em><br>{{handler.name}}</p>" });

    // A resident whose name looks like markup gets it as text.
    const receipt = await submitContact(t.app, tenant, {
      wantsReply: true,
      contact: { email: "r@example.test", name: "<img src=x onerror=alert(1)>" },
    });
    const id = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    const templates = (await expert.get(`/api/staff/tickets/${id}/reply-templates`)).json();
    expect(templates.items[0].html).toBe(
      `<p>Hei <strong>&lt;img src=x onerror=alert(1)&gt;</strong></p><ul><li>viite ${receipt.reference}</li></ul><p>paha</p>`,
    );
    expect(templates.signatureHtml).toBe("<p><em>Katu- ja liikenneyksikkö</em><br />Eero Asiantuntija</p>");

    const replied = await expert.post(`/api/staff/tickets/${id}/replies`, {
      html: '<p>Korjaamme <strong>kohteen</strong>.</p><p><a href="https://kartta.example/1" onclick="x()">Kartta</a></p><style>p{}</style>',
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json().messages.at(-1)).toMatchObject({
      html: '<p>Korjaamme <strong>kohteen</strong>.</p><p><a href="https://kartta.example/1" rel="noopener noreferrer">Kartta</a></p>\n<p><em>Katu- ja liikenneyksikkö</em><br />Eero Asiantuntija</p>',
      body: "Korjaamme kohteen.\n\nKartta (https://kartta.example/1)\n\nKatu- ja liikenneyksikkö\nEero Asiantuntija",
    });
    // A reply with nothing left to say is refused, as is one without body or html.
    for (const input of [{ html: "<script>x</script><p> </p>" }, {}, { html: "" }]) {
      const refused = await expert.post(`/api/staff/tickets/${id}/replies`, input);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
    }
  });
});
