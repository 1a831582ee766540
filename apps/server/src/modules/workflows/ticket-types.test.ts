import { stateTransitions, ticketStates } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { tickets } from "../../db/schema.ts";
import { runTimeRules } from "../rules/rules.timer.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const permit = { name: { fi: "Lupahakemus", sv: "Tillståndsansökan", en: "Permit application" }, type: "service_request" };
/** The built-in states as statuses, plus "Lausunnolla" (out for comment) while waiting. */
const permitWorkflow = {
  statuses: [
    ...ticketStates.map((state) => ({ key: state, name: { fi: `Lupa ${state}` }, phase: state, next: [...stateTransitions[state]] })),
    { key: "comment", name: { fi: "Lausunnolla" }, phase: "in_progress", next: ["resolved"] },
  ],
};

async function ticketId(client: Client, reference: string) {
  return (await client.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
}

describe("ticket types the organisation adds", () => {
  it("adds, renames, reorders and switches off a type; keys are unique and names required", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const created = await admin.post("/api/staff/admin/ticket-types", permit);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ key: "lupahakemus", type: "service_request", builtIn: false, active: true, position: 4 });

    const twice = await admin.post("/api/staff/admin/ticket-types", permit);
    expect(twice.statusCode).toBe(409);
    expect(twice.headers["content-type"]).toContain("application/problem+json");
    expect(twice.json().errors).toEqual([expect.objectContaining({ path: "key" })]);
    // A kind's name is reserved for the built-in type.
    expect((await admin.post("/api/staff/admin/ticket-types", { ...permit, key: "feedback" })).statusCode).toBe(409);
    const nameless = await admin.post("/api/staff/admin/ticket-types", { ...permit, name: { fi: "!!!" } });
    expect(nameless.statusCode).toBe(422);
    expect(nameless.json().errors).toEqual([expect.objectContaining({ path: "key" })]);
    expect((await admin.post("/api/staff/admin/ticket-types", { ...permit, name: { fi: "" } })).statusCode).toBe(400);

    const order = await admin.post("/api/staff/admin/ticket-types", { name: { fi: "Tilaus" }, type: "service_request", position: 0 });
    expect(order.json()).toMatchObject({ key: "tilaus", position: 0 });
    const keys = (await admin.get("/api/staff/admin/ticket-types")).json().items.map((s: { key: string }) => s.key);
    expect(keys).toEqual(["feedback", "tilaus", "question", "fault_report", "service_request", "lupahakemus"]);

    const unnamed = await admin.patch("/api/staff/admin/ticket-types/tilaus", { name: null });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().errors).toEqual([expect.objectContaining({ path: "name" })]);
    const off = await admin.patch("/api/staff/admin/ticket-types/tilaus", { active: false, name: { fi: "Tilaus (vanha)" } });
    expect(off.json()).toMatchObject({ active: false, name: { fi: "Tilaus (vanha)" } });
    const offered = (await t.app.inject({ url: `/api/public/${tenant.slug}` })).json().types;
    expect(offered.map((x: { key: string }) => x.key)).toEqual(["feedback", "question", "fault_report", "service_request", "lupahakemus"]);
    expect((await admin.patch("/api/staff/admin/ticket-types/no-such", { active: false })).statusCode).toBe(404);
  });

  it("takes a contact of an added type, shows its name and refuses types not offered", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const type = (await admin.post("/api/staff/admin/ticket-types", permit)).json();
    expect((await admin.put("/api/staff/admin/ticket-types/lupahakemus/workflow", permitWorkflow)).statusCode).toBe(200);

    const receipt = await submitContact(t.app, tenant, { typeId: type.id });
    const id = await ticketId(expert, receipt.reference);
    const detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ type: "service_request", typeId: type.id, status: { key: "new" } });
    // Its own workflow: "Lausunnolla" is reachable only from handling.
    const next = detail.allowedStatuses.map((s: { key: string }) => s.key);
    expect(next).toContain("in_progress");
    expect(next).not.toContain("comment");
    const queue = (await expert.get(`/api/staff/tickets?typeId=${type.id}`)).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const tracked = (await t.app.inject({ url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` })).json();
    expect(tracked).toMatchObject({ type: "service_request", typeName: { fi: "Lupahakemus" } });

    // Tickets of the built-in type of the same kind are not of the added type, and the other way round.
    const plain = await submitContact(t.app, tenant, { type: "service_request" });
    const builtIn = (await admin.patch("/api/staff/admin/ticket-types/service_request", { position: 3 })).json();
    const plainRows = (await expert.get(`/api/staff/tickets?typeId=${builtIn.id}`)).json().items;
    expect(plainRows.map((r: { reference: string }) => r.reference)).toEqual([plain.reference]);

    const other = await newTenant(t.ctx);
    const foreign = await t.app.inject({
      method: "POST",
      url: `/api/public/${other.slug}/contacts`,
      payload: { categoryId: other.categories.potholes, description: "Lupa toisessa kunnassa", typeId: type.id },
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ path: "typeId" })]);
    await admin.patch("/api/staff/admin/ticket-types/lupahakemus", { active: false });
    await expect(submitContact(t.app, tenant, { typeId: type.id })).rejects.toThrow(/422/);
    // Staff recording a call are held to the same list.
    const recorded = await expert.post("/api/staff/contacts", {
      categoryId: tenant.categories.potholes,
      description: "Soitto luvasta",
      channel: "phone",
      typeId: type.id,
    });
    expect(recorded.statusCode).toBe(422);
  });

  it("moves a ticket's status into the new type's workflow when its type changes, and says so in the history", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const type = (await admin.post("/api/staff/admin/ticket-types", permit)).json();
    await admin.put("/api/staff/admin/ticket-types/lupahakemus/workflow", permitWorkflow);
    const id = await ticketId(expert, (await submitContact(t.app, tenant, { type: "fault_report" })).reference);
    expect((await expert.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" })).statusCode).toBe(200);

    const edited = await expert.patch(`/api/staff/tickets/${id}`, { typeId: type.id });
    expect(edited.statusCode, edited.body).toBe(200);
    let detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ type: "service_request", typeId: type.id, state: "in_progress", status: { key: "in_progress" } });
    const event = detail.history.find((e: { type: string }) => e.type === "ticket.edited");
    expect(event.data).toMatchObject({
      fields: ["type"],
      typeId: type.id,
      toStatus: { key: "in_progress", name: { fi: "Lupa in_progress" } },
    });

    // Back to a built-in type without a workflow: no status, and the history says where from.
    const reclassified = await expert.post(`/api/staff/tickets/${id}/reclassify`, {
      categoryId: tenant.categories.potholes,
      type: "question",
    });
    expect(reclassified.statusCode, reclassified.body).toBe(200);
    detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ type: "question", typeId: null, status: null, state: "in_progress" });
    const back = detail.history.find((e: { type: string }) => e.type === "ticket.reclassified");
    expect(back.data).toMatchObject({
      from: { type: "service_request", typeId: type.id },
      to: { type: "question", typeId: null },
      fromStatus: { key: "in_progress" },
      toStatus: null,
    });
    const refused = await expert.patch(`/api/staff/tickets/${id}`, { typeId: "00000000-0000-4000-8000-000000000000" });
    expect(refused.statusCode).toBe(422);
  });

  it("lets rules test for an added type and set one, and refuses types the organisation lacks", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const type = (await admin.post("/api/staff/admin/ticket-types", permit)).json();
    const order = (await admin.post("/api/staff/admin/ticket-types", { name: { fi: "Tilaus" }, type: "question" })).json();
    const rule = (body: Record<string, unknown>) => admin.post("/api/staff/admin/rules", { name: "Luvat", trigger: "created", ...body });
    expect(
      (await rule({ conditions: [{ field: "type", anyOf: [type.id] }], actions: [{ action: "setPriority", priority: "urgent" }] }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await rule({
          conditions: [{ field: "words", anyOf: ["tilaan"] }],
          actions: [{ action: "setType", type: "question", typeId: order.id }],
        })
      ).statusCode,
    ).toBe(201);
    const wrongKind = await rule({
      conditions: [{ field: "words", anyOf: ["tilaus"] }],
      actions: [{ action: "setType", type: "feedback", typeId: order.id }],
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors).toEqual([expect.objectContaining({ path: "body.actions.0.typeId" })]);
    const other = await newTenant(t.ctx);
    const foreign = await (await signIn(t.app, other, "admin")).post("/api/staff/admin/rules", {
      name: "Vieras",
      trigger: "created",
      conditions: [{ field: "type", anyOf: ["fault_report", type.id] }],
      actions: [{ action: "setPriority", priority: "high" }],
    });
    expect(foreign.statusCode).toBe(400);

    const permitted = await ticketId(expert, (await submitContact(t.app, tenant, { typeId: type.id })).reference);
    expect((await expert.get(`/api/staff/tickets/${permitted}`)).json()).toMatchObject({ priority: "urgent", typeId: type.id });
    const plain = await ticketId(expert, (await submitContact(t.app, tenant, { type: "service_request" })).reference);
    expect((await expert.get(`/api/staff/tickets/${plain}`)).json()).toMatchObject({ priority: "normal", typeId: null });
    const ordered = await ticketId(
      expert,
      (await submitContact(t.app, tenant, { description: "Haluan tilata jäteastian, tilaan sen" })).reference,
    );
    expect((await expert.get(`/api/staff/tickets/${ordered}`)).json()).toMatchObject({ type: "question", typeId: order.id });
  });

  it("runs a time rule on the tickets of an added type only", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const type = (await admin.post("/api/staff/admin/ticket-types", permit)).json();
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Vanhat luvat kiireellisiksi",
      trigger: "time",
      conditions: [
        { field: "type", anyOf: [type.id] },
        { field: "elapsed", since: "created", hours: 24 },
      ],
      actions: [{ action: "setPriority", priority: "high" }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const permitted = await ticketId(expert, (await submitContact(t.app, tenant, { typeId: type.id })).reference);
    const plain = await ticketId(expert, (await submitContact(t.app, tenant, { type: "service_request" })).reference);
    await t.ctx.db
      .update(tickets)
      .set({ createdAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(tickets.organisationId, tenant.id));
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    expect((await expert.get(`/api/staff/tickets/${permitted}`)).json().priority).toBe("high");
    expect((await expert.get(`/api/staff/tickets/${plain}`)).json().priority).toBe("normal");
  });

  it("matches a status condition in the workflow of the ticket's own type, not its kind's", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const type = (await admin.post("/api/staff/admin/ticket-types", permit)).json();
    const workflow = (await admin.put("/api/staff/admin/ticket-types/lupahakemus/workflow", permitWorkflow)).json();
    const arrived = workflow.statuses.find((s: { key: string }) => s.key === "new").id;
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Uudet luvat kiireellisiksi",
      trigger: "created",
      conditions: [{ field: "status", anyOf: [arrived] }],
      actions: [{ action: "setPriority", priority: "urgent" }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const permitted = await ticketId(expert, (await submitContact(t.app, tenant, { typeId: type.id })).reference);
    const plain = await ticketId(expert, (await submitContact(t.app, tenant, { type: "service_request" })).reference);
    expect((await expert.get(`/api/staff/tickets/${permitted}`)).json()).toMatchObject({ priority: "urgent", status: { key: "new" } });
    expect((await expert.get(`/api/staff/tickets/${plain}`)).json()).toMatchObject({ priority: "normal", status: null });
  });
});
