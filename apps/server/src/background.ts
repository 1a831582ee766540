/**
 * Background work of an app process: the job runner with every job kind registered, and the
 * outbox relays (webhooks, notifications, email, created rules' effects), notification emails, the SLA watch and the time rules as tasks of its rounds, and the cleaning of uploaded photos. It runs in the web process by default (`JOBS=on`); a
 * web-only process sets `JOBS=off` and leaves the work to others on the same database.
 */
import type { AppContext } from "./context.ts";
import type { Db } from "./db/client.ts";
import type { AttachmentStore } from "./modules/attachments/attachment-store.ts";
import { photoCleaningJob } from "./modules/attachments/photo-cleaning.ts";
import type { Scanner } from "./modules/attachments/scanner.ts";
import { channelReplies, channelReplyJob } from "./modules/channels/channels.outbound.ts";
import { MailboxReaders } from "./modules/email/imap.ts";
import { type EmailSettings, emailDeliveryJob } from "./modules/email/outgoing-delivery.ts";
import { emailFanout } from "./modules/email/outgoing-fanout.ts";
import { startSmtpListener } from "./modules/email/smtp-listener.ts";
import { JobRunner } from "./modules/jobs/job-runner.ts";
import { notificationEmailTask } from "./modules/notifications/notification-email-task.ts";
import { notificationDigestJob, notificationEmailJob } from "./modules/notifications/notification-emails.ts";
import { notificationsConsumer } from "./modules/notifications/notifications.ts";
import { open311CreateJob, open311Forwarding, open311PollTask } from "./modules/open311-client/open311-client.ts";
import { OutboxRelay } from "./modules/outbox/outbox-relay.ts";
import { createdRuleEffects } from "./modules/rules/rules.effects.ts";
import { timeRulesTask } from "./modules/rules/rules.timer.ts";
import { slaWatchTask } from "./modules/sla/sla-watch.ts";
import { EVENTS_CHANNEL, type EventNotice } from "./modules/tickets/ticket-events.ts";
import { type WebhookSettings, webhookDeliveryJob } from "./modules/webhooks/webhook-delivery.ts";
import { webhookFanout } from "./modules/webhooks/webhook-fanout.ts";

/** The job kinds services enqueue. */
export type JobKinds = {
  webhookDelivery: ReturnType<typeof webhookDeliveryJob>;
  channelReply: ReturnType<typeof channelReplyJob>;
  open311Create: ReturnType<typeof open311CreateJob>;
  emailDelivery: ReturnType<typeof emailDeliveryJob>;
  photoCleaning: ReturnType<typeof photoCleaningJob>;
};

