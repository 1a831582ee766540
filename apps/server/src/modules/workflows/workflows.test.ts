import { stateTransitions, ticketStates, type WorkflowInput } from "@yhteys/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The built-in states as statuses, plus "Odottaa urakoitsijaa" between handling and resolving. */
const faultWorkflow = (): WorkflowInput => ({
  statuses: [
    ...ticketStates.map((state) => ({
      key: state,
      name: { fi: state },
      phase: state,
      next: [...stateTransitions[state], ...(state === "in_progress" ? ["contractor"] : [])],
    })),
    {
      key: "contractor",
      name: { fi: "Odottaa urakoitsijaa", sv: "Väntar på entreprenör", en: "Waiting for the contractor" },
      publicName: { fi: "Työ on tilattu urakoitsijalta" },
      phase: "waiting_for_customer",
      next: ["in_progress", "resolved"],
    },
  ],
});

async function ticketOf(client: Client, tenant: Awaited<ReturnType<typeof newTenant>>) {
  const receipt = await submitContact(t.app, tenant, { type: "fault_report" });
  const id = (await client.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  return { id, receipt };
}

describe("ticket types and workflows", () => {
  it("moves a ticket through the type's own statuses, keeping the state as the phase and pausing the SLA", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const saved = await admin.put("/api/staff/admin/ticket-types/fault_report/workflow", faultWorkflow());
    expect(saved.statusCode, saved.body).toBe(200);
    const contractor = saved.json().statuses.find((s: { key: string }) => s.key === "contractor");
    expect(contractor).toMatchObject({ phase: "waiting_for_customer", next: ["in_progress", "resolved"], position: 5 });
    expect((await admin.get("/api/staff/admin/ticket-types")).json().items).toContainEqual(
      expect.objectContaining({ type: "fault_report", customWorkflow: true, active: true }),
    );

    const { id, receipt } = await ticketOf(expert, tenant);
    let detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.status).toMatchObject({ key: "new", phase: "new" });
    // "contractor" is reachable only from handling.
    expect(detail.allowedStatuses.map((s: { key: string }) => s.key)).not.toContain("contractor");
    const refused = await expert.post(`/api/staff/tickets/${id}/state`, { statusId: contractor.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({ code: "invalid_transition" });

    expect((await expert.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" })).statusCode).toBe(200);
    detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.status.key).toBe("in_progress");
    expect(detail.allowedStatuses.map((s: { key: string }) => s.key)).toEqual([
      "waiting_for_customer",
      "resolved",
      "closed_unnecessary",
      "contractor",
    ]);

    const moved = await expert.post(`/api/staff/tickets/${id}/state`, { statusId: contractor.id, reason: "Tilattu urakoitsijalta" });
    expect(moved.statusCode, moved.body).toBe(200);
    detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ state: "waiting_for_customer", status: { key: "contractor" }, sla: { paused: true } });
    expect(detail.history.at(-1)).toMatchObject({
      type: "ticket.state_changed",
      data: {
        from: "in_progress",
        to: "waiting_for_customer",
        reason: "Tilattu urakoitsijalta",
        fromStatus: { key: "in_progress" },
        toStatus: { key: "contractor", name: { fi: "Odottaa urakoitsijaa" } },
      },
    });
    // From the contractor status only the workflow's moves: not straight to "closed as unnecessary".
    expect(detail.allowedStatuses.map((s: { key: string }) => s.key)).toEqual(["in_progress", "resolved"]);
    expect((await expert.post(`/api/staff/tickets/${id}/state`, { state: "closed_unnecessary" })).statusCode).toBe(409);

    // Residents see the public name of the status.
    const tracked = (await t.app.inject({ url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` })).json();
    expect(tracked).toMatchObject({ state: "waiting_for_customer", statusName: { fi: "Työ on tilattu urakoitsijalta" } });

    // Back to handling: the SLA clock runs again.
    expect((await expert.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" })).statusCode).toBe(200);
    detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ state: "in_progress", status: { key: "in_progress" }, sla: { paused: false } });
  });

  it("refuses a status of another type with 422 and keeps the built-in states for types without a workflow", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const saved = (await admin.put("/api/staff/admin/ticket-types/question/workflow", faultWorkflow())).json();
    const { id } = await ticketOf(admin, tenant);
    const detail = (await admin.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ status: null, allowedStatuses: [], allowedStates: [...stateTransitions.new] });
    const other = await admin.post(`/api/staff/tickets/${id}/state`, { statusId: saved.statuses[0].id });
    expect(other.statusCode).toBe(422);
    expect(other.headers["content-type"]).toContain("application/problem+json");
    expect((await admin.post(`/api/staff/tickets/${id}/state`, {})).statusCode).toBe(400);
    expect((await admin.post(`/api/staff/tickets/${id}/state`, { state: "resolved" })).statusCode).toBe(200);
  });

  it("validates workflows, switches off statuses left out, and names and switches off types", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const url = "/api/staff/admin/ticket-types/fault_report/workflow";
    const bad = await admin.put(url, {
      statuses: [
        { key: "a", name: { fi: "A" }, phase: "new", next: ["a", "missing"] },
        { key: "a", name: { fi: "A2" }, phase: "resolved" },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(["statuses.0.next.0", "statuses.0.next.1", "statuses.1.key"]);
    expect((await admin.put(url, { statuses: [{ key: "Iso Kirjain", name: { fi: "x" }, phase: "new" }] })).statusCode).toBe(400);

    const first = (await admin.put(url, faultWorkflow())).json();
    const { id } = await ticketOf(admin, tenant);
    expect((await admin.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" })).statusCode).toBe(200);
    // Saving without "contractor" switches it off; its id stays, and saving it again brings it back.
    const without = faultWorkflow();
    without.statuses = without.statuses
      .filter((s) => s.key !== "contractor")
      .map((s) => ({ ...s, next: s.next?.filter((k) => k !== "contractor") }));
    const second = (await admin.put(url, without)).json();
    const contractor = second.statuses.find((s: { key: string }) => s.key === "contractor");
    expect(contractor).toMatchObject({ active: false, id: first.statuses[5].id });
    expect((await admin.get(`/api/staff/tickets/${id}`)).json().allowedStatuses.map((s: { key: string }) => s.key)).not.toContain(
      "contractor",
    );
    // Switching every status off returns the type to the built-in states.
    expect((await admin.put(url, { statuses: [] })).statusCode).toBe(200);
    expect((await admin.get(`/api/staff/tickets/${id}`)).json()).toMatchObject({ status: null, state: "in_progress" });

    const renamed = await admin.patch("/api/staff/admin/ticket-types/question", {
      name: { fi: "Tiedustelu", sv: "Förfrågan", en: "Enquiry" },
      active: false,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ type: "question", active: false, name: { fi: "Tiedustelu" } });
    const org = (await t.app.inject({ url: `/api/public/${tenant.slug}` })).json();
    expect(org.types.map((x: { type: string }) => x.type)).toEqual(["feedback", "fault_report", "service_request"]);
    const staffTypes = (await admin.get("/api/staff/ticket-types")).json().items;
    expect(staffTypes.find((x: { type: string }) => x.type === "question")).toMatchObject({ active: false });
    expect((await admin.patch("/api/staff/admin/ticket-types/unknown", { active: false })).statusCode).toBe(404);
    expect((await admin.patch("/api/staff/admin/ticket-types/Not%20a%20key", { active: false })).statusCode).toBe(400);
  });
});
