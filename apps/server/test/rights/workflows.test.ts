/** Rights on ticket types and workflows: admins read them, technical admins change them; moves to a status follow the ticket rights. */
import { stateTransitions, ticketStates } from "@yhteys/contracts";
import { describe, expect, it } from "vitest";
import { clients, handlers, roles, sees, setUpMatrix, tickets } from "./matrix.ts";

setUpMatrix();

const workflow = {
  statuses: [
    ...ticketStates.map((state) => ({ key: state, name: { fi: state }, phase: state, next: [...stateTransitions[state]] })),
    { key: "contractor", name: { fi: "Odottaa urakoitsijaa" }, phase: "waiting_for_customer", next: ["in_progress"] },
  ],
};

describe("ticket types and workflows", () => {
  it.each(roles)("%s reads types and workflows only as an admin and changes them only as a technical admin", async (role) => {
    const c = clients[role];
    const readers = role === "admin" || role === "contentadmin";
    for (const url of ["/api/staff/admin/ticket-types", "/api/staff/admin/ticket-types/fault_report/workflow"]) {
      const res = await c.get(url);
      expect(res.statusCode, `${role} ${url}`).toBe(readers ? 200 : 403);
      if (!readers) expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    const renamed = await c.patch("/api/staff/admin/ticket-types/feedback", { name: { fi: `Palaute ${role}` } });
    expect(renamed.statusCode, `${role} renames a type`).toBe(role === "admin" ? 200 : 403);
    const saved = await c.put("/api/staff/admin/ticket-types/service_request/workflow", workflow);
    expect(saved.statusCode, `${role} saves a workflow`).toBe(role === "admin" ? 200 : 403);
    if (role !== "admin") expect(saved.headers["content-type"]).toContain("application/problem+json");
    // The staff list of types goes with the rest of the directory (groups, colleagues, categories).
    const types = await c.get("/api/staff/ticket-types");
    expect(types.statusCode, `${role} reads the staff list of types`).toBe((await c.get("/api/staff/categories")).statusCode);
  });

  it.each(roles)("%s adds a type and changes an added one only as a technical admin", async (role) => {
    const c = clients[role];
    const key = `tilaus-${role}`;
    const created = await c.post("/api/staff/admin/ticket-types", { name: { fi: `Tilaus ${role}` }, type: "service_request", key });
    expect(created.statusCode, `${role} adds a type`).toBe(role === "admin" ? 201 : 403);
    if (role !== "admin") {
      expect(created.headers["content-type"]).toContain("application/problem+json");
      expect(
        (await clients.admin.post("/api/staff/admin/ticket-types", { name: { fi: `Tilaus ${role}` }, type: "service_request", key }))
          .statusCode,
      ).toBe(201);
    }
    const url = `/api/staff/admin/ticket-types/${key}`;
    const readers = role === "admin" || role === "contentadmin";
    expect((await c.get(`${url}/workflow`)).statusCode, `${role} reads an added type's workflow`).toBe(readers ? 200 : 403);
    expect((await c.patch(url, { active: false })).statusCode, `${role} switches it off`).toBe(role === "admin" ? 200 : 403);
    expect((await c.put(`${url}/workflow`, workflow)).statusCode, `${role} gives it a workflow`).toBe(role === "admin" ? 200 : 403);
  });

  it.each(roles)("%s moves a ticket to a workflow status only where it may change the state", async (role) => {
    const admin = clients.admin;
    const ids = await tickets();
    const type = (await admin.get(`/api/staff/tickets/${ids.A}`)).json().type;
    const saved = await admin.put(`/api/staff/admin/ticket-types/${type}/workflow`, workflow);
    expect(saved.statusCode, saved.body).toBe(200);
    const handling = saved.json().statuses.find((s: { key: string }) => s.key === "in_progress").id;
    const contractor = saved.json().statuses.find((s: { key: string }) => s.key === "contractor").id;
    const moved = await clients[role].post(`/api/staff/tickets/${ids.A}/state`, { statusId: handling });
    expect(moved.statusCode, `${role} on A: ${moved.body}`).toBe(handlers.includes(role) ? 200 : sees[role].A ? 403 : 404);
    expect(moved.headers["content-type"]).toContain(moved.statusCode === 200 ? "application/json" : "application/problem+json");
    // The partner's own ticket C: allowed to change its state, but not along a move the workflow lacks.
    if (role === "partner") {
      const skipped = await clients.partner.post(`/api/staff/tickets/${ids.C}/state`, { statusId: contractor });
      expect(skipped.statusCode).toBe(409);
      const viewer = (await clients.partner.get(`/api/staff/tickets/${ids.C}`)).json();
      expect(viewer.allowedStatuses.map((s: { key: string }) => s.key)).toContain("in_progress");
    }
    // Read-only roles are offered no statuses.
    if (role === "viewer") expect((await clients.viewer.get(`/api/staff/tickets/${ids.A}`)).json().allowedStatuses).toEqual([]);
    await admin.put(`/api/staff/admin/ticket-types/${type}/workflow`, { statuses: [] });
  });
});
