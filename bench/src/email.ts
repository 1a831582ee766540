/**
 * Incoming email: emails ingested per second from one IMAP mailbox of N messages (default
 * 10 000) on dovecot on loopback, read by the same code as the background reader
 * (`readOpenMailbox`: fetch in chunks of 100, parse, dedupe, one transaction per email that
 * creates the ticket), on PGlite (in memory) and PostgreSQL. Then the same folder is read again
 * after a UIDVALIDITY reset: every email is a duplicate, which measures the dedupe alone.
 */
import { count, eq } from "drizzle-orm";
import { loadConfig } from "../../apps/server/src/config.ts";
import { createContext } from "../../apps/server/src/context.ts";
import { type Database, openPglite, openPostgres } from "../../apps/server/src/db/client.ts";
import { mailboxes, tickets } from "../../apps/server/src/db/schema.ts";
import { type Dovecot, rawEmail, startDovecot } from "../../apps/server/src/modules/email/imap.dovecot.ts";
import { imapClient, readOpenMailbox } from "../../apps/server/src/modules/email/imap.ts";
import { newTenant } from "../../apps/server/test/harness.ts";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { loadAverage } from "./machine.ts";
import { table, writeSection } from "./results.ts";

const DB_NAME = "yhteys_bench_email";
const FOLDER = "bench";
const texts = [
  "Hei, katuvalo on ollut rikki jo kaksi viikkoa Mannerheimintiellä. Voisitteko korjata sen? Kiitos",
  "Hej, gatlampan på Storgatan har varit trasig i två veckor. Kan ni laga den? Tack",
  "Hello, the bench in the park by the lake is broken and someone could get hurt. Regards",
];

type Run = { engine: string; emails: number; seconds: number; perSecond: number; dedupeSeconds: number; dedupePerSecond: number };

async function measure(engine: string, database: Database, dovecot: Dovecot, emails: number): Promise<Run> {
  const ctx = createContext(loadConfig({ NODE_ENV: "test", DEMO: "false", LOG_LEVEL: "warn", JOBS: "off" }), database);
  const tenant = await newTenant(ctx);
  const [mailbox] = await ctx.db
    .insert(mailboxes)
    .values({
      organisationId: tenant.id,
      groupId: tenant.groups.streets as string,
      categoryId: tenant.categories.other as string,
      address: `bench@${tenant.slug}.test`,
      kind: "imap",
      imapHost: dovecot.host,
      imapPort: dovecot.port,
      imapTls: false,
      imapUser: dovecot.user,
      imapPassword: dovecot.password,
      folder: FOLDER,
    })
    .returning();
  if (!mailbox) throw new Error("no mailbox");
  const client = imapClient(mailbox);
  await client.connect();
  const log = (e: unknown) => console.error(e);
  try {
    let started = performance.now();
    let ingested = 0;
    for (;;) {
      const r = await readOpenMailbox(ctx, client, mailbox.id, { log });
      ingested += r.ingested;
      if (r.fetched === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const [made] = await ctx.db.select({ n: count() }).from(tickets).where(eq(tickets.organisationId, tenant.id));
    if (made?.n !== emails || ingested !== emails) throw new Error(`expected ${emails} tickets, got ${made?.n} (${ingested} ingested)`);
    console.log(`email ${engine}: ${emails} in ${seconds.toFixed(1)} s`);

    await ctx.db.update(mailboxes).set({ uidValidity: 1 }).where(eq(mailboxes.id, mailbox.id));
    started = performance.now();
    const again = await readOpenMailbox(ctx, client, mailbox.id, { log });
    const dedupeSeconds = (performance.now() - started) / 1000;
    if (again.duplicates !== emails) throw new Error(`expected ${emails} duplicates, got ${again.duplicates}`);
    return { engine, emails, seconds, perSecond: emails / seconds, dedupeSeconds, dedupePerSecond: emails / dedupeSeconds };
  } finally {
    await client.logout();
  }
}

export async function benchEmail(options: { emails: number }) {
  const dovecot = await startDovecot();
  try {
    const fillStarted = performance.now();
    // Written into dovecot's maildir directly (an IMAP APPEND a message took 475 s for 10 000).
    await dovecot.deliver(
      FOLDER,
      Array.from({ length: options.emails }, (_, i) =>
        rawEmail({ messageId: `<bench-${i}@example.test>`, subject: `Palaute ${i}`, text: texts[i % texts.length] }),
      ),
    );
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    console.log(`email: ${options.emails} messages written into the maildir in ${fillSeconds.toFixed(1)} s`);
    const loadBefore = loadAverage();
    const runs: Run[] = [];
    const pglite = await openPglite(null);
    try {
      runs.push(await measure("PGlite (in memory)", pglite, dovecot, options.emails));
    } finally {
      await pglite.close();
    }
    const postgres = await openPostgres(await freshDatabase(DB_NAME));
    try {
      runs.push(await measure("PostgreSQL", postgres, dovecot, options.emails));
    } finally {
      await postgres.close();
      await dropDatabase(DB_NAME);
    }
    writeSection(
      "email",
      `## Incoming email (IMAP, dovecot on loopback)

One mailbox of ${options.emails} messages (plain text, about 1 KB each, Finnish, Swedish and English),
read by the background reader's code: FETCH in chunks of 100 UIDs, parse (mailparser), dedupe
lookup, and one transaction per email that writes its \`inbound_emails\` row and its ticket
(customer, event, language detection, routing to the mailbox's group). Emails are ingested one
after another, in UID order, as one mailbox's reader does. "Re-read" resets UIDVALIDITY, so that
every message is fetched and parsed again and answered by the dedupe alone. Load average before:
${loadBefore}. Filling the mailbox (written into dovecot's maildir directly) took ${fillSeconds.toFixed(1)} s.

${table(
  ["Engine", "Emails", "Seconds", "Emails/s", "Re-read (all duplicates) s", "Re-read emails/s"],
  runs.map((r) => [
    r.engine,
    r.emails,
    r.seconds.toFixed(1),
    r.perSecond.toFixed(1),
    r.dedupeSeconds.toFixed(1),
    r.dedupePerSecond.toFixed(0),
  ]),
)}`,
    );
  } finally {
    await dovecot.stop();
  }
}
