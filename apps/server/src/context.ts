import { createJobs, type JobKinds } from "./background.ts";
import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import { type AttachmentStore, LocalDiskStore } from "./modules/attachments/attachment-store.ts";
import { configuredScanner, type Scanner } from "./modules/attachments/scanner.ts";
import { LoginThrottle } from "./modules/auth/throttle.ts";
import { trackingTokenSeal } from "./modules/email/outgoing-tokens.ts";
import { AddressListGeocoder, type Geocoder } from "./modules/geocoding/geocoder.ts";
import type { JobRunner } from "./modules/jobs/job-runner.ts";
import { TicketWriter } from "./modules/tickets/ticket-creation.ts";
import { EventPublisher } from "./modules/tickets/ticket-events.ts";

/** What services need to read and change data: the database, the publisher of live events and the ticket writer. */
export type Store = { db: Db; events: EventPublisher; tickets: TicketWriter };

/** What services need from the running application. */
export type AppContext = Store & {
  config: Config;
  database: Database;
  loginThrottle: LoginThrottle;
  /** Where attachment bytes live, and the virus scanner they pass first. */
  attachmentStore: AttachmentStore;
  scanner: Scanner;
  /** This process's job runner (started by the app when `JOBS=on`); `nudge()` it after enqueuing. */
  jobs: JobRunner;
  jobKinds: JobKinds;
  /** Address search and reverse geocoding (the built-in provider over imported address lists). */
  geocoder: Geocoder;
};

/** The context of one app process on `database`. */
export function createContext(config: Config, database: Database): AppContext {
  const events = new EventPublisher(database.db, (error) => console.error("publishing live events failed", error));
  const attachmentStore = new LocalDiskStore(config.attachments.dir);
  const scanner = configuredScanner(config.attachments.clamavUrl);
  const jobs = createJobs(database.db, {
    attachments: { store: attachmentStore, scanner },
    publish: (notices) => events.publish(notices),
    ...config.jobs,
    webhooks: config.webhooks,
    open311Client: config.open311Client,
    email: { ...config.email, publicUrl: config.publicUrl, secret: config.secret },
    // At most ten rounds a second: each round is a transaction per outbox consumer (six of them),
    // and under a stream of submissions every round has work; closer rounds cost the submissions
    // more than they gain (bench/RESULTS.md). PGlite runs one transaction at a time and requests
    // wait for it: there relay transactions stay short ("What background work costs requests").
    minIntervalMs: 100,
    relayBatch: database.engine === "pglite" ? 25 : 500,
  });
  return {
    config,
    database,
    db: database.db,
    events,
    // PGlite runs one statement at a time, so one batch at a time. On PostgreSQL two writers measured best
    // on this 2-core machine (bench/RESULTS.md): more writers make smaller batches and more commits.
    tickets: new TicketWriter(database.db, {
      maxInFlight: database.engine === "pglite" ? 1 : 2,
      maxBatch: 100,
      sealToken: trackingTokenSeal(config.secret).seal,
    }),
    loginThrottle: new LoginThrottle(),
    attachmentStore,
    scanner,
    jobs: jobs.runner,
    jobKinds: jobs.kinds,
    geocoder: new AddressListGeocoder(database.db),
  };
}
