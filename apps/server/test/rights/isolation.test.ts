/** Tenant isolation: staff of one organisation never reach another's tickets or settings. */

import { describe, expect, it } from "vitest";
import { newTenant, signIn, uploadAttachment } from "../harness.ts";
import { clients, setUpMatrix, t, tenant, tickets } from "./matrix.ts";

setUpMatrix();

describe("tenant isolation", () => {
  it("staff of one organisation never see another's tickets", async () => {
    const ids = await tickets();
    const other = await newTenant(t.ctx);
    const advisor = await signIn(t.app, other, "advisor");
    expect((await advisor.get("/api/staff/tickets")).json().total).toBe(0);
    expect((await advisor.get(`/api/staff/tickets/${ids.A}`)).statusCode).toBe(404);
    const file = (await uploadAttachment(t.app, tenant, ids.tokens.A, "liite.pdf", Buffer.from("%PDF-1.4\n"))).json();
    expect((await advisor.get(`/api/staff/tickets/${ids.A}/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await advisor.post(`/api/staff/tickets/${ids.A}/notes`, { body: "x" })).statusCode).toBe(404);
    const admin = await signIn(t.app, other, "admin");
    expect((await admin.get(`/api/staff/admin/users/${tenant.users.expert?.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/staff/admin/users/${tenant.users.expert?.id}`, { name: "X" })).statusCode).toBe(404);
    expect((await admin.patch(`/api/staff/admin/groups/${tenant.groups.streets}`, { name: { fi: "X" } })).statusCode).toBe(404);
    const [calendar] = (await clients.admin.get("/api/staff/admin/calendars")).json().items;
    expect((await admin.patch(`/api/staff/admin/calendars/${calendar.id}`, { name: { fi: "X" } })).statusCode).toBe(404);
    expect((await admin.get(`/api/staff/admin/calendars/${calendar.id}/days`)).statusCode).toBe(404);
    const rule = (
      await clients.admin.post("/api/staff/admin/rules", {
        name: "Oma sääntö",
        trigger: "created",
        active: false,
        actions: [{ action: "setPriority", priority: "low" }],
      })
    ).json();
    expect((await admin.patch(`/api/staff/admin/rules/${rule.id}`, { name: "X" })).statusCode).toBe(404);
    expect((await admin.delete(`/api/staff/admin/rules/${rule.id}`)).statusCode).toBe(404);
    expect((await admin.get("/api/staff/admin/rules")).json().items).toEqual([]);
    // Another organisation's group cannot take tickets in turn.
    const inTurn = await admin.post("/api/staff/admin/rules", {
      name: "Vieras vuoro",
      trigger: "created",
      actions: [{ action: "routeInTurn", groupId: tenant.groups.streets }],
    });
    expect(inTurn.statusCode).toBe(400);
    const foreign = await admin.post("/api/staff/admin/users", {
      email: "x@example.test",
      name: "X",
      role: "expert",
      groupIds: [tenant.groups.streets],
      password: "riittävän-pitkä-salasana",
    });
    expect(foreign.statusCode).toBe(400);
    const log = (await admin.get("/api/staff/admin/audit/log-request?email=a@example.test")).json();
    expect(log.entries).toEqual([]);
    // Another organisation's webhooks do not exist for this admin.
    const subscription = (await clients.admin.post("/api/staff/admin/webhooks", { url: "http://127.0.0.1:9/hook", active: false })).json();
    const ping = (await clients.admin.post(`/api/staff/admin/webhooks/${subscription.id}/ping`)).json();
    const webhook = `/api/staff/admin/webhooks/${subscription.id}`;
    expect((await admin.get("/api/staff/admin/webhooks")).json().items).toEqual([]);
    expect((await admin.patch(webhook, { active: false })).statusCode).toBe(404);
    expect((await admin.get(`${webhook}/deliveries`)).statusCode).toBe(404);
    expect((await admin.post(`${webhook}/ping`)).statusCode).toBe(404);
    expect((await admin.post(`/api/staff/admin/webhooks/deliveries/${ping.id}/retry`)).statusCode).toBe(404);
    expect((await admin.request({ method: "DELETE", url: webhook })).statusCode).toBe(404);
    expect((await admin.get("/api/staff/admin/webhooks/dead-letters")).json().items).toEqual([]);
  });
});
