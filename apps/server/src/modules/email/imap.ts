/**
 * Reading mailboxes over IMAP (imapflow). A reader keeps one connection per mailbox: it reads
 * every message after the last UID it has ingested, then waits for the server to announce new mail
 * (IDLE, which imapflow enters by itself when the server offers it) or for the next poll, and
 * reconnects after errors with a growing pause. The folder's UIDVALIDITY is stored with the UID:
 * when the server changes it, the UIDs mean other messages, so the reader starts from the beginning
 * and the message-key dedupe keeps what was ingested before from counting twice.
 *
 * The UID is stored after the message's ingest has committed, and only moves forward; a process
 * killed in between reads the message again after restart and the dedupe answers `duplicate`.
 */
import { and, eq, sql } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import type { AppContext } from "../../context.ts";
import { mailboxes } from "../../db/schema.ts";
import { type IngestOutcome, ingestEmail, type MailboxRow } from "./incoming.ts";

/** Messages fetched per FETCH command while catching up. */
const FETCH_CHUNK = 100;
/** UIDs stored per UPDATE while catching up (the dedupe covers what a crash leaves unstored). */
const STORE_EVERY = 25;
const MAX_ERROR_CHARS = 500;

export type ReadResult = { fetched: number; ingested: number; duplicates: number };

export type ReaderOptions = {
  /** Longest wait between two reads when the server announces nothing (or has no IDLE). */
  pollMs: number;
  log: (error: unknown, context: string) => void;
  /** Called after every ingested message (tests and the bench watch progress). */
  onIngested?: (outcome: IngestOutcome, uid: number) => void;
};

/** An IMAP client for a mailbox's settings; logging off, so that nothing it says reaches the logs. */
export function imapClient(mailbox: MailboxRow): ImapFlow {
  if (!mailbox.imapHost || !mailbox.imapUser || !mailbox.imapPassword) throw new Error("the mailbox has no IMAP settings");
  return new ImapFlow({
    host: mailbox.imapHost,
    port: mailbox.imapPort ?? 993,
    secure: mailbox.imapTls,
    auth: { user: mailbox.imapUser, pass: mailbox.imapPassword },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
  });
}

/** A short description of an error for the admin view: never the password, never a stack. */
function describeError(error: unknown): string {
  const e = error as { responseText?: string; code?: string; message?: string };
  const text = e?.responseText || e?.message || String(error);
  return (e?.code && !text.includes(e.code) ? `${e.code}: ${text}` : text).slice(0, MAX_ERROR_CHARS);
}

async function recordStatus(ctx: Pick<AppContext, "db">, mailboxId: string, error: unknown | null) {
  await ctx.db
    .update(mailboxes)
    .set({ status: error ? "error" : "ok", lastError: error ? describeError(error) : null, lastCheckedAt: sql`now()` })
    .where(eq(mailboxes.id, mailboxId));
}

/**
 * One read of an open connection: checks UIDVALIDITY, then ingests every message after the stored
 * UID in order, storing the UID as it goes. Returns what it did.
 */
export async function readOpenMailbox(
  ctx: AppContext,
  client: ImapFlow,
  mailboxId: string,
  options: Pick<ReaderOptions, "log" | "onIngested">,
): Promise<ReadResult> {
  const [mailbox] = await ctx.db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
  if (!mailbox) return { fetched: 0, ingested: 0, duplicates: 0 };
  const opened = client.mailbox && client.mailbox.path === mailbox.folder ? client.mailbox : await client.mailboxOpen(mailbox.folder);
  const uidValidity = Number(opened.uidValidity);
  let lastUid = mailbox.lastUid;
  if (mailbox.uidValidity !== uidValidity) {
    // New UIDs (first read, or the server renumbered the folder): read it all again.
    lastUid = 0;
    await ctx.db.update(mailboxes).set({ uidValidity, lastUid: 0 }).where(eq(mailboxes.id, mailbox.id));
  }
  const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
  // `n:*` always names the last message, even when its UID is below n.
  const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
  const result: ReadResult = { fetched: 0, ingested: 0, duplicates: 0 };
  let unstored = 0;
  const storeUid = async (uid: number) => {
    await ctx.db
      .update(mailboxes)
      .set({ lastUid: sql`greatest(${mailboxes.lastUid}, ${uid})` })
      .where(and(eq(mailboxes.id, mailbox.id), eq(mailboxes.uidValidity, uidValidity)));
    unstored = 0;
  };
  for (let i = 0; i < uids.length; i += FETCH_CHUNK) {
    const chunk = uids.slice(i, i + FETCH_CHUNK);
    // Fetched first, ingested after: no other IMAP command may run inside a FETCH.
    const messages = await client.fetchAll(chunk.join(","), { uid: true, source: true }, { uid: true });
    messages.sort((a, b) => a.uid - b.uid);
    for (const message of messages) {
      if (!message.source) continue;
      result.fetched++;
      const outcome = await ingestEmail(ctx, mailbox, message.source, { log: (e) => options.log(e, "attachment") });
      if (outcome.outcome === "duplicate") result.duplicates++;
      else result.ingested++;
      options.onIngested?.(outcome, message.uid);
      lastUid = message.uid;
      if (++unstored >= STORE_EVERY) await storeUid(lastUid);
    }
  }
  if (unstored) await storeUid(lastUid);
  return result;
}

