import type { WorkflowInput } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { ticketEvents, tickets } from "../../db/schema.ts";
import { runTimeRules } from "./rules.timer.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof newTenant>>;
type Event = { type: string; actorKind: string; data: Record<string, unknown> };

/** A fault report's workflow with a step where the work waits for a contractor (the SLA clock stops there). */
const contractorWorkflow: WorkflowInput = {
  statuses: [
    { key: "received", name: { fi: "Vastaanotettu" }, phase: "new", next: ["handling"] },
    { key: "inspection", name: { fi: "Odottaa tarkastusta" }, phase: "new", next: ["handling"] },
    { key: "handling", name: { fi: "Käsittelyssä" }, phase: "in_progress", next: ["contractor", "done"] },
    { key: "contractor", name: { fi: "Odottaa urakoitsijaa" }, phase: "waiting_for_customer", next: ["handling", "done"] },
    { key: "done", name: { fi: "Korjattu" }, phase: "resolved", next: ["handling"] },
  ],
};

/** The tenant's admin and expert, with the workflow saved; statuses by key. */
async function setUp(tenant: Tenant) {
  const admin = await signIn(t.app, tenant, "admin");
  const expert = await signIn(t.app, tenant, "expert");
  const saved = await admin.put("/api/staff/admin/ticket-types/fault_report/workflow", contractorWorkflow);
  expect(saved.statusCode, saved.body).toBe(200);
  const status = Object.fromEntries(saved.json().statuses.map((s: { key: string; id: string }) => [s.key, s.id])) as Record<string, string>;
  return { admin, expert, status };
}

