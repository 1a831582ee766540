/**
 * The rights matrix (REQUIREMENTS M10), shared by the files of this folder: every staff endpoint
 * × every role, with the negative cases. Each file signs in one client per role of a fresh
 * organisation. Tickets: A (streets group, in Hervanta), B (green group, in the centre), C
 * (streets, assigned to the external partner, no location).
 */
import { afterAll, beforeAll, expect } from "vitest";
import type { SeededOrganisation } from "../../src/modules/demo/demo.ts";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../harness.ts";

export const roles = ["admin", "contentadmin", "advisor", "expert", "expert2", "reporter", "viewer", "partner", "internal"] as const;
export type RoleKey = (typeof roles)[number];

export let t: TestApp;
export let tenant: SeededOrganisation;
export const clients = {} as Record<RoleKey, Client>;

/** Starts the app for the calling test file, with a new organisation and a signed-in client per role. */
export function setUpMatrix() {
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await newTenant(t.ctx);
    for (const role of roles) clients[role] = await signIn(t.app, tenant, role);
  });
  afterAll(() => t.close());
}

/** Creates the three tickets afresh, so that write tests do not disturb each other. */
export async function tickets() {
  const advisor = clients.advisor;
  const find = async (reference: string) => (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
  const a = await submitContact(t.app, tenant, {
    location: { lat: 61.45, lon: 23.85 },
    wantsReply: true,
    contact: { email: "a@example.test", name: "Aapo Asukas" },
  });
  const b = await submitContact(t.app, tenant, { categoryId: tenant.categories.playgrounds, location: { lat: 61.495, lon: 23.76 } });
  const c = await submitContact(t.app, tenant, { wantsReply: true, contact: { phone: "+358 40 123 4567" } });
  const ids = { A: await find(a.reference), B: await find(b.reference), C: await find(c.reference) };
  const forwarded = await advisor.post(`/api/staff/tickets/${ids.C}/forward`, { handlerId: tenant.users.partner?.id });
  expect(forwarded.statusCode).toBe(200);
  return Object.assign(ids, { tokens: { A: a.trackingToken, B: b.trackingToken, C: c.trackingToken } });
}

export const sees: Record<RoleKey, { A: boolean; B: boolean; C: boolean }> = {
  admin: { A: true, B: true, C: true },
  contentadmin: { A: true, B: false, C: true },
  advisor: { A: true, B: true, C: true },
  expert: { A: true, B: false, C: true },
  expert2: { A: false, B: true, C: false },
  reporter: { A: true, B: true, C: true },
  viewer: { A: true, B: false, C: false },
  partner: { A: false, B: false, C: true },
  internal: { A: false, B: false, C: false },
};
export const seesCustomer: RoleKey[] = ["admin", "contentadmin", "advisor", "expert"];
export const usesQueues = (role: RoleKey) => role !== "internal";
/** The roles that handle tickets of their groups. */
export const handlers: RoleKey[] = ["admin", "contentadmin", "advisor", "expert"];
