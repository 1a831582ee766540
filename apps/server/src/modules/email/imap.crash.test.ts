/**
 * Exactly once across a crash: a child process reads a dovecot mailbox and is killed with SIGKILL
 * in the middle of ingesting, then started again. Every email must be exactly one ticket, with its
 * attachment stored once.
 */
import type { ChildProcess } from "node:child_process";
import { and, count, countDistinct, eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { crashHarness } from "../../../test/crash.ts";
import { newTenant, TEST_ATTACHMENTS_DIR } from "../../../test/harness.ts";
import { attachments, inboundEmails, mailboxes, tickets } from "../../db/schema.ts";
import { rawEmail, startDovecot } from "./imap.dovecot.ts";

const EMAILS = 60;
const crash = crashHarness("email-crash");
const dovecot = await startDovecot();
afterAll(() => dovecot.stop());

/** Starts the reader process; resolves with the process once it printed `lines` lines. */
function startWorker(mailboxId: string, lines: number) {
  const child = crash.spawnWorker("src/modules/email/imap.crash-worker.ts", {
    JOBS: "off",
    MAILBOX_ID: mailboxId,
    ATTACHMENTS_DIR: TEST_ATTACHMENTS_DIR,
  });
  let seen = 0;
  let done = false;
  return new Promise<{ child: ChildProcess; seen: number; done: boolean }>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      seen += text.split("ingested").length - 1;
      done ||= text.includes("done");
      if (seen >= lines || done) resolve({ child, seen, done });
    });
    child.once("exit", (code) => (done ? resolve({ child, seen, done }) : reject(new Error(`reader exited with ${code}`))));
  });
}

it("leaves every email as exactly one ticket after a SIGKILL in the middle of ingesting", async () => {
  let database = await crash.openDatabase();
  const tenant = await newTenant(database);
  const folder = `crash-${tenant.slug}`;
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  await dovecot.append(
    folder,
    Array.from({ length: EMAILS }, (_, i) =>
      rawEmail({
        messageId: i % 7 === 3 ? null : `<crash-${i}@example.test>`,
        subject: `Viesti ${i}`,
        text: `Viesti numero ${i}: katuvalo on rikki.`,
        ...(i % 5 === 0
          ? { attachments: [{ name: `liite-${i}.pdf`, type: "application/pdf", data: Buffer.concat([pdf, Buffer.from(`${i}`)]) }] }
          : {}),
      }),
    ),
  );
  const [mailbox] = await database.db
    .insert(mailboxes)
    .values({
      organisationId: tenant.id,
      groupId: tenant.groups.streets as string,
      categoryId: tenant.categories.other as string,
      address: `crash@${tenant.slug}.test`,
      kind: "imap",
      imapHost: dovecot.host,
      imapPort: dovecot.port,
      imapTls: false,
      imapUser: dovecot.user,
      imapPassword: dovecot.password,
      folder,
    })
    .returning();
  if (!mailbox) throw new Error("no mailbox");
  // PGlite has one process at a time on its data dir.
  if (crash.pgliteDir) await database.close();

  const first = await startWorker(mailbox.id, EMAILS / 3);
  expect(first.done).toBe(false);
  await crash.stop(first.child, "SIGKILL");

  const second = await startWorker(mailbox.id, Number.POSITIVE_INFINITY);
  expect(second.done).toBe(true);

  if (crash.pgliteDir) database = await crash.openDatabase(false);
  try {
    const [ticketCount] = await database.db.select({ n: count() }).from(tickets).where(eq(tickets.organisationId, tenant.id));
    const [inbound] = await database.db
      .select({ n: count(), keys: countDistinct(inboundEmails.messageKey), tickets: countDistinct(inboundEmails.ticketId) })
      .from(inboundEmails)
      .where(eq(inboundEmails.organisationId, tenant.id));
    expect(ticketCount?.n).toBe(EMAILS);
    expect(inbound).toEqual({ n: EMAILS, keys: EMAILS, tickets: EMAILS });
    const [files] = await database.db
      .select({ n: count(), tickets: countDistinct(attachments.ticketId) })
      .from(attachments)
      .where(eq(attachments.organisationId, tenant.id));
    expect(files).toEqual({ n: EMAILS / 5, tickets: EMAILS / 5 });
    const [unfinished] = await database.db
      .select({ n: count() })
      .from(inboundEmails)
      .where(and(eq(inboundEmails.organisationId, tenant.id), eq(inboundEmails.attachmentsDone, false)));
    expect(unfinished?.n).toBe(0);
    const [after] = await database.db.select().from(mailboxes).where(eq(mailboxes.id, mailbox.id));
    expect(after?.lastUid).toBe(EMAILS);
  } finally {
    await database.close();
  }
}, 240_000);
