/**
 * A resident's submission with a photo: 50 concurrent senders each send a contact and then upload
 * a phone-sized photo with the tracking token (as the portal does), on PGlite (disk) and on server
 * PostgreSQL. Two figures: the upload request's latency (p50/p95/p99 at the client), which only
 * stores the original, and the photo-cleaning job's throughput and time until each photo is cleaned.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { and, count, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { type Database, openPglite, openPostgres, queryRows } from "../../apps/server/src/db/client.ts";
import { attachments } from "../../apps/server/src/db/schema.ts";
import { prepareFile, sniffFile } from "../../apps/server/src/modules/attachments/attachment-files.ts";
import { seedOrganisation } from "../../apps/server/src/modules/demo/demo.ts";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { type Percentiles, percentiles } from "./load.ts";
import { loadAverage } from "./machine.ts";
import { ms, table, writeSection } from "./results.ts";
import { startApp } from "./server.ts";

const SENDERS = 50;
const DB_NAME = "yhteys_bench_attachments";

/** A 12-megapixel-like photo would make the figure sharp's alone; 1600×1200 with noise is a typical resized phone photo. */
const photo = () =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#777", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "61/1 29/1 5/1" } })
    .toBuffer();

type Figures = {
  pair: Percentiles;
  upload: Percentiles;
  failed: number;
  seconds: number;
  /** Per photo, from its row (the upload) to its `ticket.attachment_processed` event. */
  untilCleaned: Percentiles;
  /** Photos cleaned per second, from the first upload to the last photo cleaned. */
  cleanedPerSecond: number;
  /** Seconds after the last upload until every photo was cleaned. */
  drainSeconds: number;
  notCleaned: number;
};

/** Longest wait for the job to clean the backlog after the load ends. */
const DRAIN_LIMIT_MS = 300_000;

