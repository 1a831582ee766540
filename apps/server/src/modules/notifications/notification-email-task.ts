/**
 * The background task that schedules notification emails, on every round of the job runner:
 *
 * - notifications wanted by email at once become due NOTIFY_EMAIL_DELAY_MS after they were made
 *   (time to see them in the console first) and are handed to `notification_email` jobs;
 * - at most every DIGEST_CHECK_MS it enqueues a `notification_digest` job for each user with
 *   unread notifications of a digest kind made before the end of the latest period (the top of
 *   the hour; 07:00 in Finland for the daily one). The job's dedupe key names the user and the
 *   period, so each period is emailed at most once, however many processes run the task and
 *   however often they restart. Periods missed while nothing ran are folded into the next digest.
 */
import { and, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import type { RoundTask } from "../jobs/job-runner.ts";
import { enqueueJobs } from "../jobs/jobs.ts";
import type { notificationDigestJob, notificationEmailJob } from "./notification-emails.ts";
import { deliveryOf } from "./notification-preferences.ts";

const BATCH = 200;
const DIGEST_CHECK_MS = 30_000;
/** A digest tells of the unread notifications of the past week at most. */
const DIGEST_LOOKBACK_MS = 7 * 24 * 3600_000;
const DAILY_DIGEST_HOUR = 7;
const TIME_ZONE = "Europe/Helsinki";

type Jobs = { email: ReturnType<typeof notificationEmailJob>; digest: ReturnType<typeof notificationDigestJob> };

const helsinkiHour = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" });

/** The ends of the latest hourly and daily periods at `now` (whole hours: Finland's offsets are whole hours). */
export function digestPeriods(now: Date): { hourly: Date; daily: Date } {
  const hourly = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
  let daily = hourly;
  while (Number(helsinkiHour.format(daily)) !== DAILY_DIGEST_HOUR) daily = new Date(daily.getTime() - 3600_000);
  return { hourly, daily };
}

/** Hands notifications due for an immediate email to jobs; true when more are waiting. */
async function handOverDueEmails(db: Db, job: Jobs["email"], delayMs: number): Promise<boolean> {
  const cutoff = new Date(Date.now() - delayMs);
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(isNotNull(notifications.emailWantedAt), lte(notifications.emailWantedAt, cutoff)))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const rows = await tx
      .update(notifications)
      .set({ emailWantedAt: null })
      .where(inArray(notifications.id, due))
      .returning({ id: notifications.id, organisationId: notifications.organisationId });
    await enqueueJobs(
      tx,
      job,
      rows.map((r) => ({ organisationId: r.organisationId, payload: { notificationId: r.id }, dedupeKey: `notification:${r.id}` })),
    );
    return rows.length === BATCH;
  });
}

/** Enqueues the digests of the latest periods at `now`, once per user and period; returns how many were new. */
export async function enqueueDigests(db: Db, job: Jobs["digest"], now: Date): Promise<number> {
  const periods = digestPeriods(now);
  const delivery = deliveryOf();
  const due = await db
    .selectDistinct({ organisationId: notifications.organisationId, userId: notifications.userId, cadence: delivery })
    .from(notifications)
    .where(
      and(
        isNull(notifications.emailedAt),
        isNull(notifications.readAt),
        gte(notifications.createdAt, new Date(periods.daily.getTime() - DIGEST_LOOKBACK_MS)),
        or(
          and(sql`${delivery} = 'hourly'`, lt(notifications.createdAt, periods.hourly)),
          and(sql`${delivery} = 'daily'`, lt(notifications.createdAt, periods.daily)),
        ),
      ),
    );
  return enqueueJobs(
    db,
    job,
    due.map((d) => {
      const cadence = d.cadence as "hourly" | "daily";
      const until = periods[cadence].toISOString();
      return {
        organisationId: d.organisationId,
        payload: { organisationId: d.organisationId, userId: d.userId, cadence, until },
        dedupeKey: `digest:${d.userId}:${cadence}:${until}`,
      };
    }),
  );
}

/** The round task of notification emails. */
export function notificationEmailTask(db: Db, jobs: Jobs, options: { delayMs: number }): RoundTask {
  let digestsCheckedAt = 0;
  return {
    name: "notification emails",
    async run() {
      const more = await handOverDueEmails(db, jobs.email, options.delayMs);
      if (Date.now() - digestsCheckedAt >= DIGEST_CHECK_MS) {
        digestsCheckedAt = Date.now();
        await enqueueDigests(db, jobs.digest, new Date());
      }
      return more;
    },
  };
}
