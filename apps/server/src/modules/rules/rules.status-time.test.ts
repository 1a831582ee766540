/**
 * Time rules counting from the move into the ticket's current state or workflow status
 * ("statusChanged"): the scan runs at a chosen instant (`now`) instead of waiting for the clock.
 */
import type { WorkflowInput } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { ruleFirings, ticketMessages, tickets } from "../../db/schema.ts";
import { runTimeRules } from "./rules.timer.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof newTenant>>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const row = async (id: string) => {
  const [found] = await t.ctx.db.select().from(tickets).where(eq(tickets.id, id));
  if (!found) throw new Error(`no ticket ${id}`);
  return found;
};
const firings = async (id: string) => (await t.ctx.db.select().from(ruleFirings).where(eq(ruleFirings.ticketId, id))).length;
/** The scan as it would run `ms` after the ticket's current status period began. */
const scanAfter = async (tenant: Tenant, id: string, ms: number) =>
  runTimeRules(t.ctx.db, { organisationId: tenant.id, now: new Date((await row(id)).statusChangedAt.getTime() + ms) });

async function ticketOf(client: Client, tenant: Tenant, options: Parameters<typeof submitContact>[2] = {}) {
  const receipt = await submitContact(t.app, tenant, options);
  return (await client.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
}

async function rule(admin: Client, body: Record<string, unknown>) {
  const res = await admin.post("/api/staff/admin/rules", { trigger: "time", ...body });
  expect(res.statusCode, res.body).toBe(201);
}

describe("time rules on the time in the current status", () => {
  it("close tickets waiting for the customer for 14 days with a message, once per status period, not before", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    const template = await admin.post("/api/staff/admin/reply-templates", {
      groupId: null,
      language: "fi",
      name: "Ei vastausta",
      body: "Suljemme asian {{ticket.reference}}, koska emme saaneet vastausta.",
    });
    expect(template.statusCode, template.body).toBe(201);
    await rule(admin, {
      name: "Vastausta odottaneet 14 vrk suljetaan",
      conditions: [
        { field: "state", anyOf: ["waiting_for_customer"] },
        { field: "elapsed", since: "statusChanged", hours: 14 * 24 },
      ],
      actions: [{ action: "setState", state: "closed_unnecessary", templateId: template.json().id }],
    });
    const id = await ticketOf(advisor, tenant, { contact: { name: "Aino", email: "aino@example.test" } });
    await advisor.post(`/api/staff/tickets/${id}/state`, { state: "waiting_for_customer" });
    // A change that is not a move (a note, a priority) does not start the period again.
    await advisor.post(`/api/staff/tickets/${id}/notes`, { body: "Odotetaan valokuvaa." });
    await advisor.patch(`/api/staff/tickets/${id}`, { priority: "low" });

    expect(await scanAfter(tenant, id, 14 * DAY - HOUR)).toMatchObject({ fired: 0 });
    expect(await row(id)).toMatchObject({ state: "waiting_for_customer" });

    expect(await scanAfter(tenant, id, 14 * DAY + HOUR)).toMatchObject({ fired: 1 });
    expect(await row(id)).toMatchObject({ state: "closed_unnecessary" });
    const replies = await t.ctx.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, id));
    expect(replies.filter((m) => m.kind === "reply")).toHaveLength(1);

    // Reopened and waiting again: a new period, in which the rule fires again once its time has come, and only once.
    await advisor.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" });
    await advisor.post(`/api/staff/tickets/${id}/state`, { state: "waiting_for_customer" });
    expect(await scanAfter(tenant, id, 13 * DAY)).toMatchObject({ fired: 0 });
    expect(await scanAfter(tenant, id, 15 * DAY)).toMatchObject({ fired: 1 });
    expect(await scanAfter(tenant, id, 16 * DAY)).toMatchObject({ fired: 0, scanned: 0 });
    expect(await firings(id)).toBe(2);
  });

  it("raise the priority of a ticket left new for 2 days; a ticket that moved on is not a candidate", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    await rule(admin, {
      name: "Kaksi päivää uutena",
      conditions: [
        { field: "state", anyOf: ["new"] },
        { field: "elapsed", since: "statusChanged", hours: 48 },
      ],
      actions: [{ action: "setPriority", priority: "high" }],
    });
    const [left, taken] = [await ticketOf(advisor, tenant), await ticketOf(advisor, tenant)];
    await advisor.post(`/api/staff/tickets/${taken}/state`, { state: "in_progress" });
    const round = await scanAfter(tenant, taken, 3 * DAY);
    expect(round).toMatchObject({ scanned: 1, fired: 1 });
    expect(await row(left)).toMatchObject({ priority: "high" });
    expect(await row(taken)).toMatchObject({ priority: "normal" });
  });

  it("count the time in a workflow status, which restarts with a move to another status of the same state", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const workflow: WorkflowInput = {
      statuses: [
        { key: "received", name: { fi: "Vastaanotettu" }, phase: "new", next: ["handling"] },
        { key: "handling", name: { fi: "Käsittelyssä" }, phase: "in_progress", next: ["ordered"] },
        { key: "ordered", name: { fi: "Tilattu urakoitsijalta" }, phase: "in_progress", next: ["handling"] },
      ],
    };
    const saved = await admin.put("/api/staff/admin/ticket-types/fault_report/workflow", workflow);
    expect(saved.statusCode, saved.body).toBe(200);
    const status = Object.fromEntries(saved.json().statuses.map((s: { key: string; id: string }) => [s.key, s.id])) as Record<
      string,
      string
    >;
    await rule(admin, {
      name: "Urakoitsija viivyttelee",
      conditions: [{ field: "elapsed", since: "statusChanged", hours: 5 * 24 }],
      actions: [{ action: "addTag", tag: "viivästynyt" }],
    });
    const id = await ticketOf(expert, tenant, { type: "fault_report" });
    await expert.post(`/api/staff/tickets/${id}/state`, { statusId: status.handling });
    await expert.post(`/api/staff/tickets/${id}/state`, { statusId: status.ordered });
    expect(await scanAfter(tenant, id, 4 * DAY)).toMatchObject({ fired: 0 });
    expect(await scanAfter(tenant, id, 6 * DAY)).toMatchObject({ fired: 1 });
    expect(await row(id)).toMatchObject({ tags: ["viivästynyt"] });
    await expert.post(`/api/staff/tickets/${id}/state`, { statusId: status.handling });
    expect(await scanAfter(tenant, id, 6 * DAY)).toMatchObject({ fired: 1 });
    expect(await firings(id)).toBe(2);
  });
});