async function measure(engine: "pglite" | "postgres", database: Database, image: Buffer, seconds: number): Promise<Figures> {
  const org = await seedOrganisation(database.db, {
    slug: `bench-att-${engine}`,
    emailDomain: `${engine}.att.bench.test`,
    apiKey: `att-${engine}`,
  });
  const files = mkdtempSync(path.join(tmpdir(), "yhteys-bench-attachments-"));
  // The background jobs run in the server's process (JOBS=on), as in a one-process installation.
  const running = await startApp(database, { ATTACHMENTS_DIR: files, JOBS: "on" });
  const processing = async () =>
    (
      await running.ctx.db
        .select({ n: count() })
        .from(attachments)
        .where(and(eq(attachments.organisationId, org.id), eq(attachments.status, "processing")))
    )[0]?.n ?? 0;
  try {
    const body = JSON.stringify({ categoryId: org.categories.potholes, description: "Syvä kuoppa pyörätiellä, kuva liitteenä." });
    const pair = async () => {
      const started = performance.now();
      const submit = await fetch(`${running.url}/api/public/${org.slug}/contacts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const { trackingToken } = (await submit.json()) as { trackingToken: string };
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "kuoppa.jpg");
      const uploadStarted = performance.now();
      const upload = await fetch(`${running.url}/api/public/${org.slug}/contacts/${trackingToken}/attachments`, {
        method: "POST",
        body: form,
      });
      await upload.arrayBuffer();
      if (submit.status !== 201 || upload.status !== 201) throw new Error(`submit ${submit.status}, upload ${upload.status}`);
      const done = performance.now();
      return { pair: done - started, upload: done - uploadStarted };
    };
    // Warm-up: JIT, sharp's thread pool, the database's caches; its photos are cleaned before the run.
    await Promise.all(Array.from({ length: 10 }, pair));
    const warm = performance.now();
    while ((await processing()) > 0 && performance.now() - warm < DRAIN_LIMIT_MS) await sleep(100);
    const firstUpload = new Date();
    const pairs: number[] = [];
    const uploads: number[] = [];
    let failed = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const sender = async () => {
      while (performance.now() < deadline)
        await pair().then(
          (t) => {
            pairs.push(t.pair);
            uploads.push(t.upload);
          },
          () => failed++,
        );
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    const loadEnded = performance.now();
    let left = await processing();
    while (left > 0 && performance.now() - loadEnded < DRAIN_LIMIT_MS) {
      await sleep(200);
      left = await processing();
    }
    const drainSeconds = (performance.now() - loadEnded) / 1000;
    const cleaned = await queryRows<{ ms: number | string; at: string | Date }>(
      running.ctx.db,
      sql`SELECT extract(epoch FROM e.created_at - a.created_at) * 1000 AS ms, e.created_at AS at
          FROM attachments a JOIN ticket_events e
            ON e.ticket_id = a.ticket_id AND e.type = 'ticket.attachment_processed' AND e.data->>'attachmentId' = a.id::text
          WHERE a.organisation_id = ${org.id} AND a.created_at >= ${firstUpload}`,
    );
    const last = Math.max(...cleaned.map((r) => new Date(r.at).getTime()));
    return {
      pair: percentiles(pairs),
      upload: percentiles(uploads),
      failed,
      seconds: (loadEnded - started) / 1000,
      untilCleaned: percentiles(cleaned.map((r) => Number(r.ms))),
      cleanedPerSecond: cleaned.length / ((last - firstUpload.getTime()) / 1000),
      drainSeconds,
      notCleaned: left,
    };
  } finally {
    await running.close();
    rmSync(files, { recursive: true, force: true });
  }
}

/** Photos per second that the cleaning alone (sniff, re-encode, thumbnail) manages, 20 at a time. */
async function cleaningRate(image: Buffer): Promise<number> {
  const clean = async (name: string) => prepareFile(await sniffFile(image, name));
  await clean("warm-up.jpg");
  const started = performance.now();
  await Promise.all(Array.from({ length: 20 }, () => clean("kuoppa.jpg")));
  return 20 / ((performance.now() - started) / 1000);
}

/** Runs both engines and writes the `attachments` section of RESULTS.md. */
export async function benchAttachments(options: { seconds: number }): Promise<void> {
  const loadBefore = loadAverage();
  const image = await photo();
  const cleaning = await cleaningRate(image);
  const results: [string, Figures][] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "yhteys-bench-pglite-"));
  try {
    results.push(["PGlite (disk)", await measure("pglite", await openPglite(dataDir), image, options.seconds)]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = await freshDatabase(DB_NAME);
  try {
    results.push(["PostgreSQL", await measure("postgres", await openPostgres(url), image, options.seconds)]);
  } finally {
    await dropDatabase(DB_NAME);
  }
  const rows = results.map(([engine, f]) => [
    engine,
    f.upload.n,
    f.failed,
    (f.upload.n / f.seconds).toFixed(1),
    ms(f.upload.p50),
    ms(f.upload.p95),
    ms(f.upload.p99),
    ms(f.pair.p95),
  ]);
  const jobRows = results.map(([engine, f]) => [
    engine,
    f.cleanedPerSecond.toFixed(1),
    `${f.drainSeconds.toFixed(1)} s`,
    ms(f.untilCleaned.p50),
    ms(f.untilCleaned.p95),
    f.notCleaned,
  ]);
  for (const r of [...rows, ...jobRows]) console.log(r.join(" | "));
  writeSection(
    "attachments",
    `## Photo upload (POST …/attachments) and the photo-cleaning job

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. The upload request (sniff, size bound, original to quarantine, row and job):

${table(["Engine", "uploads", "failed", "uploads/s", "upload p50", "upload p95", "upload p99", "contact + upload p95"], rows)}

The cleaning job (re-encode, thumbnail, store, row ready, original deleted), over the same photos:

${table(["Engine", "cleaned/s", "backlog drained after the load", "until cleaned p50", "until cleaned p95", "not cleaned"], jobRows)}

How: ${SENDERS} concurrent senders in the server's process for ${options.seconds} s each send a contact and
then upload a ${Math.round(image.length / 1024)} kB 1600×1200 JPEG with GPS EXIF (multipart), one after the
other; latencies are measured at the client. The upload answers 201 \`processing\` once the original is
written (fsync and rename) under \`quarantine/\` and the row, its event and its job are committed; the
photo-cleaning job (JOBS=on, in the same process, JOBS_CONCURRENCY default) re-encodes without
metadata by sharp, thumbnails (320 px WebP) and stores; no virus scanner. "Until cleaned" is from
the row to its \`ticket.attachment_processed\` event, and grows with the backlog, since the senders
upload faster than the job cleans; cleaned/s is from the first upload to the last photo cleaned.
The cleaning alone manages ${cleaning.toFixed(0)} photos/s on this machine (20 at a time, nothing else
running in the process). The machine is shared with other work (load average on 2 cores before:
${loadBefore}; after: ${loadAverage()}).`,
  );
}
