/**
 * Notification emails to staff (REQUIREMENTS M8): the `notification_email` job sends one
 * notification at once, the `notification_digest` job one user's unread notifications of an hourly
 * or daily digest. Both decide when they run, not when the notification was made: nothing goes out
 * for a notification read meanwhile, for a kind the user has since moved elsewhere, about a ticket
 * the user may no longer open (a sensitive flag, a partner's limits), or to an inactive user; an
 * immediate email also not while the user is online (a live console renewed within the online
 * window). Emails go through the installation's relay (SMTP_URL) from the organisation's sender,
 * in the user's language, with List-Unsubscribe pointing to the preferences page.
 */
import type { Language } from "@yhteys/contracts";
import { and, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { notifications, organisations, tickets, users } from "../../db/schema.ts";
import type { StaffActor } from "../auth/actor.ts";
import { loadActor } from "../auth/sessions.ts";
import { mailSettingsOf } from "../email/mail-settings.ts";
import { dkimOf, type EmailSettings, smtpRelay } from "../email/outgoing-delivery.ts";
import { defineJob, exponentialBackoff } from "../jobs/jobs.ts";
import { isOnline } from "../live/online.ts";
import { mayReadTicket } from "../requests/requests.ts";
import { accessColumns } from "../tickets/tickets.access.ts";
import { type ComposedEmail, composeDigestEmail, composeNotificationEmail, type NotificationItem } from "./notification-email-texts.ts";
import { deliveryOf } from "./notification-preferences.ts";

const SendNotificationEmail = z.object({ notificationId: z.number().int().positive() });
const SendDigest = z.object({
  organisationId: z.uuid(),
  userId: z.uuid(),
  cadence: z.enum(["hourly", "daily"]),
  /** The end of the period: notifications made before it are in the digest. */
  until: z.iso.datetime(),
});

/** The console page where users choose how they are notified. */
const preferencesPath = "/console/settings/notifications";

/** Unread, not yet emailed notifications of a user that match `where`, with what the email shows. */
async function pending(db: Db, userId: string, where: SQL | undefined) {
  const by = alias(users, "by");
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      ticketId: notifications.ticketId,
      reference: tickets.reference,
      by: by.name,
      createdAt: notifications.createdAt,
      ...accessColumns,
    })
    .from(notifications)
    .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
    .leftJoin(by, eq(by.id, notifications.byUserId))
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.emailedAt), where))
    .orderBy(notifications.id);
}

type Pending = Awaited<ReturnType<typeof pending>>[number];

/** The mail side shared by both jobs: the relay, the sender, the links. */
function staffMailer(db: Db, settings: EmailSettings) {
  const relay = smtpRelay(settings.smtpUrl);
  const base = settings.publicUrl.replace(/\/+$/, "");
  const settingsUrl = `${base}${preferencesPath}`;

  /** The items the actor may still open, as the email shows them. */
  async function visible(actor: StaffActor, rows: Pending[]) {
    const items: (NotificationItem & { id: number })[] = [];
    for (const r of rows)
      if (await mayReadTicket(db, actor, { ...r, id: r.ticketId }))
        items.push({
          id: r.id,
          kind: r.kind,
          reference: r.reference,
          by: r.by,
          ticketUrl: `${base}/console/tickets/${r.ticketId}`,
          at: r.createdAt,
        });
    return items;
  }

  /** Sends to the actor; false when there is no sender to send from (the organisation has none). */
  async function send(actor: StaffActor, content: ComposedEmail): Promise<boolean> {
    const smtp = relay();
    const mail = await mailSettingsOf(db, actor.organisationId);
    if (!smtp || !mail) return false;
    const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
    await smtp.sendMail({
      from: { name: org?.name[actor.language] || mail.fromName, address: mail.fromAddress },
      to: { name: actor.name, address: actor.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: {
        "Auto-Submitted": "auto-generated",
        "Content-Language": actor.language,
        // RFC 2369: where to stop these; a page behind sign-in, so no one-click (RFC 8058).
        "List-Unsubscribe": `<${settingsUrl}>`,
      },
      dkim: dkimOf(mail),
    });
    return true;
  }

  const markEmailed = (ids: number[]) =>
    db
      .update(notifications)
      .set({ emailedAt: sql`now()` })
      .where(and(inArray(notifications.id, ids), isNull(notifications.emailedAt)));

  return { visible, send, markEmailed, settingsUrl };
}

const retryOf = (settings: EmailSettings) => ({
  maxAttempts: settings.maxAttempts,
  retryDelayMs: exponentialBackoff(settings.retryBaseMs, settings.retryBaseMs * 240),
});

/** The job that emails one notification at once, if it still should. */
export function notificationEmailJob(db: Db, settings: EmailSettings) {
  const mailer = staffMailer(db, settings);
  return defineJob({
    name: "notification_email",
    payload: SendNotificationEmail,
    ...retryOf(settings),
    async run({ notificationId }) {
      const [n] = await db
        .select({ organisationId: notifications.organisationId, userId: notifications.userId, delivery: deliveryOf() })
        .from(notifications)
        .where(eq(notifications.id, notificationId));
      if (n?.delivery !== "email") return;
      const actor = await loadActor({ db }, n.organisationId, n.userId);
      if (!actor || (await isOnline(db, actor.userId))) return;
      const [item] = await mailer.visible(actor, await pending(db, actor.userId, eq(notifications.id, notificationId)));
      if (!item) return;
      if (await mailer.send(actor, composeNotificationEmail(actor.language as Language, item, mailer.settingsUrl)))
        await mailer.markEmailed([item.id]);
    },
  });
}

/** The job that emails one user's digest of one period: their unread notifications of that cadence made before its end. */
export function notificationDigestJob(db: Db, settings: EmailSettings) {
  const mailer = staffMailer(db, settings);
  return defineJob({
    name: "notification_digest",
    payload: SendDigest,
    ...retryOf(settings),
    async run({ organisationId, userId, cadence, until }) {
      const actor = await loadActor({ db }, organisationId, userId);
      if (!actor) return;
      const rows = await pending(db, userId, and(lt(notifications.createdAt, new Date(until)), sql`${deliveryOf()} = ${cadence}`));
      const items = await mailer.visible(actor, rows);
      if (!items.length) return;
      if (await mailer.send(actor, composeDigestEmail(actor.language as Language, cadence, items, mailer.settingsUrl)))
        await mailer.markEmailed(items.map((i) => i.id));
    },
  });
}
