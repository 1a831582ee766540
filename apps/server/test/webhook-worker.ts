/**
 * A background-only process for the crash test: the job runner and outbox relay of
 * `background.ts` on DATABASE_URL or the PGlite data dir PGLITE_DIR, with a short lease
 * (LEASE_MS) so that jobs of a killed worker come back quickly. Prints "ready" once running.
 */
import { createJobs, startBackground } from "../src/background.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { LocalDiskStore } from "../src/modules/attachments/attachment-store.ts";
import { configuredScanner } from "../src/modules/attachments/scanner.ts";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: process.env.PGLITE_DIR ?? null });
const { runner } = createJobs(database.db, {
  attachments: {
    store: new LocalDiskStore(config.attachments.dir),
    scanner: configuredScanner(config.attachments.clamavUrl),
  },
  ...config.jobs,
  webhooks: config.webhooks,
  open311Client: config.open311Client,
  email: { ...config.email, publicUrl: config.publicUrl, secret: config.secret },
  minIntervalMs: 25,
  relayBatch: 200,
  leaseMs: Number(process.env.LEASE_MS ?? 60_000),
  // No live consoles in this worker.
  publish: () => {},
});
const stop = await startBackground({ database, jobs: runner });
runner.nudge();
console.log("ready");
process.once("SIGTERM", async () => {
  await stop();
  await database.close();
  process.exit(0);
});
