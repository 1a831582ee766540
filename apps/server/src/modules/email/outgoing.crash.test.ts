/**
 * Crash safety of outgoing email: the relay and the email jobs run in a child process (the same
 * background-only worker as the webhook crash test) that sends to a real SMTP server on loopback,
 * is killed with SIGKILL mid-way and started again. Every email must arrive at least once (a kill
 * between the relay's 250 and our commit sends one again, with the same Message-ID, so that mail
 * programs show it once), and none may be lost.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { newTenant, SNAPSHOT_PATH, waitFor } from "../../../test/harness.ts";
import { startSmtpSink } from "../../../test/smtp-sink.ts";
import { type Database, openPglite, openPostgres } from "../../db/client.ts";
import { mailSettings } from "../../db/schema.ts";
import { createTicket } from "../tickets/ticket-creation.ts";

const EMAILS = 40;
const serverDir = path.resolve(import.meta.dirname, "../../..");
const children: ChildProcess[] = [];
const pgliteDir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(tmpdir(), "yhteys-email-crash-"));
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

/** Starts the worker process with SMTP_URL; resolves once it says it is running. */
function startWorker(smtpUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/webhook-worker.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      JOBS_CONCURRENCY: "2",
      JOBS_POLL_MS: "100",
      SMTP_URL: smtpUrl,
      EMAIL_RETRY_BASE_MS: "50",
      LEASE_MS: "1000",
      ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function openDatabaseForTest(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 2);
  return openPglite(pgliteDir, new Blob([readFileSync(SNAPSHOT_PATH)]));
}

it("delivers every email at least once across a SIGKILL of the worker", async () => {
  const sink = await startSmtpSink();
  const database = await openDatabaseForTest();
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
  if (pgliteDir) await database.close();

  const arrived = () => new Set(sink.received.flatMap((m) => m.to)).size;
  const first = await startWorker(sink.url);
  await waitFor(arrived, (n) => n >= EMAILS / 4, 60_000);
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  expect(arrived()).toBeLessThan(EMAILS);

  const second = await startWorker(sink.url);
  await waitFor(arrived, (n) => n >= EMAILS, 60_000);
  second.kill("SIGTERM");
  await new Promise((resolve) => second.once("exit", resolve));
  if (!pgliteDir) await database.close();
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
