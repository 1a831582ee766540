/**
 * The job runner of one process: claims due jobs with `FOR UPDATE SKIP LOCKED` (PGlite and
 * PostgreSQL alike), so that many processes can share the queue, and holds each for a lease
 * (`locked_until`): a job whose worker died is claimed again when its lease has run out.
 *
 * It wakes on a timer (`pollMs`, or earlier when a retry falls due) and when nudged after a commit
 * in this process; rounds are at least `minIntervalMs` apart, so that a stream of nudges under
 * load cannot keep the single PGlite connection busy with claims. Periodic tasks (the outbox
 * relay) run at the start of every round.
 *
 * Jobs that share a serial key run one at a time in id order: a job is not claimed while an
 * earlier one of its key is running or due. An earlier job that failed and waits for its retry
 * does not hold the later ones back (its retry then comes after them).
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import type { JobDefinition, JobRun } from "./jobs.ts";

/** Work the runner does at the start of each round; resolves true when more is waiting. */
export type RoundTask = { name: string; run: () => Promise<boolean> };

export type JobRunnerOptions = {
  /** Jobs running at once in this process. */
  concurrency: number;
  /** Longest sleep between rounds when nothing is due and nobody nudges. */
  pollMs: number;
  /** Shortest time between the starts of two rounds. */
  minIntervalMs: number;
  /** How long a claimed job is held before another worker may take it. */
  leaseMs: number;
  onError: (error: unknown, context: string) => void;
};

type ClaimedJob = JobRun & { name: string; payload: unknown };

/** Longest error text kept on a job row. */
const MAX_ERROR_LENGTH = 1000;

export class JobRunner {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly tasks: RoundTask[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private nudged = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: JobRunnerOptions,
  ) {}

  /** Registers the handler of a job name; only registered names are claimed by this process. */
  register(definition: JobDefinition): this {
    this.definitions.set(definition.name, definition as JobDefinition);
    return this;
  }

  /** Adds work to run at the start of every round. */
  addTask(task: RoundTask): this {
    this.tasks.push(task);
    return this;
  }

  get started() {
    return this.running;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.runRounds();
  }

  /** Starts a round soon: call after committing new jobs or events. Cheap; many nudges make one round. */
  nudge() {
    this.nudged = true;
    this.wake?.();
  }

  /** Stops claiming, and waits for the jobs that are running to finish. */
  async stop() {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async runRounds() {
    let lastRound = 0;
    while (this.running) {
      const gap = lastRound + this.options.minIntervalMs - Date.now();
      if (gap > 0) await this.sleep(gap, false);
      if (!this.running) break;
      lastRound = Date.now();
      let sleepMs = this.options.pollMs;
      try {
        sleepMs = await this.round();
      } catch (error) {
        this.options.onError(error, "job round");
      }
      await this.sleep(sleepMs, true);
    }
  }

  /** One round: tasks, then claims; returns how long to sleep unless nudged. */
  private async round(): Promise<number> {
    let more = false;
    for (const task of this.tasks) {
      const busy = await task.run().catch((error) => {
        this.options.onError(error, task.name);
        return false;
      });
      more ||= busy;
    }
    const free = this.options.concurrency - this.inFlight.size;
    if (free > 0 && this.definitions.size > 0) {
      const claimed = await this.claim(free);
      for (const job of claimed) this.track(this.execute(job));
      if (claimed.length === free) more = true;
    }
    if (more) return 0;
    return Math.min(this.options.pollMs, await this.msUntilNextDue());
  }

  private track(run: Promise<void>) {
    const tracked = run
      .catch((error) => this.options.onError(error, "job bookkeeping"))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.nudge();
      });
    this.inFlight.add(tracked);
  }

  private async claim(limit: number): Promise<ClaimedJob[]> {
    const names = sql.join(
      [...this.definitions.keys()].map((n) => sql`${n}`),
      sql`, `,
    );
    const rows = await queryRows<{
      id: string | number;
      organisation_id: string | null;
      name: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
      run_at: string | Date;
    }>(
      this.db,
      sql`WITH due AS (
            SELECT id FROM jobs j
            WHERE state IN ('queued', 'running') AND run_at <= now() AND name IN (${names})
              AND (state = 'queued' OR locked_until < now())
              AND (serial_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM jobs e
                WHERE e.serial_key = j.serial_key AND e.id < j.id AND e.state IN ('queued', 'running')
                  AND (e.state = 'running' AND e.locked_until >= now() OR e.state = 'queued' AND e.run_at <= now())))
            ORDER BY run_at, id
            LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
          UPDATE jobs SET state = 'running', attempts = jobs.attempts + 1, updated_at = now(),
            locked_until = now() + ${this.options.leaseMs} * interval '1 millisecond'
          FROM due WHERE jobs.id = due.id
          RETURNING jobs.id, jobs.organisation_id, jobs.name, jobs.payload, jobs.attempts, jobs.max_attempts, jobs.run_at`,
    );
    return rows
      .sort((a, b) => new Date(a.run_at).getTime() - new Date(b.run_at).getTime() || Number(a.id) - Number(b.id))
      .map((r) => ({
        id: Number(r.id),
        organisationId: r.organisation_id,
        name: r.name,
        payload: r.payload,
        attempt: r.attempts,
        maxAttempts: r.max_attempts,
      }));
  }

  /** Milliseconds until the earliest queued job falls due (capped by the caller's poll interval). */
  private async msUntilNextDue(): Promise<number> {
    const [row] = await queryRows<{ ms: number | string | null }>(
      this.db,
      sql`SELECT extract(epoch FROM min(run_at) - now()) * 1000 AS ms FROM jobs WHERE state = 'queued'`,
    );
    return row?.ms == null ? this.options.pollMs : Math.max(0, Math.ceil(Number(row.ms)));
  }

  private async execute(job: ClaimedJob) {
    const definition = this.definitions.get(job.name);
    if (!definition) return;
    if (job.attempt > job.maxAttempts) return this.finish(job, sql`'dead'`, "the worker stopped during the last attempt");
    const payload = definition.payload.safeParse(job.payload);
    if (!payload.success) return this.finish(job, sql`'dead'`, `invalid payload: ${payload.error.message}`);
    try {
      await definition.run(payload.data, job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempt >= job.maxAttempts) return this.finish(job, sql`'dead'`, message);
      return this.finish(job, sql`'queued'`, message, definition.retryDelayMs(job.attempt));
    }
    return this.finish(job, sql`'done'`, null);
  }

  /** Records the outcome, unless the lease ran out and another worker has claimed the job since. */
  private async finish(job: ClaimedJob, state: SQL, error: string | null, retryInMs = 0) {
    await this.db.execute(
      sql`UPDATE jobs SET state = ${state}, last_error = ${error?.slice(0, MAX_ERROR_LENGTH) ?? null}, locked_until = NULL,
            run_at = CASE WHEN ${state} = 'queued' THEN now() + ${retryInMs} * interval '1 millisecond' ELSE run_at END,
            updated_at = now()
          WHERE id = ${job.id} AND state = 'running' AND attempts = ${job.attempt}`,
    );
  }

  private sleep(ms: number, wakeOnNudge: boolean) {
    if (!this.running) return Promise.resolve();
    if (wakeOnNudge && this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        if (!this.running || wakeOnNudge) {
          this.wake = null;
          this.nudged = false;
          done();
        }
      };
    });
  }
}
