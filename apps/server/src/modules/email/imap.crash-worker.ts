/**
 * A process that reads one mailbox for the crash test (imap.crash.test.ts): on DATABASE_URL or
 * the PGlite data dir PGLITE_DIR, it reads MAILBOX_ID until nothing is left, printing "ingested"
 * after every committed email and "done" at the end. The test kills it with SIGKILL mid-way.
 */

import { eq } from "drizzle-orm";
import { loadConfig } from "../../config.ts";
import { createContext } from "../../context.ts";
import { openDatabase } from "../../db/client.ts";
import { mailboxes } from "../../db/schema.ts";
import { imapClient, readOpenMailbox } from "./imap.ts";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: process.env.PGLITE_DIR ?? null });
const ctx = createContext(config, database);
const mailboxId = process.env.MAILBOX_ID ?? "";
const [mailbox] = await ctx.db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
if (!mailbox) throw new Error("no mailbox");
const client = imapClient(mailbox);
await client.connect();
const log = (error: unknown) => console.error(error);
for (;;) {
  const result = await readOpenMailbox(ctx, client, mailboxId, { log, onIngested: () => process.stdout.write("ingested\n") });
  if (result.fetched === 0) break;
}
await client.logout();
process.stdout.write("done\n");
