import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("automation rules on tickets", () => {
  it("routes and prioritises a new contact by its words, and the history says which rule did it and why", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const created = await admin.post("/api/staff/admin/rules", {
      name: "Vesivuodot kiireellisinä siisteysryhmälle",
      trigger: "created",
      conditions: [{ field: "words", anyOf: ["vesivuoto", "putkirikko"] }],
      actions: [
        { action: "route", groupId: tenant.groups.waste },
        { action: "setPriority", priority: "urgent" },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ position: 1, active: true, stopsProcessing: false, description: null });

    const leakReceipt = await submitContact(t.app, tenant, { description: "Vesivuotoa kadulla Hervannassa" });
    const holeReceipt = await submitContact(t.app, tenant, { description: "Kuoppa kadulla" });
    const advisor = await signIn(t.app, tenant, "advisor");
    const items = (await advisor.get("/api/staff/tickets")).json().items;
    const leak = items.find((i: { reference: string }) => i.reference === leakReceipt.reference);
    const hole = items.find((i: { reference: string }) => i.reference === holeReceipt.reference);
    expect(leak).toMatchObject({ priority: "urgent", group: { id: tenant.groups.waste } });
    expect(hole).toMatchObject({ priority: "normal", group: { id: tenant.groups.streets } });
    // The urgent policy of the demo: first response within 120 working minutes.
    expect(new Date(leak.sla.firstResponse.dueAt).getTime()).toBeLessThan(new Date(hole.sla.firstResponse.dueAt).getTime());

    const detail = (await advisor.get(`/api/staff/tickets/${leak.id}`)).json();
    const createdEvent = detail.history.find((e: { type: string }) => e.type === "ticket.created");
    expect(createdEvent.data.rules).toEqual([{ id: rule.id, name: rule.name, conditions: rule.conditions, actions: rule.actions }]);
    expect(createdEvent.data.groupId).toBe(tenant.groups.waste);

    // Inactive rules do not run.
    expect((await admin.patch(`/api/staff/admin/rules/${rule.id}`, { active: false })).json().active).toBe(false);
    const pipe = await submitContact(t.app, tenant, { description: "Putkirikko pihalla" });
    const [newest] = (await advisor.get("/api/staff/tickets")).json().items;
    expect(newest).toMatchObject({ reference: pipe.reference, priority: "normal", group: { id: tenant.groups.streets } });
  });

  it("runs 'updated' rules after a staff change that changed what they watch, as the system, in the same transaction", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Leikkipaikat viheralueille ja asiantuntijalle",
      trigger: "updated",
      conditions: [
        { field: "changed", anyOf: ["category"] },
        { field: "category", anyOf: [tenant.categories.playgrounds] },
      ],
      actions: [{ action: "route", groupId: tenant.groups.green, handlerId: tenant.users.expert2?.id }],
    });
    expect(made.statusCode, made.body).toBe(201);
    await submitContact(t.app, tenant);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [ticket] = (await advisor.get("/api/staff/tickets")).json().items;

    // A note changes nothing the rule watches.
    await advisor.post(`/api/staff/tickets/${ticket.id}/notes`, { body: "Tarkistetaan" });
    expect((await advisor.get(`/api/staff/tickets/${ticket.id}`)).json().group.id).toBe(tenant.groups.streets);

    const moved = await advisor.post(`/api/staff/tickets/${ticket.id}/reclassify`, { categoryId: tenant.categories.playgrounds });
    expect(moved.statusCode, moved.body).toBe(200);
    const detail = (await advisor.get(`/api/staff/tickets/${ticket.id}`)).json();
    expect(detail).toMatchObject({ group: { id: tenant.groups.green }, handler: { id: tenant.users.expert2?.id } });
    const applied = detail.history.find((e: { type: string }) => e.type === "ticket.rules_applied");
    expect(applied).toMatchObject({ actorKind: "system", actor: null, data: { trigger: "updated", changed: ["category"] } });
    expect(applied.data.rules.map((r: { name: string }) => r.name)).toEqual(["Leikkipaikat viheralueille ja asiantuntijalle"]);
  });

  it("keeps the order admins set and refuses rules that refer to what the organisation does not have", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const make = async (name: string) =>
      (
        await admin.post("/api/staff/admin/rules", {
          name,
          trigger: "created",
          conditions: [{ field: "channel", anyOf: ["email"] }],
          actions: [{ action: "setType", type: "question" }],
        })
      ).json();
    const [a, b, c] = [await make("A"), await make("B"), await make("C")];
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);
    const reordered = await admin.put("/api/staff/admin/rules/order", { trigger: "created", ruleIds: [c.id, a.id, b.id] });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().items.map((r: { name: string }) => r.name)).toEqual(["C", "A", "B"]);
    const partial = await admin.put("/api/staff/admin/rules/order", { trigger: "created", ruleIds: [c.id, a.id] });
    expect(partial.statusCode).toBe(400);
    expect((await admin.delete(`/api/staff/admin/rules/${b.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/staff/admin/rules/${b.id}`)).statusCode).toBe(404);

    const other = await newTenant(t.ctx);
    const cases: [unknown, string][] = [
      [{ actions: [{ action: "route", groupId: other.groups.green }] }, "body.actions.0.groupId"],
      [{ actions: [{ action: "route", handlerId: tenant.users.viewer?.id }] }, "body.actions.0.handlerId"],
      [{ actions: [{ action: "setCategory", categoryId: "00000000-0000-4000-8000-000000000000" }] }, "body.actions.0.categoryId"],
      [
        { conditions: [{ field: "area", anyOf: [other.areas.hervanta] }], actions: [{ action: "setPriority", priority: "high" }] },
        "body.conditions.0.anyOf",
      ],
      [{ actions: [{ action: "route" }] }, "body.actions.0.groupId"],
      [{ actions: [] }, "body.actions"],
      [
        { conditions: [{ field: "words", anyOf: ["a"] }], actions: [{ action: "setPriority", priority: "high" }] },
        "body.conditions.0.anyOf.0",
      ],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post("/api/staff/admin/rules", { name: "Virheellinen", trigger: "created", ...(body as object) });
      expect(res.statusCode, `${path} ${res.body}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // A parent category is not selectable, so a rule cannot move tickets into it.
    const [parent] = (await admin.get("/api/staff/categories")).json().items.filter((x: { parentId: string | null }) => !x.parentId);
    const toParent = await admin.post("/api/staff/admin/rules", {
      name: "Yläluokkaan",
      trigger: "created",
      actions: [{ action: "setCategory", categoryId: parent.id }],
    });
    expect(toParent.statusCode).toBe(400);
  });
});
