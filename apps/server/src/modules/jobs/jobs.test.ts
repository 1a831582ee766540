import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openTestDatabase, waitFor } from "../../../test/harness.ts";
import { type Database, queryRows } from "../../db/client.ts";
import { JobRunner, type JobRunnerOptions } from "./job-runner.ts";
import { defineJob, enqueueJobs, exponentialBackoff, retryJob } from "./jobs.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const options: JobRunnerOptions = { concurrency: 4, pollMs: 200, minIntervalMs: 5, leaseMs: 60_000, onError: (e) => console.error(e) };
const unique = () => `test-${crypto.randomUUID()}`;

const stateOf = async (name: string) =>
  queryRows<{ state: string; attempts: number; last_error: string | null; dedupe_key: string | null }>(
    database.db,
    sql`SELECT state, attempts, last_error, dedupe_key FROM jobs WHERE name = ${name} ORDER BY id`,
  );

describe("job queue", () => {
  it("runs jobs with validated payloads, once per dedupe key", async () => {
    const seen: number[] = [];
    const job = defineJob({
      name: unique(),
      payload: z.object({ n: z.number() }),
      maxAttempts: 3,
      retryDelayMs: () => 10,
      run: async ({ n }) => void seen.push(n),
    });
    const runner = new JobRunner(database.db, options).register(job);
    expect(await enqueueJobs(database.db, job, [{ payload: { n: 1 }, dedupeKey: "a" }, { payload: { n: 2 } }])).toBe(2);
    expect(await enqueueJobs(database.db, job, [{ payload: { n: 3 }, dedupeKey: "a" }])).toBe(0);
    await expect(enqueueJobs(database.db, job, [{ payload: { n: "x" } as never }])).rejects.toThrow();
    runner.start();
    runner.nudge();
    const rows = await waitFor(
      () => stateOf(job.name),
      (r) => r.every((j) => j.state === "done"),
    );
    await runner.stop();
    expect(rows.map((r) => r.state)).toEqual(["done", "done"]);
    expect(seen.sort()).toEqual([1, 2]);
  });

  it("retries with backoff, dead-letters after the last attempt, and runs again when retried", async () => {
    let calls = 0;
    let healthy = false;
    const job = defineJob({
      name: unique(),
      payload: z.object({}),
      maxAttempts: 3,
      retryDelayMs: () => 30,
      run: async () => {
        calls++;
        if (!healthy) throw new Error(`failure ${calls}`);
      },
    });
    const runner = new JobRunner(database.db, options).register(job);
    await enqueueJobs(database.db, job, [{ payload: {}, dedupeKey: "k" }]);
    runner.start();
    const [dead] = await waitFor(
      () => stateOf(job.name),
      (r) => r[0]?.state === "dead",
    );
    expect(dead).toMatchObject({ state: "dead", attempts: 3, last_error: "failure 3" });
    healthy = true;
    expect(await retryJob(database.db, job, { payload: {}, dedupeKey: "k" })).toBe(1);
    runner.nudge();
    const [gaveUp, retried] = await waitFor(
      () => stateOf(job.name),
      (r) => r[1]?.state === "done",
    );
    await runner.stop();
    expect(gaveUp).toMatchObject({ state: "dead", dedupe_key: "k" });
    expect(retried).toMatchObject({ state: "done", attempts: 1, dedupe_key: expect.stringMatching(/^k:retry-/) });
    expect(calls).toBe(4);
  });

  it("runs a retry asked for while the job that gave up is still finishing", async () => {
    // The handler gives up in its last attempt (as a delivery marks itself dead) and is held there.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let gaveUp = false;
    let calls = 0;
    const job = defineJob({
      name: unique(),
      payload: z.object({}),
      maxAttempts: 1,
      retryDelayMs: () => 10,
      run: async () => {
        calls++;
        if (calls === 1) {
          gaveUp = true;
          await held;
          throw new Error("gave up");
        }
      },
    });
    const runner = new JobRunner(database.db, options).register(job);
    await enqueueJobs(database.db, job, [{ payload: {}, dedupeKey: "k" }]);
    runner.start();
    await waitFor(
      async () => gaveUp,
      (g) => g,
    );
    expect((await stateOf(job.name))[0]?.state).toBe("running");
    expect(await retryJob(database.db, job, { payload: {}, dedupeKey: "k" })).toBe(1);
    release();
    const rows = await waitFor(
      () => stateOf(job.name),
      (r) => r.length === 2 && r.every((j) => j.state !== "queued" && j.state !== "running"),
    );
    await runner.stop();
    expect(rows.map((r) => r.state)).toEqual(["dead", "done"]);
    expect(calls).toBe(2);
  });

  it("runs jobs that share a serial key one at a time, in order", async () => {
    const log: string[] = [];
    const job = defineJob({
      name: unique(),
      payload: z.object({ key: z.string(), n: z.number() }),
      maxAttempts: 1,
      retryDelayMs: () => 0,
      run: async ({ key, n }) => {
        log.push(`start ${key}${n}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${key}${n}`);
      },
    });
    await enqueueJobs(
      database.db,
      job,
      [0, 1, 2, 3, 4].flatMap((n) => ["a", "b"].map((key) => ({ payload: { key, n }, serialKey: key }))),
    );
    const runner = new JobRunner(database.db, options).register(job);
    runner.start();
    await waitFor(
      () => stateOf(job.name),
      (r) => r.every((j) => j.state === "done"),
    );
    await runner.stop();
    for (const key of ["a", "b"]) {
      const own = log.filter((l) => l.split(" ")[1]?.startsWith(key));
      expect(own).toEqual([0, 1, 2, 3, 4].flatMap((n) => [`start ${key}${n}`, `end ${key}${n}`]));
    }
    // The two keys ran side by side.
    expect(log.indexOf("start b0")).toBeLessThan(log.indexOf("end a0"));
  });

  it("claims a job again when its worker's lease has run out", async () => {
    const job = defineJob({ name: unique(), payload: z.object({}), maxAttempts: 3, retryDelayMs: () => 0, run: async () => {} });
    await enqueueJobs(database.db, job, [{ payload: {} }]);
    // A worker that claimed the job and died: running, with a lease that ended.
    await database.db.execute(
      sql`UPDATE jobs SET state = 'running', attempts = 1, locked_until = now() - interval '1 second' WHERE name = ${job.name}`,
    );
    const runner = new JobRunner(database.db, options).register(job);
    runner.start();
    const [row] = await waitFor(
      () => stateOf(job.name),
      (r) => r[0]?.state === "done",
    );
    await runner.stop();
    expect(row).toMatchObject({ state: "done", attempts: 2 });
  });

  it("never lets two runners run the same job", async () => {
    const runs = new Map<number, number>();
    const job = defineJob({
      name: unique(),
      payload: z.object({ n: z.number() }),
      maxAttempts: 1,
      retryDelayMs: () => 0,
      run: async ({ n }) => {
        runs.set(n, (runs.get(n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    await enqueueJobs(
      database.db,
      job,
      Array.from({ length: 60 }, (_, n) => ({ payload: { n } })),
    );
    const runners = [1, 2, 3].map(() => new JobRunner(database.db, options).register(job));
    for (const r of runners) r.start();
    await waitFor(
      () => stateOf(job.name),
      (r) => r.every((j) => j.state === "done"),
    );
    await Promise.all(runners.map((r) => r.stop()));
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("backoff", () => {
  it("doubles from the base up to the cap, with jitter of ±20 %", () => {
    const fixed = exponentialBackoff(1000, 5000, () => 0.5);
    expect([1, 2, 3, 4, 5].map(fixed)).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(exponentialBackoff(1000, 5000, () => 0)(1)).toBe(800);
    expect(exponentialBackoff(1000, 5000, () => 1)(1)).toBe(1200);
  });
});
