/** Rights on webhook subscriptions, their deliveries and dead letters, per role. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webhookDeliveries } from "../../src/db/schema.ts";
import type { Client } from "../harness.ts";
import { clients, roles, setUpMatrix, t } from "./matrix.ts";

setUpMatrix();

describe("webhooks", () => {
  const base = "/api/staff/admin/webhooks";
  // Nothing listens on the discard port. Subscriptions stay inactive: on a shared PostgreSQL
  // database, the job runners of other test files would otherwise try every event of this file.
  const url = "http://127.0.0.1:9/hook";

  /** A subscription and a dead delivery of it, made by the technical admin. */
  async function subscriptionWithDeadLetter() {
    const subscription = (await clients.admin.post(base, { url, active: false })).json();
    const ping = (await clients.admin.post(`${base}/${subscription.id}/ping`)).json();
    await t.ctx.db.update(webhookDeliveries).set({ state: "dead" }).where(eq(webhookDeliveries.id, ping.id));
    return { subscriptionId: subscription.id as string, deliveryId: ping.id as string };
  }

  it.each(roles)("%s reaches every webhook endpoint only as a technical admin", async (role) => {
    const { subscriptionId, deliveryId } = await subscriptionWithDeadLetter();
    const c = clients[role];
    const calls: [string, () => ReturnType<Client["get"]>, number][] = [
      ["list", () => c.get(base), 200],
      ["create", () => c.post(base, { url, eventTypes: ["ticket.created"], active: false }), 201],
      ["update", () => c.patch(`${base}/${subscriptionId}`, { description: "Integraatioalusta" }), 200],
      ["deliveries", () => c.get(`${base}/${subscriptionId}/deliveries`), 200],
      ["dead letters", () => c.get(`${base}/dead-letters`), 200],
      ["retry", () => c.post(`${base}/deliveries/${deliveryId}/retry`), 202],
      ["ping", () => c.post(`${base}/${subscriptionId}/ping`), 202],
      ["delete", () => c.request({ method: "DELETE", url: `${base}/${subscriptionId}` }), 204],
    ];
    for (const [what, call, ok] of calls) {
      const res = await call();
      expect(res.statusCode, `${role} ${what}: ${res.body}`).toBe(role === "admin" ? ok : 403);
      if (role !== "admin") expect(res.headers["content-type"]).toContain("application/problem+json");
      if (role === "admin" && what === "create") expect(res.json().secret).toMatch(/^whsec_/);
      if (what !== "create") expect(res.body).not.toMatch(/whsec_/);
    }
  });

  it("refuses webhook changes without the CSRF token", async () => {
    const res = await clients.admin.request({
      method: "POST",
      url: base,
      payload: { url, active: false },
      headers: { "x-csrf-token": "wrong" },
    });
    expect(res.statusCode).toBe(403);
  });
});
