import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { auditEntries, automationRules } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const URL = "/api/staff/admin/categories";

const binField = {
  code: "bin_kind",
  type: "singlevaluelist",
  required: true,
  label: { fi: "Millainen roskakori?", sv: "Vilken sorts papperskorg?", en: "What kind of bin?" },
  options: [
    { key: "full", label: { fi: "Täynnä" } },
    { key: "broken", label: { fi: "Rikki" } },
  ],
};

const category = (tenant: SeededOrganisation, over: Record<string, unknown> = {}) => ({
  parentId: tenant.categories.cleanliness,
  code: "bins",
  name: { fi: "Roskakorit", sv: "Papperskorgar", en: "Litter bins" },
  defaultType: "fault_report",
  defaultGroupId: tenant.groups.waste,
  keywords: ["Roska", "jäteastia"],
  extraFields: [binField],
  ...over,
});

type Listed = { id: string; code: string; parentId: string | null; active: boolean; ticketCount: number; sortOrder: number };
const tree = async (admin: Client) => (await admin.get(URL)).json().items as Listed[];

async function publicCategories(tenant: SeededOrganisation) {
  const res = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/categories` });
  expect(res.statusCode).toBe(200);
  return res.json().items as { id: string; code: string; selectable: boolean; keywords: string[] }[];
}

async function serviceCodes(tenant: SeededOrganisation) {
  const res = await t.app.inject({ method: "GET", url: `/open311/v2/services.json?jurisdiction_id=${tenant.slug}` });
  return (res.json() as { service_code: string }[]).map((s) => s.service_code);
}

describe("category administration", () => {
  it("creates a category that the form, Open311 and new contacts use at once; switching it off hides it", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    // Routing of new contacts is cached per organisation: fill the cache first.
    await submitContact(t.app, tenant);
    const created = await admin.post(URL, category(tenant));
    expect(created.statusCode, created.body).toBe(201);
    const bins = created.json();
    expect(bins).toMatchObject({ code: "bins", keywords: ["roska", "jäteastia"], ticketCount: 0, active: true, mayManage: true });
    const listed = (await publicCategories(tenant)).find((c) => c.code === "bins");
    expect(listed).toMatchObject({ selectable: true, keywords: ["roska", "jäteastia"] });
    expect(await serviceCodes(tenant)).toContain("bins");

    const missing = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId: bins.id, description: "Roskakori on täynnä" },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual({ path: "extraFields.bin_kind", message: "required" });
    const { reference } = await submitContact(t.app, tenant, { categoryId: bins.id, extraFields: { bin_kind: "full" } });
    expect((await tree(admin)).find((c) => c.id === bins.id)?.ticketCount).toBe(1);

    // Removing the field and switching the category off leave the ticket as it was.
    const off = await admin.patch(`${URL}/${bins.id}`, { active: false, extraFields: [] });
    expect(off.statusCode, off.body).toBe(200);
    expect((await publicCategories(tenant)).map((c) => c.code)).not.toContain("bins");
    expect(await serviceCodes(tenant)).not.toContain("bins");
    const again = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId: bins.id, description: "Toinen roskakori" },
    });
    expect(again.statusCode).toBe(400);
    const found = (await admin.get(`/api/staff/tickets?q=${reference}`)).json().items[0];
    const ticket = (await admin.get(`/api/staff/tickets/${found.id}`)).json();
    expect(ticket.category.id).toBe(bins.id);
    expect(ticket.extraFields).toEqual({ bin_kind: "full" });
    const inactive = (await tree(admin)).find((c) => c.id === bins.id);
    expect(inactive).toMatchObject({ active: false, ticketCount: 1 });

    const audited = await t.ctx.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.organisationId, tenant.id), like(auditEntries.action, "category.%")));
    expect(audited.map((r) => r.action).sort()).toEqual(["category.created", "category.updated"]);
  });

  it("switching a parent off hides its whole branch from the form, Open311 and new contacts", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    await submitContact(t.app, tenant, { categoryId: tenant.categories.swimming });
    expect((await admin.patch(`${URL}/${tenant.categories.sports}`, { active: false })).statusCode).toBe(200);
    const codes = (await publicCategories(tenant)).map((c) => c.code);
    expect(codes).not.toContain("sports");
    expect(codes).not.toContain("swimming");
    expect(codes).toContain("potholes");
    expect(await serviceCodes(tenant)).not.toContain("swimming");
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId: tenant.categories.swimming, description: "Uimahallin suihku ei toimi" },
    });
    expect(refused.statusCode).toBe(400);
    // The branch's own settings stay: switched on again, it is back as it was.
    expect((await admin.patch(`${URL}/${tenant.categories.sports}`, { active: true })).statusCode).toBe(200);
    expect((await publicCategories(tenant)).find((c) => c.code === "swimming")).toMatchObject({ selectable: true });
    await submitContact(t.app, tenant, { categoryId: tenant.categories.swimming });
  });

  it("validates extra fields, codes, texts and the default group", async () => {
    const tenant = await newTenant(t.ctx);
    const other = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const field = (over: Record<string, unknown>) => ({ ...binField, ...over });
    const cases: [Record<string, unknown>, string][] = [
      [{ extraFields: [binField, field({ label: { fi: "Toinen" } })] }, "body.extraFields.1.code"],
      [{ extraFields: [field({ options: [] })] }, "body.extraFields.0.options"],
      [{ extraFields: [field({ options: undefined })] }, "body.extraFields.0.options"],
      [{ extraFields: [field({ options: [binField.options[0], binField.options[0]] })] }, "body.extraFields.0.options.1.key"],
      [{ extraFields: [field({ type: "text" })] }, "body.extraFields.0.options"],
      [{ extraFields: [field({ code: "Bin kind" })] }, "body.extraFields.0.code"],
      [{ extraFields: [field({ label: { fi: "", sv: "Korg" } })] }, "body.extraFields.0.label.fi"],
      [{ name: { sv: "Papperskorgar" } }, "body.name.fi"],
      [{ code: "Roskakorit!" }, "body.code"],
      [{ defaultGroupId: other.groups.waste }, "body.defaultGroupId"],
    ];
    for (const [over, path] of cases) {
      const res = await admin.post(URL, category(tenant, over));
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(
        res.json().errors.map((e: { path: string }) => e.path),
        path,
      ).toContain(path);
    }
    const plain = { ...binField, code: "note", type: "text", options: undefined };
    expect((await admin.post(URL, category(tenant, { extraFields: [plain] }))).statusCode).toBe(201);
    const clash = await admin.post(URL, category(tenant, { name: { fi: "Toinen" } }));
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: "conflict", errors: [{ path: "body.code" }] });
    const potholes = await admin.patch(`${URL}/${tenant.categories.potholes}`, { code: "bins" });
    expect(potholes.statusCode).toBe(409);
  });

  it("moves categories without cycles and reorders siblings", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const streets = tenant.categories.streets as string;
    const underItself = await admin.patch(`${URL}/${streets}`, { parentId: streets });
    expect(underItself.statusCode).toBe(422);
    const underChild = await admin.patch(`${URL}/${streets}`, { parentId: tenant.categories.potholes });
    expect(underChild.statusCode).toBe(422);
    expect(underChild.json().errors[0].path).toBe("body.parentId");
    const unknown = await admin.patch(`${URL}/${streets}`, { parentId: (await newTenant(t.ctx)).categories.parks });
    expect(unknown.statusCode).toBe(422);

    const children = async (parentId: string) =>
      (await tree(admin))
        .filter((c) => c.parentId === parentId)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((c) => c.code);
    const before = await children(streets);
    expect(before.slice(0, 2)).toEqual(["street-lighting", "potholes"]);
    const down = await admin.post(`${URL}/${tenant.categories["street-lighting"]}/move`, { direction: "down" });
    expect(down.statusCode, down.body).toBe(200);
    expect((await children(streets)).slice(0, 2)).toEqual(["potholes", "street-lighting"]);
    // At the top already: nothing moves.
    expect((await admin.post(`${URL}/${tenant.categories.potholes}/move`, { direction: "up" })).statusCode).toBe(200);
    expect((await children(streets)).slice(0, 2)).toEqual(["potholes", "street-lighting"]);

    // Under another parent it goes last there, and the form shows it in its new place.
    const moved = await admin.patch(`${URL}/${tenant.categories.potholes}`, { parentId: tenant.categories.parks });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await children(tenant.categories.parks as string)).at(-1)).toBe("potholes");
    expect((await publicCategories(tenant)).find((c) => c.code === "potholes")).toMatchObject({ selectable: true });
  });

  it("makes a category with children a group, and deletes only what nothing refers to", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    await submitContact(t.app, tenant, { categoryId: tenant.categories.potholes });
    // A leaf with tickets may get a subcategory: it then stops being selectable.
    const child = await admin.post(URL, category(tenant, { parentId: tenant.categories.potholes, code: "deep-holes", extraFields: [] }));
    expect(child.statusCode, child.body).toBe(201);
    const listed = await publicCategories(tenant);
    expect(listed.find((c) => c.code === "potholes")?.selectable).toBe(false);
    expect(listed.find((c) => c.code === "deep-holes")?.selectable).toBe(true);
    const asGroup = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId: tenant.categories.potholes, description: "Kuoppa" },
    });
    expect(asGroup.statusCode).toBe(400);

    const refused = await admin.delete(`${URL}/${tenant.categories.potholes}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json().detail).toContain("subcategories, tickets");
    // Rules and notices refer to categories inside their conditions and targets.
    await t.ctx.db.insert(automationRules).values({
      organisationId: tenant.id,
      name: "Leikkipaikat viheralueille",
      trigger: "updated",
      position: 1,
      conditions: [{ field: "category", anyOf: [tenant.categories.playgrounds as string] }],
      actions: [{ action: "route", groupId: tenant.groups.green as string }],
    });
    const rule = await admin.delete(`${URL}/${tenant.categories.playgrounds}`);
    expect(rule.statusCode).toBe(409);
    expect(rule.json().detail).toContain("automation rules");
    const targeted = await admin.post("/api/staff/admin/notices", {
      kind: "disruption",
      title: { fi: "Katuvalot pimeänä" },
      body: { fi: "Korjaus on käynnissä." },
      validFrom: new Date().toISOString(),
      categoryIds: [tenant.categories.trees],
    });
    expect(targeted.statusCode, targeted.body).toBe(201);
    const notice = await admin.delete(`${URL}/${tenant.categories.trees}`);
    expect(notice.statusCode).toBe(409);
    expect(notice.json().detail).toContain("notices");

    const deleted = await admin.delete(`${URL}/${child.json().id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await publicCategories(tenant)).find((c) => c.code === "potholes")?.selectable).toBe(true);
    expect((await admin.delete(`${URL}/${child.json().id}`)).statusCode).toBe(404);
  });
});
