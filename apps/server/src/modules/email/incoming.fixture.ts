/**
 * The shared set-up of the incoming-email tests: a test app and a real IMAP server (dovecot on
 * loopback), started once per test file by `useMailServers`, and helpers to read what ingesting
 * wrote. `t` and `dovecot` are live bindings, set before the first test.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { type Client, newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { mailboxes, ticketEvents, ticketMessages, tickets } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { type Dovecot, startDovecot } from "./imap.dovecot.ts";
import { checkMailbox } from "./imap.ts";

export let t: TestApp;
export let dovecot: Dovecot;

/** Starts the app and dovecot before the file's tests and stops them after. */
export function useMailServers() {
  beforeAll(async () => {
    [t, dovecot] = await Promise.all([startTestApp(), startDovecot()]);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });
}

export const base = "/api/staff/admin/mailboxes";
export const log = (e: unknown) => {
  throw e;
};
let folders = 0;

/** A tenant with an IMAP mailbox on its own dovecot folder, routed to the streets group. */
export async function setUp(): Promise<{ tenant: SeededOrganisation; admin: Client; mailboxId: string; folder: string }> {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const folder = `box${++folders}-${tenant.slug}`;
  await dovecot.append(folder, []);
  const res = await admin.post(base, {
    address: `kirjaamo@${tenant.slug}.test`,
    kind: "imap",
    groupId: tenant.groups.streets,
    categoryId: tenant.categories.other,
    imap: { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password, folder },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { tenant, admin, mailboxId: res.json().id, folder };
}

export const mailboxRow = async (id: string) => {
  const [row] = await t.ctx.db.select().from(mailboxes).where(eq(mailboxes.id, id));
  if (!row) throw new Error("no mailbox");
  return row;
};
export const check = async (mailboxId: string) => checkMailbox(t.ctx, await mailboxRow(mailboxId), log);
export const ticketsOf = (orgId: string) =>
  t.ctx.db.select().from(tickets).where(eq(tickets.organisationId, orgId)).orderBy(asc(tickets.createdAt), asc(tickets.reference));
export const eventsOf = (ticketId: string) =>
  t.ctx.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id));
export const messagesOf = (ticketId: string) =>
  t.ctx.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticketId)).orderBy(asc(ticketMessages.createdAt));
