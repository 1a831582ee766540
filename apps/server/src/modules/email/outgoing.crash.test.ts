/**
 * Crash safety of outgoing email: the relay and the email jobs run in a child process (the same
 * background-only worker as the webhook crash test) that sends to a real SMTP server on loopback,
 * is killed with SIGKILL mid-way and started again. Every email must arrive at least once (a kill
 * between the relay's 250 and our commit sends one again, with the same Message-ID, so that mail
 * programs show it once), and none may be lost.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { crashHarness } from "../../../test/crash.ts";
import { newTenant, waitFor } from "../../../test/harness.ts";
import { startSmtpSink } from "../../../test/smtp-sink.ts";
import { mailSettings } from "../../db/schema.ts";
import { createTicket } from "../tickets/ticket-creation.ts";

const EMAILS = 40;
const crash = crashHarness("email-crash");
const startWorker = (smtpUrl: string) => crash.startJobWorker({ SMTP_URL: smtpUrl, EMAIL_RETRY_BASE_MS: "50" });

it("delivers every email at least once across a SIGKILL of the worker", async () => {
  const sink = await startSmtpSink();
  const database = await crash.openDatabase();
  const tenant = await newTenant(database);
  await database.db
    .insert(mailSettings)
    .values({ organisationId: tenant.id, fromName: "Testilä", fromAddress: "palaute@kaupunki.example" });
  // The relay's cursor must exist before the events, or a new consumer would start after them.
  await database.db.execute(
    sql`INSERT INTO outbox_cursors (consumer, position) SELECT 'email', coalesce(max(id), 0) FROM ticket_events ON CONFLICT DO NOTHING`,
  );
  const organisation = { id: tenant.id, referencePrefix: "YH" };
  const actor = { kind: "system", organisationId: tenant.id } as const;
  const addresses = Array.from({ length: EMAILS }, (_, i) => `asukas${i}.${tenant.slug}@asukas.example`);
  for (const email of addresses)
    await createTicket(
      database.db,
      {
        organisation,
        categoryId: tenant.categories.potholes ?? "",
        description: "Kuoppa",
        channel: "web",
        language: "fi",
        extraFields: {},
        wantsReply: true,
        contact: { email },
      },
      actor,
    );
  // PGlite has one process at a time on its data dir.
  if (crash.pgliteDir) await database.close();

  const arrived = () => new Set(sink.received.flatMap((m) => m.to)).size;
  const first = await startWorker(sink.url);
  await waitFor(arrived, (n) => n >= EMAILS / 4, 60_000);
  await crash.stop(first, "SIGKILL");
  expect(arrived()).toBeLessThan(EMAILS);

  const second = await startWorker(sink.url);
  await waitFor(arrived, (n) => n >= EMAILS, 60_000);
  await crash.stop(second, "SIGTERM");
  if (!crash.pgliteDir) await database.close();
  await sink.close();

  // Every resident got their confirmation; a resend carries the first attempt's Message-ID.
  expect(new Set(sink.received.flatMap((m) => m.to))).toEqual(new Set(addresses));
  const messageIds = new Map<string, Set<string>>();
  for (const mail of sink.received)
    for (const to of mail.to) messageIds.set(to, (messageIds.get(to) ?? new Set()).add(mail.parsed.messageId ?? ""));
  expect([...messageIds.values()].every((ids) => ids.size === 1)).toBe(true);
  expect(sink.received.length).toBeGreaterThanOrEqual(EMAILS);
  // Two worker start-ups (tsx) and the tickets' creation take long on a loaded machine.
}, 240_000);