/** "Check now": connects, reads once, records the status and disconnects. */
export async function checkMailbox(ctx: AppContext, mailbox: MailboxRow, log: ReaderOptions["log"]): Promise<ReadResult> {
  let client: ImapFlow | null = null;
  try {
    client = imapClient(mailbox);
    client.on("error", (e) => log(e, "imap connection"));
    await client.connect();
    const result = await readOpenMailbox(ctx, client, mailbox.id, { log });
    await recordStatus(ctx, mailbox.id, null);
    return result;
  } catch (e) {
    await recordStatus(ctx, mailbox.id, e);
    return { fetched: 0, ingested: 0, duplicates: 0 };
  } finally {
    await client?.logout().catch(() => client?.close());
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Keeps one mailbox read: connect, catch up, wait for news, repeat; reconnect after errors. */
export class MailboxReader {
  private readonly stopping = new AbortController();
  private done: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  /** New mail was announced since the last read began. */
  private news = false;

  constructor(
    private readonly ctx: AppContext,
    readonly mailboxId: string,
    private readonly options: ReaderOptions,
  ) {}

  start() {
    this.done ??= this.run();
    return this;
  }

  async stop() {
    this.stopping.abort();
    this.wake?.();
    await this.client?.logout().catch(() => this.client?.close());
    await this.done;
  }

  private async run() {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        const [mailbox] = await this.ctx.db.select().from(mailboxes).where(eq(mailboxes.id, this.mailboxId));
        if (!mailbox) return;
        const client = imapClient(mailbox);
        this.client = client;
        client.on("error", (e) => this.options.log(e, "imap connection"));
        // New mail announced during IDLE (or a poll's NOOP) wakes the wait below.
        client.on("exists", () => {
          this.news = true;
          this.wake?.();
        });
        const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
        await client.connect();
        while (!this.stopping.signal.aborted && client.usable) {
          this.news = false;
          await readOpenMailbox(this.ctx, client, this.mailboxId, this.options);
          await recordStatus(this.ctx, this.mailboxId, null);
          failures = 0;
          // IDLE now (imapflow would only after a delay); the next command ends it. Without IDLE
          // on the server, imapflow polls with NOOP instead.
          if (this.news) continue;
          void client.idle().catch(() => undefined);
          await Promise.race([
            sleep(this.options.pollMs, this.stopping.signal),
            closed,
            new Promise<void>((resolve) => {
              this.wake = resolve;
            }),
          ]);
          this.wake = null;
        }
        if (!this.stopping.signal.aborted) throw new Error("the IMAP connection closed");
      } catch (e) {
        if (this.stopping.signal.aborted) return;
        failures++;
        this.options.log(e, "imap reader");
        await recordStatus(this.ctx, this.mailboxId, e).catch((error) => this.options.log(error, "imap status"));
        await this.client?.logout().catch(() => this.client?.close());
        // 1 s, 2 s, 4 s … up to the poll interval.
        await sleep(Math.min(this.options.pollMs, 1000 * 2 ** Math.min(failures - 1, 10)), this.stopping.signal);
      }
    }
  }
}

/**
 * The readers of a process: one per active IMAP mailbox of any organisation. It looks at the
 * mailboxes table every `refreshMs`, starts readers for new mailboxes and restarts those whose
 * settings changed (`updated_at`), and stops the rest.
 */
export class MailboxReaders {
  private readonly readers = new Map<string, { reader: MailboxReader; updatedAt: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly options: ReaderOptions & { refreshMs: number },
  ) {}

  start() {
    this.running = true;
    this.refreshing = this.refresh();
    this.timer = setInterval(() => {
      this.refreshing = this.refreshing.then(() => this.refresh());
    }, this.options.refreshMs);
    return this;
  }

  async stop() {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing;
    await Promise.all([...this.readers.values()].map(({ reader }) => reader.stop()));
    this.readers.clear();
  }

  private async refresh() {
    try {
      const rows = await this.ctx.db
        .select({ id: mailboxes.id, updatedAt: mailboxes.updatedAt })
        .from(mailboxes)
        .where(and(eq(mailboxes.kind, "imap"), eq(mailboxes.active, true)));
      const wanted = new Map(rows.map((r) => [r.id, r.updatedAt.getTime()]));
      for (const [id, { reader, updatedAt }] of this.readers) {
        if (wanted.get(id) === updatedAt) continue;
        this.readers.delete(id);
        await reader.stop();
      }
      if (!this.running) return;
      for (const [id, updatedAt] of wanted) {
        if (this.readers.has(id)) continue;
        this.readers.set(id, { reader: new MailboxReader(this.ctx, id, this.options).start(), updatedAt });
      }
    } catch (e) {
      this.options.log(e, "mailbox refresh");
    }
  }
}
