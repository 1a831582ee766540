/**
 * A resident's submission with a photo: 50 concurrent senders each send a contact and then upload
 * a phone-sized photo with the tracking token (as the portal does), on PGlite (disk) and on server
 * PostgreSQL; the figure is the latency of the pair, p50/p95/p99, measured at the client.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { type Database, openPglite, openPostgres } from "../../apps/server/src/db/client.ts";
import { prepareFile } from "../../apps/server/src/modules/attachments/attachment-files.ts";
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

type Figures = Percentiles & { pairs: number; failed: number; seconds: number };

async function measure(engine: "pglite" | "postgres", database: Database, image: Buffer, seconds: number): Promise<Figures> {
  const org = await seedOrganisation(database.db, {
    slug: `bench-att-${engine}`,
    emailDomain: `${engine}.att.bench.test`,
    apiKey: `att-${engine}`,
  });
  const files = mkdtempSync(path.join(tmpdir(), "yhteys-bench-attachments-"));
  const running = await startApp(database, { ATTACHMENTS_DIR: files });
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
      form.append("file", new Blob([image], { type: "image/jpeg" }), "kuoppa.jpg");
      const upload = await fetch(`${running.url}/api/public/${org.slug}/contacts/${trackingToken}/attachments`, {
        method: "POST",
        body: form,
      });
      await upload.arrayBuffer();
      if (submit.status !== 201 || upload.status !== 201) throw new Error(`submit ${submit.status}, upload ${upload.status}`);
      return performance.now() - started;
    };
    // Warm-up: JIT, sharp's thread pool, the database's caches.
    await Promise.all(Array.from({ length: 10 }, pair));
    const times: number[] = [];
    let failed = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const sender = async () => {
      while (performance.now() < deadline)
        await pair().then(
          (t) => times.push(t),
          () => failed++,
        );
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    const elapsed = (performance.now() - started) / 1000;
    return { ...percentiles(times), pairs: times.length, failed, seconds: elapsed };
  } finally {
    await running.close();
    rmSync(files, { recursive: true, force: true });
  }
}

/** Photos per second that the cleaning alone (sniff, re-encode, thumbnail) manages, 20 at a time. */
async function cleaningRate(image: Buffer): Promise<number> {
  await prepareFile(image, "warm-up.jpg");
  const started = performance.now();
  await Promise.all(Array.from({ length: 20 }, () => prepareFile(image, "kuoppa.jpg")));
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
  const rows = results.map(([engine, f]) => [engine, f.pairs, f.failed, (f.pairs / f.seconds).toFixed(1), ms(f.p50), ms(f.p95), ms(f.p99)]);
  for (const r of rows) console.log(r.join(" | "));
  writeSection(
    "attachments",
    `## Submission with a photo (POST contacts, then POST …/attachments)

${table(["Engine", "pairs", "failed", "pairs/s", "p50", "p95", "p99"], rows)}

How: ${SENDERS} concurrent senders in the server's process for ${options.seconds} s each send a contact and
then upload a ${Math.round(image.length / 1024)} kB 1600×1200 JPEG with GPS EXIF (multipart), one after the
other; the latency is the pair's, measured at the client. Each upload is sniffed, re-encoded
without metadata by sharp, thumbnailed (320 px WebP), written to disk with fsync and rename, and
recorded with its event; no virus scanner. The pairs are bound by CPU: the cleaning alone manages
${cleaning.toFixed(0)} photos/s on this machine (20 at a time, nothing else running in the process), and the
machine is shared with other work (load average on 2 cores before: ${loadBefore}; after: ${loadAverage()}).`,
  );
}
