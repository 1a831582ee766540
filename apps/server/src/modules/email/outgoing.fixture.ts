/**
 * The shared set-up of the outgoing-email tests: a real SMTP server on loopback (the sink) and a
 * test app sending to it (test/smtp-sink.ts), started once per test file by `useSmtpSink`, and
 * helpers to read what arrived. `t` and `sink` are live bindings, set before the first test.
 */
import { expect } from "vitest";
import { type Client, newTenant, signIn } from "../../../test/harness.ts";
import { type ReceivedMail, t, useMailingApp } from "../../../test/smtp-sink.ts";

export { PUBLIC_URL, sink, t } from "../../../test/smtp-sink.ts";
export const MAX_ATTEMPTS = 3;

/** Starts the SMTP sink and the app before the file's tests and stops them after. */
export const useSmtpSink = () => useMailingApp({ EMAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });

export const base = "/api/staff/admin/mail";
export const settings = { fromName: "Testilän kaupunki", fromAddress: "palaute@kaupunki.example", replyTo: "vastaukset@kaupunki.example" };
let counter = 0;
export const address = (name: string) => `${name}.${Date.now().toString(36)}${counter++}@asukas.example`;

export async function setUp(body: Record<string, unknown> = settings) {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const saved = await admin.put(base, body);
  expect(saved.statusCode, saved.body).toBe(200);
  return { tenant, admin };
}

export const ticketIdOf = async (admin: Client, reference: string) =>
  (await admin.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
export const header = (mail: ReceivedMail, name: string) => {
  const value = mail.parsed.headers.get(name);
  return typeof value === "string" ? value : JSON.stringify(value);
};
export const rawHeader = (mail: ReceivedMail, name: string) =>
  mail.parsed.headerLines
    .find((h) => h.key === name.toLowerCase())
    ?.line.replace(/^[^:]+:\s*/, "")
    .replace(/\r?\n\s+/g, " ");
export const historyOf = async (admin: Client, ticketId: string) =>
  (await admin.get(`/api/staff/tickets/${ticketId}`)).json().history as { type: string; data: Record<string, unknown> }[];
export const deliveriesOf = async (admin: Client, state: "failed" | "all" = "all") =>
  (await admin.get(`${base}/deliveries?state=${state}`)).json().items as {
    id: string;
    state: string;
    attempts: number;
    kind: string;
    lastError: string | null;
    failureReason: string | null;
    ticket: { reference: string } | null;
  }[];
