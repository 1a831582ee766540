import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Event = { type: string; actor: string | null; actorKind: string; data: Record<string, unknown> };

describe("recording phone calls and visits", () => {
  it("creates a ticket through the public path: routed by category, customer kept, recorder in the history", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const res = await advisor.post("/api/staff/contacts", {
      channel: "phone",
      categoryId: tenant.categories.potholes,
      description: "Soittaja kertoi kuopasta Hämeenkadulla",
      address: "Hämeenkatu 10",
      wantsReply: true,
      contact: { name: "Pekka Puhelin", phone: "+358 40 765 4321" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({ groupId: tenant.groups.streets, handlerId: null });
    expect(receipt.reference).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);

    const detail = (await advisor.get(`/api/staff/tickets/${receipt.id}`)).json();
    expect(detail).toMatchObject({ channel: "phone", address: "Hämeenkatu 10", state: "new" });
    expect(detail.customer).toMatchObject({ name: "Pekka Puhelin", phone: "+358 40 765 4321", wantsReply: true });
    expect(detail.sla.firstResponse.dueAt).not.toBeNull();
    const created = detail.history.find((e: Event) => e.type === "ticket.created") as Event;
    expect(created).toMatchObject({
      actorKind: "user",
      actor: "Sanna Neuvoja",
      data: { channel: "phone", recordedBy: tenant.users.advisor?.id },
    });
  });

  it("runs the automation rules, unless the recorder keeps the contact in their own group or for themselves", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const rule = await admin.post("/api/staff/admin/rules", {
      name: "Kuopat jäteryhmälle",
      trigger: "created",
      conditions: [{ field: "words", anyOf: ["kuoppa"] }],
      actions: [
        { action: "route", groupId: tenant.groups.waste },
        { action: "setPriority", priority: "high" },
      ],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const expert = await signIn(t.app, tenant, "expert");
    const base = { channel: "visit", categoryId: tenant.categories.potholes, description: "Asiakas kävi kertomassa kuoppa-asiasta" };

    const byRules = (await expert.post("/api/staff/contacts", base)).json();
    expect(byRules.groupId).toBe(tenant.groups.waste);
    const mine = await expert.post("/api/staff/contacts", { ...base, route: "me" });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ groupId: tenant.groups.streets, handlerId: tenant.users.expert?.id });
    const group = (await expert.post("/api/staff/contacts", { ...base, route: "my_group" })).json();
    expect(group).toMatchObject({ groupId: tenant.groups.streets, handlerId: null });
    // The other actions of the rules still apply.
    const detail = (await expert.get(`/api/staff/tickets/${mine.json().id}`)).json();
    expect(detail).toMatchObject({ priority: "high", channel: "visit", handler: { id: tenant.users.expert?.id } });

    const notMine = await expert.post("/api/staff/contacts", { ...base, route: "my_group", groupId: tenant.groups.green });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.headers["content-type"]).toContain("application/problem+json");
    const admins = await admin.post("/api/staff/contacts", { ...base, route: "my_group" });
    expect(admins.statusCode, "a technical admin belongs to no group").toBe(400);
  });

  it("validates the input and refuses roles that do not handle tickets", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const base = { channel: "phone", categoryId: tenant.categories.potholes, description: "Kuoppa" };
    for (const body of [
      { ...base, channel: "web" },
      { ...base, description: "" },
      { ...base, wantsReply: true },
      { ...base, route: "anyone" },
      { ...base, contact: { email: "ei-osoite" } },
    ]) {
      const res = await advisor.post("/api/staff/contacts", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    const unknownCategory = await advisor.post("/api/staff/contacts", { ...base, categoryId: tenant.groups.streets });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().errors).toEqual([{ path: "categoryId", message: "unknown category" }]);
    const missingField = await advisor.post("/api/staff/contacts", { ...base, categoryId: tenant.categories["street-lighting"] });
    expect(missingField.statusCode, "the category's required extra field").toBe(400);
    for (const role of ["viewer", "reporter", "partner", "internal"]) {
      const res = await (await signIn(t.app, tenant, role)).post("/api/staff/contacts", base);
      expect(res.statusCode, role).toBe(403);
    }
  });
});