/** Builds the runner and its job kinds; nothing runs until `startBackground`. */
export function createJobs(
  db: Db,
  options: {
    concurrency: number;
    pollMs: number;
    webhooks: WebhookSettings;
    open311Client: { pollMs: number };
    email: EmailSettings & { notifyDelayMs: number };
    minIntervalMs: number;
    relayBatch: number;
    leaseMs?: number;
    /** Where attachments live and the scanner they pass (the photo-cleaning job). */
    attachments: { store: AttachmentStore; scanner: Scanner };
    /** Publishes live notices of events the background writes (SLA announcements). */
    publish: (notices: EventNotice[]) => void;
  },
): { runner: JobRunner; kinds: JobKinds } {
  const runner = new JobRunner(db, {
    concurrency: options.concurrency,
    pollMs: options.pollMs,
    minIntervalMs: options.minIntervalMs,
    // Longer than any job takes (a webhook delivery gives up after 10 s).
    leaseMs: options.leaseMs ?? 60_000,
    onError: (error, context) => console.error(`background work failed (${context})`, error),
  });
  const webhookDelivery = webhookDeliveryJob(db, options.webhooks);
  runner.register(webhookDelivery);
  const relay = new OutboxRelay(db, webhookFanout(webhookDelivery), { batchSize: options.relayBatch, gapGraceMs: 1000 });
  runner.addTask({ name: "outbox relay", run: () => relay.pump() });
  const notify = new OutboxRelay(db, notificationsConsumer, { batchSize: options.relayBatch, gapGraceMs: 1000 });
  runner.addTask({ name: "notifications", run: () => notify.pump() });
  const emailDelivery = emailDeliveryJob(db, options.email, options.publish);
  // Only a process that can send claims emails; the others still record them (queued, for a sender).
  if (options.email.smtpUrl) runner.register(emailDelivery);
  const emails = new OutboxRelay(db, emailFanout(emailDelivery, { fallbackDomain: new URL(options.email.publicUrl).hostname }), {
    batchSize: options.relayBatch,
    gapGraceMs: 1000,
  });
  runner.addTask({ name: "email", run: () => emails.pump() });
  const notificationEmails = { email: notificationEmailJob(db, options.email), digest: notificationDigestJob(db, options.email) };
  if (options.email.smtpUrl) for (const job of Object.values(notificationEmails)) runner.register(job);
  runner.addTask(notificationEmailTask(db, notificationEmails, { delayMs: options.email.notifyDelayMs }));
  runner.addTask(slaWatchTask(db, options.publish));
  runner.addTask(timeRulesTask(db, options.publish));
  const ruleEffects = new OutboxRelay(db, createdRuleEffects, { batchSize: options.relayBatch, gapGraceMs: 1000 });
  runner.addTask({ name: "rule effects", run: () => ruleEffects.pump() });
  const channelReply = channelReplyJob(db, options.webhooks);
  runner.register(channelReply);
  const replies = new OutboxRelay(db, channelReplies(channelReply), { batchSize: options.relayBatch, gapGraceMs: 1000 });
  runner.addTask({ name: "channel replies", run: () => replies.pump() });
  const open311Create = open311CreateJob(db, { ...options.webhooks, publicUrl: options.email.publicUrl }, options.publish);
  runner.register(open311Create);
  const forwarding = new OutboxRelay(
    db,
    open311Forwarding({ create: open311Create, email: emailDelivery, fallbackDomain: new URL(options.email.publicUrl).hostname }),
    { batchSize: options.relayBatch, gapGraceMs: 1000 },
  );
  runner.addTask({ name: "open311 forwarding", run: () => forwarding.pump() });
  runner.addTask(
    open311PollTask(db, { pollMs: options.open311Client.pollMs, allowPrivate: options.webhooks.allowPrivate }, options.publish),
  );
  const photoCleaning = photoCleaningJob({
    db,
    ...options.attachments,
    publish: options.publish,
    log: (error) => console.error("photo cleaning: the virus scan failed on the last attempt", error),
  });
  runner.register(photoCleaning);
  return { runner, kinds: { webhookDelivery, channelReply, open311Create, emailDelivery, photoCleaning } };
}

/**
 * Starts the runner; every committed ticket event (NOTIFY from any process) nudges it, so the
 * relay passes events on within milliseconds. Returns the function that stops it cleanly.
 */
export async function startBackground(ctx: Pick<AppContext, "database" | "jobs">): Promise<() => Promise<void>> {
  const stopListening = await ctx.database.listen(EVENTS_CHANNEL, () => ctx.jobs.nudge());
  ctx.jobs.start();
  return async () => {
    await stopListening();
    await ctx.jobs.stop();
  };
}

/**
 * Starts incoming email where jobs run: a reader for every active IMAP mailbox (of any
 * organisation), and the SMTP listener when SMTP_LISTEN_PORT is set. Returns the function that
 * stops both.
 */
export async function startIncomingEmail(ctx: AppContext): Promise<() => Promise<void>> {
  const email = ctx.config.incomingEmail;
  const log = (error: unknown, context: string) => console.error(`incoming email (${context})`, error);
  const readers = new MailboxReaders(ctx, { pollMs: email.imapPollMs, refreshMs: 30_000, log }).start();
  const smtp =
    email.smtpPort === null
      ? null
      : await startSmtpListener(ctx, { port: email.smtpPort, host: email.smtpHost, maxBytes: email.smtpMaxBytes, log });
  return async () => {
    await smtp?.close();
    await readers.stop();
  };
}
