/**
 * A real SMTP server on loopback for tests (smtp-server), that parses what it receives
 * (mailparser) and can be told to refuse mail to an address: `refuse(to, 451, 2)` answers the next
 * two messages to `to` with a temporary error, `refuse(to, 550)` every one with a permanent error,
 * and `refuseRecipient(to, "550 5.1.1 No such user")` refuses the address itself (at RCPT TO), as a
 * receiving mail server does.
 * `useMailingApp` starts one with a test app that sends to it, for a whole test file.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "./harness.ts";

export type ReceivedMail = { parsed: ParsedMail; raw: string; to: string[] };

export type SmtpSink = {
  url: string;
  received: ReceivedMail[];
  /** Messages refused so far per address (each attempt). */
  refusals: Map<string, number>;
  refuse: (to: string, code: number, times?: number) => void;
  /** Answers RCPT TO for `to` with `reply` (`"552 5.2.2 Mailbox full"`), every time. */
  refuseRecipient: (to: string, reply: string) => void;
  /** What arrived for `to`, waiting for up to 15 s until `count` have. */
  mailsTo: (to: string, count?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const rules = new Map<string, { code: number; times: number }>();
  const recipientRules = new Map<string, { code: number; text: string }>();
  const sink: SmtpSink = {
    url: "",
    received: [],
    refusals: new Map(),
    refuse: (to, code, times = Number.POSITIVE_INFINITY) => {
      rules.set(to, { code, times });
    },
    refuseRecipient: (to, reply) => {
      recipientRules.set(to, { code: Number(reply.slice(0, 3)), text: reply.slice(4) });
    },
    mailsTo: async (to, count = 1) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const mails = sink.received.filter((m) => m.to.includes(to));
        if (mails.length >= count || Date.now() > deadline) return mails;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rule = recipientRules.get(address.address);
      if (!rule) return callback();
      sink.refusals.set(address.address, (sink.refusals.get(address.address) ?? 0) + 1);
      callback(Object.assign(new Error(rule.text), { responseCode: rule.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const rule = to.map((a) => rules.get(a)).find((r) => r && r.times > 0);
        if (rule) {
          rule.times--;
          for (const a of to) sink.refusals.set(a, (sink.refusals.get(a) ?? 0) + 1);
          const error = Object.assign(new Error(rule.code >= 500 ? `<${to[0]}> mailbox unavailable` : "try again later"), {
            responseCode: rule.code,
          });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        sink.received.push({ parsed: await simpleParser(raw), raw, to });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}

/** The address of the web apps in the mailing test app: links in emails start with it. */
export const PUBLIC_URL = "https://palaute.kaupunki.example";
/** The mailing test app of the file (see `useMailingApp`); set before the first test. */
export let t: TestApp;
/** The SMTP sink the mailing test app sends to; set before the first test. */
export let sink: SmtpSink;

/**
 * Starts an SMTP sink and a test app that sends email to it before the file's tests, and stops
 * them after: jobs on and polled every 100 ms, email retried after 50 ms; `env` adds or overrides
 * settings. The file's tests reach them through the live bindings `t` and `sink`.
 */
export function useMailingApp(env: Record<string, string> = {}) {
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "100", SMTP_URL: sink.url, PUBLIC_URL, EMAIL_RETRY_BASE_MS: "50", ...env });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });
}
