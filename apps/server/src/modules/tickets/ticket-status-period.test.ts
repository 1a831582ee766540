/**
 * `tickets.status_changed_at`, the start of a ticket's status period: set at creation and by every
 * move to another state or workflow status (staff, rules, merges, a change of type), and by nothing
 * else.
 */

import { readdirSync, readFileSync } from "node:fs";
import type { WorkflowInput } from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { ticketEvents, tickets } from "../../db/schema.ts";
import { stateStamps } from "./ticket-stamps.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof newTenant>>;

/** Long before the test: a change that starts a new period moves the stamp past it. */
const LONG_AGO = new Date("2020-01-01T00:00:00Z");

/** A workflow with two statuses in handling, so that a status can change within a state. */
const workflow: WorkflowInput = {
  statuses: [
    { key: "received", name: { fi: "Vastaanotettu" }, phase: "new", next: ["handling"] },
    { key: "handling", name: { fi: "Käsittelyssä" }, phase: "in_progress", next: ["ordered", "done"] },
    { key: "ordered", name: { fi: "Tilattu urakoitsijalta" }, phase: "in_progress", next: ["handling", "done"] },
    { key: "done", name: { fi: "Korjattu" }, phase: "resolved", next: ["handling"] },
  ],
};

const row = async (id: string) => {
  const [found] = await t.ctx.db.select().from(tickets).where(eq(tickets.id, id));
  if (!found) throw new Error(`no ticket ${id}`);
  return found;
};
const backdate = (id: string) => t.ctx.db.update(tickets).set({ statusChangedAt: LONG_AGO }).where(eq(tickets.id, id));

