/**
 * Jobs in the database (ARCHITECTURE convention 6): named jobs with a zod-validated payload,
 * retried with exponential backoff and jitter, dead after their last attempt. A job is written in
 * the caller's transaction, so it exists exactly when the change that asked for it commits.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Queryable } from "../../db/client.ts";
import { jobs } from "../../db/schema.ts";

/** A claimed job as its handler sees it: `attempt` counts from 1 and includes this one. */
export type JobRun = { id: number; organisationId: string | null; attempt: number; maxAttempts: number };

/** A named kind of job: its payload schema, its retry schedule and what running it does. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  /** Attempts before the job is dead (dead letter); at least 1. */
  maxAttempts: number;
  /** Delay before attempt `attempt + 1`, after attempt `attempt` failed. */
  retryDelayMs: (attempt: number) => number;
  /** Runs the job; throwing schedules a retry (or makes the job dead after its last attempt). */
  run: (payload: z.infer<S>, job: JobRun) => Promise<void>;
};

/** Defines a job kind (keeps the payload type tied to its schema). */
export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;

/**
 * Doubling delays from `baseMs`, capped at `capMs`, each scaled by a random factor in 0.8–1.2 so
 * that jobs that failed together do not all come back at the same moment.
 */
export function exponentialBackoff(baseMs: number, capMs: number, random: () => number = Math.random) {
  return (attempt: number) => Math.round(Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1)) * (0.8 + 0.4 * random()));
}

export type NewJob<S extends z.ZodType> = {
  organisationId?: string | null;
  payload: z.input<S>;
  /** Enqueuing again with the same key (for this job name) does nothing. */
  dedupeKey?: string;
  /** Jobs with one serial key run one at a time in the order they were enqueued (see `JobRunner`). */
  serialKey?: string;
  runAt?: Date;
};

/**
 * Enqueues jobs, in the caller's transaction when given one; returns how many were written (a job
 * whose dedupe key is taken is not). Call the runner's `nudge()` after commit to start them at once.
 */
export async function enqueueJobs<S extends z.ZodType>(db: Queryable, definition: JobDefinition<S>, batch: NewJob<S>[]): Promise<number> {
  if (!batch.length) return 0;
  const rows = await db
    .insert(jobs)
    .values(
      batch.map((job) => ({
        organisationId: job.organisationId ?? null,
        name: definition.name,
        payload: definition.payload.parse(job.payload),
        dedupeKey: job.dedupeKey ?? null,
        serialKey: job.serialKey ?? null,
        maxAttempts: definition.maxAttempts,
        ...(job.runAt ? { runAt: job.runAt } : {}),
      })),
    )
    .onConflictDoNothing({ target: [jobs.name, jobs.dedupeKey] })
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Queues a fresh run of a job that gave up, for something a person asked to try again (a dead
 * letter, a failed email): under its dedupe key plus a unique suffix, as a job of its own. Reusing
 * the finished job's row raced with it: a handler marks what it works on as failed in its last
 * attempt and the job itself finishes a moment later, so a retry in between found the job still
 * running and was lost. The caller locks what is retried and checks its state, so one request
 * queues one run.
 */
export function retryJob<S extends z.ZodType>(db: Queryable, definition: JobDefinition<S>, job: NewJob<S> & { dedupeKey: string }) {
  return enqueueJobs(db, definition, [{ ...job, dedupeKey: `${job.dedupeKey}:retry-${randomUUID()}` }]);
}
