/**
 * The inbound SMTP listener (smtp-server), off unless SMTP_LISTEN_PORT is set. It is a final
 * destination, not a relay: RCPT TO is accepted only for the addresses of active `smtp` mailboxes
 * (550 otherwise), messages over SMTP_MAX_BYTES are refused with 552, and a message is answered 250
 * only after its ingest has committed, so a sender never loses an email we acknowledged (on a
 * failure it gets 451 and retries). No AUTH and no STARTTLS: put it behind the organisation's MTA
 * or a TLS-terminating proxy when it faces the internet.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import type { AppContext } from "../../context.ts";
import { mailboxes } from "../../db/schema.ts";
import { ingestEmail } from "./incoming.ts";

export type SmtpListenerOptions = { port: number; host: string; maxBytes: number; log: (error: unknown, context: string) => void };

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/** The active smtp mailbox that receives mail for `address`, if any. */
async function mailboxFor(ctx: Pick<AppContext, "db">, address: string) {
  const [row] = await ctx.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(sql`lower(${mailboxes.address}) = ${address.toLowerCase()}`, eq(mailboxes.kind, "smtp"), eq(mailboxes.active, true)));
  return row ?? null;
}

/** Starts listening; resolves with the bound port and a function that stops the listener. */
export async function startSmtpListener(
  ctx: AppContext,
  options: SmtpListenerOptions,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    name: "yhteys",
    banner: "Yhteys inbound mail",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: options.maxBytes,
    maxClients: 50,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      mailboxFor(ctx, address.address).then(
        (mailbox) => callback(mailbox ? null : smtpError(550, "5.1.1 No such mailbox here")),
        (error) => {
          options.log(error, "smtp rcpt");
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `5.3.4 Message too big: the limit is ${options.maxBytes} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address;
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        ingestForRecipients(ctx, recipients, raw, envelopeFrom, options.log).then(
          () => callback(null),
          (error) => {
            options.log(error, "smtp ingest");
            callback(smtpError(451, "4.3.0 The message could not be stored, try again later"));
          },
        );
      });
    },
  });
  server.on("error", (error) => options.log(error, "smtp listener"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Ingests a received message into every mailbox it was addressed to (each organisation once). */
async function ingestForRecipients(
  ctx: AppContext,
  recipients: string[],
  raw: Buffer,
  envelopeFrom: string,
  log: SmtpListenerOptions["log"],
) {
  const rows = await ctx.db
    .select()
    .from(mailboxes)
    .where(and(inArray(sql`lower(${mailboxes.address})`, recipients), eq(mailboxes.kind, "smtp"), eq(mailboxes.active, true)));
  for (const mailbox of rows) {
    await ingestEmail(ctx, mailbox, raw, { envelopeFrom, log: (e) => log(e, "attachment") });
    await ctx.db.update(mailboxes).set({ status: "ok", lastError: null, lastCheckedAt: sql`now()` }).where(eq(mailboxes.id, mailbox.id));
  }
}