async function ticketOf(client: Client, tenant: Tenant, type?: "fault_report") {
  const receipt = await submitContact(t.app, tenant, type ? { type } : {});
  return (await client.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
}

/** Runs `change` on a ticket whose period started long ago; whether it started a new one (stamped at the change). */
async function startsPeriod(id: string, change: () => Promise<{ statusCode: number; body: string }>) {
  await backdate(id);
  const before = Date.now();
  const res = await change();
  expect(res.statusCode, res.body).toBeLessThan(300);
  const at = (await row(id)).statusChangedAt;
  if (at.getTime() === LONG_AGO.getTime()) return false;
  expect(at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  return true;
}

describe("status_changed_at", () => {
  it("starts with the ticket, and the staff view shows it", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const id = await ticketOf(advisor, tenant);
    const created = await row(id);
    expect(created.statusChangedAt.toISOString()).toBe(created.createdAt.toISOString());
    await backdate(id);
    expect((await advisor.get(`/api/staff/tickets/${id}`)).json().statusChangedAt).toBe(LONG_AGO.toISOString());
  });

  it("moves with staff state changes, replies that move, reopening and bulk changes, not with other edits", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const id = await ticketOf(advisor, tenant);
    expect(await startsPeriod(id, () => advisor.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" }))).toBe(true);
    expect(await startsPeriod(id, () => advisor.patch(`/api/staff/tickets/${id}`, { priority: "high" }))).toBe(false);
    expect(await startsPeriod(id, () => advisor.post(`/api/staff/tickets/${id}/notes`, { body: "Soitin asukkaalle." }))).toBe(false);
    expect(await startsPeriod(id, () => advisor.post(`/api/staff/tickets/${id}/replies`, { body: "Selvitämme asiaa." }))).toBe(false);
    expect(
      await startsPeriod(id, () =>
        advisor.post(`/api/staff/tickets/${id}/replies`, { body: "Kerrotko osoitteen?", state: "waiting_for_customer" }),
      ),
    ).toBe(true);
    expect(await startsPeriod(id, () => advisor.post(`/api/staff/tickets/${id}/state`, { state: "resolved" }))).toBe(true);
    // Reopening a finished ticket is a new period too.
    expect(await startsPeriod(id, () => advisor.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" }))).toBe(true);
    expect(
      await startsPeriod(id, () =>
        advisor.post("/api/staff/tickets/bulk", { ticketIds: [id], change: { action: "state", state: "waiting_for_customer" } }),
      ),
    ).toBe(true);
  });

  it("moves with workflow status moves within a state, and with a change of type that leaves the status", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const saved = await admin.put("/api/staff/admin/ticket-types/fault_report/workflow", workflow);
    expect(saved.statusCode, saved.body).toBe(200);
    const status = Object.fromEntries(saved.json().statuses.map((s: { key: string; id: string }) => [s.key, s.id])) as Record<
      string,
      string
    >;
    const id = await ticketOf(expert, tenant, "fault_report");
    expect(await startsPeriod(id, () => expert.post(`/api/staff/tickets/${id}/state`, { statusId: status.handling }))).toBe(true);
    // Within handling (in progress) from one status to another: the state stays, the period starts anew.
    expect(await startsPeriod(id, () => expert.post(`/api/staff/tickets/${id}/state`, { statusId: status.ordered }))).toBe(true);
    expect(await row(id)).toMatchObject({ state: "in_progress", statusId: status.ordered });
    // Another type has no such status: the ticket leaves it.
    expect(await startsPeriod(id, () => expert.patch(`/api/staff/tickets/${id}`, { type: "feedback" }))).toBe(true);
    expect(await row(id)).toMatchObject({ state: "in_progress", statusId: null });
  });

  it("moves when an updated rule changes the status, and when a merge closes the duplicate", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    const saved = await admin.put("/api/staff/admin/ticket-types/fault_report/workflow", workflow);
    const status = Object.fromEntries(saved.json().statuses.map((s: { key: string; id: string }) => [s.key, s.id])) as Record<
      string,
      string
    >;
    const rule = await admin.post("/api/staff/admin/rules", {
      name: "Kiireelliset käsittelyyn",
      trigger: "updated",
      conditions: [{ field: "priority", anyOf: ["urgent"] }],
      actions: [{ action: "setStatus", statusId: status.handling }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const id = await ticketOf(advisor, tenant, "fault_report");
    expect(await startsPeriod(id, () => advisor.patch(`/api/staff/tickets/${id}`, { priority: "urgent" }))).toBe(true);
    expect(await row(id)).toMatchObject({ state: "in_progress", statusId: status.handling });

    const [duplicate, target] = [await ticketOf(advisor, tenant), await ticketOf(advisor, tenant)];
    const reference = (await row(target)).reference;
    await backdate(target);
    expect(await startsPeriod(duplicate, () => advisor.post(`/api/staff/tickets/${duplicate}/merge`, { reference }))).toBe(true);
    expect(await row(duplicate)).toMatchObject({ state: "closed_unnecessary" });
    expect((await row(target)).statusChangedAt).toEqual(LONG_AGO);
  });

  it("is filled for existing tickets by the migration: the latest state move in the history, else the creation", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [moved, untouched] = [await ticketOf(advisor, tenant), await ticketOf(advisor, tenant)];
    await advisor.post(`/api/staff/tickets/${moved}/state`, { state: "in_progress" });
    const [change] = await t.ctx.db
      .select({ at: ticketEvents.createdAt })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, moved), eq(ticketEvents.type, "ticket.state_changed")));
    // Later events that are not moves (a note, a forward) leave the period alone.
    await advisor.post(`/api/staff/tickets/${moved}/notes`, { body: "Tarkistettu paikan päällä." });
    for (const id of [moved, untouched]) await backdate(id);
    // The migration's backfill statement, run again on this tenant's tickets only.
    const migrations = new URL("../../db/migrations/", import.meta.url);
    const file = readdirSync(migrations).find((f) => f.endsWith("_status_changed_at.sql"));
    const migration = readFileSync(new URL(file ?? "missing", migrations), "utf8");
    const backfill = migration.split("--> statement-breakpoint").find((part) => part.includes("UPDATE"));
    if (!backfill) throw new Error("no backfill in the migration");
    await t.ctx.db.execute(sql.raw(`${backfill.trim().replace(/;$/, "")} WHERE t."organisation_id" = '${tenant.id}'`));
    expect((await row(moved)).statusChangedAt).toEqual(change?.at);
    const fresh = await row(untouched);
    expect(fresh.statusChangedAt).toEqual(fresh.createdAt);
  });

  it("comes with every state move's stamps (so incoming email reopening a ticket starts a period), and only with a move", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const ticket = await row(await ticketOf(advisor, tenant));
    const now = new Date();
    await t.ctx.db.transaction(async (tx) => {
      expect(await stateStamps(tx, ticket, "in_progress", now)).toMatchObject({ state: "in_progress", statusChangedAt: now });
      expect(await stateStamps(tx, ticket, "new", now)).not.toHaveProperty("statusChangedAt");
    });
  });
});
