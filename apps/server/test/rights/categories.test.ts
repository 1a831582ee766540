/** Rights on the category tree and its extra fields, per role (REQUIREMENTS P1, M10). */
import { describe, expect, it } from "vitest";
import { clients, type RoleKey, roles, setUpMatrix, tenant } from "./matrix.ts";

setUpMatrix();

const URL = "/api/staff/admin/categories";
const texts = { name: { fi: "Kuopat ja päällysteet", sv: "Gropar och beläggning" }, keywords: ["asfaltti"] };

describe("category administration", () => {
  it.each(roles)("%s reads the tree only as an admin and builds it only as a technical admin", async (role) => {
    const client = clients[role];
    const admins: RoleKey[] = ["admin", "contentadmin"];
    expect((await client.get(URL)).statusCode, `${role} lists`).toBe(admins.includes(role) ? 200 : 403);
    const created = await client.post(URL, { parentId: tenant.categories.streets, code: `new-${role}`, name: { fi: "Uusi" } });
    expect(created.statusCode, `${role} creates`).toBe(role === "admin" ? 201 : 403);
    const moved = await client.post(`${URL}/${tenant.categories.potholes}/move`, { direction: "down" });
    expect(moved.statusCode, `${role} reorders`).toBe(role === "admin" ? 200 : 403);
    const off = await client.patch(`${URL}/${tenant.categories.trails}`, { active: true });
    expect(off.statusCode, `${role} switches on or off`).toBe(role === "admin" ? 200 : 403);
    // The streets group's category: its texts for the streets group's content admin too.
    const edited = await client.patch(`${URL}/${tenant.categories.potholes}`, texts);
    expect(edited.statusCode, `${role} edits texts`).toBe(admins.includes(role) ? 200 : 403);
    const deleted = await client.delete(`${URL}/${tenant.categories["cycle-paths"]}`);
    expect(deleted.statusCode, `${role} deletes`).toBe(role === "admin" ? 204 : 403);
    if (role === "admin") expect((await client.post(URL, { code: "cycle-paths", name: { fi: "Pyörätiet" } })).statusCode).toBe(201);
  });

  it("lets a content admin edit texts, search words and extra fields of their own groups' categories only", async () => {
    const content = clients.contentadmin;
    const field = { code: "depth", type: "number", required: false, label: { fi: "Syvyys (cm)" } };
    const own = await content.patch(`${URL}/${tenant.categories.potholes}`, { ...texts, extraFields: [field] });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ mayEditTexts: true, mayManage: false, extraFields: [field] });
    for (const change of [
      { defaultGroupId: tenant.groups.green },
      { defaultType: "question" },
      { code: "holes" },
      { active: false },
      { parentId: tenant.categories.parks },
      { ...texts, active: false },
    ]) {
      const res = await content.patch(`${URL}/${tenant.categories.potholes}`, change);
      expect(res.statusCode, JSON.stringify(change)).toBe(403);
    }
    // The green group's category is not theirs.
    const other = await content.patch(`${URL}/${tenant.categories.playgrounds}`, texts);
    expect(other.statusCode).toBe(403);
    const listed = (await content.get(URL)).json().items as { id: string; mayEditTexts: boolean }[];
    expect(listed.find((c) => c.id === tenant.categories.playgrounds)?.mayEditTexts).toBe(false);
    expect(listed.find((c) => c.id === tenant.categories.potholes)?.mayEditTexts).toBe(true);
  });
});
