/**
 * The scaffold of the crash tests: worker processes that share the test's database (server
 * PostgreSQL on DATABASE_URL, else a PGlite data dir of their own, which one process at a time may
 * open), are killed with SIGKILL mid-way and started again. Children still running and the data
 * dir are cleaned up after the file's tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";
import { SNAPSHOT_PATH } from "./harness.ts";

const serverDir = path.resolve(import.meta.dirname, "..");

export type CrashHarness = {
  /** The PGlite data dir the test and its workers share; null on server PostgreSQL. */
  pgliteDir: string | null;
  /** Opens the database; on PGlite `fresh` starts the data dir from the test snapshot (the migrated empty database). */
  openDatabase: (fresh?: boolean) => Promise<Database>;
  /** Starts `script` (a path in apps/server) under tsx with the test settings and `env`; its stdout is piped. */
  spawnWorker: (script: string, env: Record<string, string>) => ChildProcess;
  /** Starts the background-only worker (test/webhook-worker.ts) with `env`; resolves once it says it is running. */
  startJobWorker: (env: Record<string, string>) => Promise<ChildProcess>;
  /** Stops a child with `signal` and waits until it has exited. */
  stop: (child: ChildProcess, signal: NodeJS.Signals) => Promise<void>;
};

/** Call once at the top of a crash test file; `name` names the PGlite data dir. */
export function crashHarness(name: string): CrashHarness {
  const children: ChildProcess[] = [];
  const pgliteDir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(tmpdir(), `yhteys-${name}-`));
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  });

  const spawnWorker = (script: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: serverDir,
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", ...env, ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    return child;
  };

  return {
    pgliteDir,
    openDatabase: async (fresh = true) => {
      if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 2);
      // Without the snapshot (another run removed it) the new data dir is migrated instead.
      const snapshot = fresh && existsSync(SNAPSHOT_PATH) ? new Blob([readFileSync(SNAPSHOT_PATH)]) : undefined;
      return openPglite(pgliteDir, snapshot);
    },
    spawnWorker,
    startJobWorker: (env) => {
      const child = spawnWorker("test/webhook-worker.ts", { JOBS_CONCURRENCY: "2", JOBS_POLL_MS: "100", LEASE_MS: "1000", ...env });
      return new Promise((resolve, reject) => {
        child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
        child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
      });
    },
    stop: (child, signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      return exited;
    },
  };
}