async function rule(admin: Client, body: Record<string, unknown>) {
  const res = await admin.post("/api/staff/admin/rules", body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}

async function faultReport(client: Client, tenant: Tenant) {
  const receipt = await submitContact(t.app, tenant, { type: "fault_report" });
  return (await client.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
}

const row = async (id: string) => (await t.ctx.db.select().from(tickets).where(eq(tickets.id, id)))[0];
const history = async (client: Client, id: string) => (await client.get(`/api/staff/tickets/${id}`)).json().history as Event[];

describe("rules and workflow statuses", () => {
  it("an updated rule moves a ticket to a status, its phase following with the SLA paused; a move the workflow refuses is noted", async () => {
    const tenant = await newTenant(t.ctx);
    const { admin, expert, status } = await setUp(tenant);
    await rule(admin, {
      name: "Käsittelyyn otetut urakoitsijalle",
      trigger: "updated",
      conditions: [
        { field: "changed", anyOf: ["status"] },
        { field: "status", anyOf: [status.handling] },
      ],
      actions: [{ action: "setStatus", statusId: status.contractor }],
    });
    await rule(admin, {
      name: "Kiireelliset korjatuiksi",
      trigger: "updated",
      conditions: [{ field: "changed", anyOf: ["priority"] }],
      actions: [
        { action: "setStatus", statusId: status.done },
        { action: "addTag", tag: "kiire" },
      ],
    });

    const moved = await faultReport(expert, tenant);
    expect((await expert.post(`/api/staff/tickets/${moved}/state`, { statusId: status.handling })).statusCode).toBe(200);
    expect(await row(moved)).toMatchObject({ state: "waiting_for_customer", statusId: status.contractor, slaPausedAt: expect.any(Date) });
    const detail = (await expert.get(`/api/staff/tickets/${moved}`)).json();
    expect(detail).toMatchObject({ status: { key: "contractor" }, sla: { paused: true } });
    expect(detail.history.filter((e: Event) => e.type === "ticket.state_changed").at(-1)).toMatchObject({
      actorKind: "system",
      data: {
        from: "in_progress",
        to: "waiting_for_customer",
        reason: "Käsittelyyn otetut urakoitsijalle",
        fromStatus: { key: "handling" },
        toStatus: { key: "contractor", name: { fi: "Odottaa urakoitsijaa" } },
      },
    });

    // From "received" the workflow goes to handling only: the rule's other actions apply, the move is skipped.
    const refused = await faultReport(expert, tenant);
    const edit = await expert.patch(`/api/staff/tickets/${refused}`, { priority: "urgent" });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await row(refused)).toMatchObject({ state: "new", statusId: null, tags: ["kiire"] });
    const applied = (await history(expert, refused)).find((e) => e.type === "ticket.rules_applied");
    expect(applied?.data.skipped).toEqual([
      { rule: { id: expect.any(String), name: "Kiireelliset korjatuiksi" }, action: "setStatus", reason: "move_not_allowed" },
    ]);

    // From waiting for the contractor to fixed: resolved, the SLA clock running again and stopped by the resolution.
    expect((await expert.patch(`/api/staff/tickets/${moved}`, { priority: "urgent" })).statusCode).toBe(200);
    expect(await row(moved)).toMatchObject({ state: "resolved", statusId: status.done, slaPausedAt: null, resolvedAt: expect.any(Date) });
  });

  it("a time rule finds tickets in a status through SQL: three working days with the contractor notify the group", async () => {
    const tenant = await newTenant(t.ctx);
    const { admin, expert, status } = await setUp(tenant);
    await rule(admin, {
      name: "Urakoitsija viivyttelee",
      trigger: "time",
      conditions: [
        { field: "status", anyOf: [status.contractor] },
        { field: "elapsed", since: "updated", hours: 3 * 8, businessHours: true },
      ],
      actions: [{ action: "notify", groupIds: [tenant.groups.streets] }],
    });
    const [waiting, handled] = [await faultReport(expert, tenant), await faultReport(expert, tenant)];
    for (const id of [waiting, handled]) await expert.post(`/api/staff/tickets/${id}/state`, { statusId: status.handling });
    await expert.post(`/api/staff/tickets/${waiting}/state`, { statusId: status.contractor });
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    for (const id of [waiting, handled]) await t.ctx.db.update(tickets).set({ updatedAt: monthAgo }).where(eq(tickets.id, id));

    const round = await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    // Only the ticket in the status is read: the status is part of the candidate statement.
    expect(round).toMatchObject({ scanned: 1, fired: 1 });
    const types = async (id: string) =>
      (await t.ctx.db.select({ type: ticketEvents.type }).from(ticketEvents).where(eq(ticketEvents.ticketId, id))).map((e) => e.type);
    expect(await types(waiting)).toContain("ticket.rule_notified");
    expect(await types(handled)).not.toContain("ticket.rules_applied");
  });

  it("a time rule's status condition holds for tickets in their phase's first status, and its move goes through the workflow", async () => {
    const tenant = await newTenant(t.ctx);
    const { admin, expert, status } = await setUp(tenant);
    await rule(admin, {
      name: "Vastaanotetut käsittelyyn",
      trigger: "time",
      conditions: [
        { field: "status", anyOf: [status.received] },
        { field: "elapsed", since: "created", hours: 2 },
      ],
      actions: [{ action: "setStatus", statusId: status.handling }],
    });
    // A new ticket stores no status: it is in "received", the first status of its phase.
    const fresh = await faultReport(expert, tenant);
    await t.ctx.db
      .update(tickets)
      .set({ createdAt: new Date(Date.now() - 3 * 3_600_000) })
      .where(eq(tickets.id, fresh));
    expect(await runTimeRules(t.ctx.db, { organisationId: tenant.id })).toMatchObject({ scanned: 1, fired: 1 });
    expect(await row(fresh)).toMatchObject({ state: "in_progress", statusId: status.handling });
    expect((await history(expert, fresh)).at(-1)).toMatchObject({
      type: "ticket.state_changed",
      data: { from: "new", to: "in_progress", toStatus: { key: "handling" }, reason: "Vastaanotetut käsittelyyn" },
    });
  });

  it("a created rule starts a new ticket in a status of the new phase, never further", async () => {
    const tenant = await newTenant(t.ctx);
    const { admin, expert, status } = await setUp(tenant);
    await rule(admin, {
      name: "Tarkastettavat",
      trigger: "created",
      conditions: [{ field: "words", anyOf: ["tarkast"] }],
      actions: [{ action: "setStatus", statusId: status.inspection }],
    });
    await rule(admin, {
      name: "Suoraan käsittelyyn",
      trigger: "created",
      conditions: [{ field: "words", anyOf: ["heti"] }],
      actions: [
        { action: "setStatus", statusId: status.handling },
        { action: "setPriority", priority: "high" },
      ],
    });
    const submit = async (description: string) => {
      const receipt = await submitContact(t.app, tenant, { type: "fault_report", description });
      return (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    };
    const inspected = await submit("Kaivon kansi pitää tarkastaa, se heiluu");
    expect(await row(inspected)).toMatchObject({ state: "new", statusId: status.inspection });
    expect((await expert.get(`/api/staff/tickets/${inspected}`)).json().status).toMatchObject({ key: "inspection" });
    const hurried = await submit("Vesijohto vuotaa, tulkaa heti");
    expect(await row(hurried)).toMatchObject({ state: "new", statusId: null, priority: "high" });
    const created = (await history(expert, hurried)).find((e) => e.type === "ticket.created");
    expect(created?.data.skipped).toEqual([
      { rule: { id: expect.any(String), name: "Suoraan käsittelyyn" }, action: "setStatus", reason: "move_not_allowed" },
    ]);
  });

  it("refuses statuses of another organisation or switched off, but keeps a rule whose status was switched off later editable", async () => {
    const tenant = await newTenant(t.ctx);
    const { admin, status } = await setUp(tenant);
    const other = await setUp(await newTenant(t.ctx));
    const made = await rule(admin, {
      name: "Urakoitsijalle",
      trigger: "updated",
      conditions: [{ field: "status", anyOf: [status.handling] }],
      actions: [{ action: "setStatus", statusId: status.contractor }],
    });
    const foreign = await admin.post("/api/staff/admin/rules", {
      name: "Vieras tila",
      trigger: "time",
      conditions: [
        { field: "status", anyOf: [other.status.contractor] },
        { field: "elapsed", since: "updated", hours: 1 },
      ],
      actions: [{ action: "setStatus", statusId: other.status.done }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.headers["content-type"]).toContain("application/problem+json");
    expect(foreign.json().errors).toEqual([
      { path: "body.conditions.0.anyOf", message: "unknown or switched-off status" },
      { path: "body.actions.0.statusId", message: "unknown or switched-off status" },
    ]);

    // The workflow leaves "contractor" out: it is switched off, new rules cannot use it, the old one can still be switched off.
    const statuses = contractorWorkflow.statuses
      .filter((s) => s.key !== "contractor")
      .map((s) => ({ ...s, next: (s.next ?? []).filter((n) => n !== "contractor") }));
    expect((await admin.put("/api/staff/admin/ticket-types/fault_report/workflow", { statuses })).statusCode).toBe(200);
    const again = await admin.post("/api/staff/admin/rules", {
      name: "Urakoitsijalle 2",
      trigger: "updated",
      actions: [{ action: "setStatus", statusId: status.contractor }],
    });
    expect(again.json().errors).toEqual([{ path: "body.actions.0.statusId", message: "unknown or switched-off status" }]);
    const off = await admin.patch(`/api/staff/admin/rules/${made.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
  });
});
