/**
 * Public submissions per second and latency at 50 connections, on PGlite (data dir on disk, the
 * default setup) and on server PostgreSQL, each against a hello-world route of the same process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Request } from "autocannon";
import { type Database, openPglite, openPostgres } from "../../apps/server/src/db/client.ts";
import { type SeededOrganisation, seedOrganisation } from "../../apps/server/src/modules/demo/demo.ts";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { type LoadFigures, load } from "./load.ts";
import { loadAverage } from "./machine.ts";
import { ms, table, verdict, writeSection } from "./results.ts";
import { HELLO_PATH, startApp } from "./server.ts";

const CONNECTIONS = 50;
const DB_NAME = "yhteys_bench_intake";

type Engine = "pglite" | "postgres";
const targets: Record<Engine, { ratio: number; p99?: number }> = { pglite: { ratio: 0.04 }, postgres: { ratio: 0.2, p99: 50 } };

/** Contacts as residents send them: categories without required extra fields, three languages, some with contact details. */
function submissionRequests(org: SeededOrganisation): Request[] {
  const c = org.categories;
  const bodies = [
    { categoryId: c.potholes, description: "Syvä kuoppa ajoradalla suojatien vieressä, pyöräilijä voi kaatua.", language: "fi" },
    {
      categoryId: c.playgrounds,
      description: "Gungan på lekplatsen är trasig och kedjan hänger lös.",
      language: "sv",
      location: { lat: 61.45, lon: 23.85 },
    },
    {
      categoryId: c.graffiti,
      description: "Graffiti on the wall of the underpass next to the station.",
      language: "en",
      address: "Hämeenkatu 10",
    },
    {
      categoryId: c["customer-service"],
      description: "Miten voin varata ajan palvelupisteeseen? Verkkosivulla ei ole ohjeita.",
      language: "fi",
      wantsReply: true,
      contact: { name: "Maija Virtanen", email: "maija@example.test" },
    },
  ];
  return bodies.map((b) => ({
    method: "POST",
    path: `/api/public/${org.slug}/contacts`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(b),
  }));
}

type EngineResult = { engine: Engine; hello: LoadFigures; submit: LoadFigures; perCommit: number };

async function measure(engine: Engine, database: Database, seconds: number): Promise<EngineResult> {
  // One slug per engine: the application caches organisations by slug for the life of the process.
  const org = await seedOrganisation(database.db, {
    slug: `bench-${engine}`,
    emailDomain: `${engine}.bench.test`,
    apiKey: `bench-${engine}`,
  });
  const running = await startApp(database);
  try {
    // Each route is warmed up (JIT, connection pool, PGlite caches) just before it is measured. The
    // hello-world route goes first: measured after the submissions' warm-up, it would share the CPU
    // with the background work (outbox consumers, jobs) that those submissions left behind.
    await load(`${running.url}${HELLO_PATH}`, { connections: CONNECTIONS, seconds: 2 });
    const hello = await load(`${running.url}${HELLO_PATH}`, { connections: CONNECTIONS, seconds });
    await load(running.url, { connections: CONNECTIONS, seconds: 2, requests: submissionRequests(org) });
    const before = { ...running.ctx.tickets.stats };
    const submit = await load(running.url, { connections: CONNECTIONS, seconds, requests: submissionRequests(org) });
    const { stats } = running.ctx.tickets;
    const perCommit = (stats.tickets - before.tickets) / Math.max(1, stats.batches - before.batches);
    console.log(`${engine}: hello ${hello.statuses}; submit ${submit.statuses}; ${perCommit.toFixed(1)} tickets per commit`);
    return { engine, hello, submit, perCommit };
  } finally {
    await running.close();
  }
}

/** Runs both engines and writes the `submissions` section of RESULTS.md. */
export async function benchSubmissions(options: { seconds: number }): Promise<void> {
  const loadBefore = loadAverage();
  const results: EngineResult[] = [];

  const dataDir = mkdtempSync(path.join(tmpdir(), "yhteys-bench-pglite-"));
  try {
    console.log(`submissions: PGlite in ${dataDir}`);
    results.push(await measure("pglite", await openPglite(dataDir), options.seconds));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(`submissions: PostgreSQL database ${DB_NAME}`);
  const url = await freshDatabase(DB_NAME);
  try {
    results.push(await measure("postgres", await openPostgres(url), options.seconds));
  } finally {
    await dropDatabase(DB_NAME);
  }

  const rows = results.map(({ engine, hello, submit, perCommit }) => {
    const target = targets[engine];
    const ratio = submit.rps / hello.rps;
    const ok = ratio >= target.ratio && (target.p99 === undefined || submit.p99 < target.p99);
    return [
      engine === "pglite" ? "PGlite (disk)" : "PostgreSQL",
      Math.round(hello.rps),
      `${ms(hello.p50)} / ${ms(hello.p99)}`,
      Math.round(submit.rps),
      `${ms(submit.p50)} / ${ms(submit.p99)}`,
      `${submit.ok} / ${submit.failed}`,
      perCommit.toFixed(1),
      ratio.toFixed(3),
      `≥ ${target.ratio}${target.p99 ? `, p99 < ${target.p99} ms` : ""}`,
      verdict(ok),
    ];
  });
  for (const r of rows) console.log(r.join(" | "));
  writeSection(
    "submissions",
    `## Public submissions (POST /api/public/{org}/contacts)

${table(
  [
    "Engine",
    "hello-world req/s",
    "hello p50 / p99",
    "submissions/s",
    "submit p50 / p99",
    "2xx / failed",
    "tickets per commit",
    "ratio to hello-world",
    "target",
    "result",
  ],
  rows,
)}

How: the real application (\`buildApp\`, production config, request logging off) in the benchmark's
process on 127.0.0.1, a hello-world route (\`GET ${HELLO_PATH}\`, same hooks) added to the same
Fastify instance. autocannon with ${CONNECTIONS} connections, ${options.seconds} s per measurement right after
a 2 s warm-up of the same route (hello-world first), from a worker thread of the server's process (so the load generator
shares the 2 cores with the server and PostgreSQL — this lowers both figures alike; the ratio is
what the targets compare). Each
connection cycles four valid contacts (fi/sv/en, one with location, one with contact details and
a reply request). Submissions are validated one by one (category, extra fields, area) and written
by the application's group commit (\`TicketWriter\`): the submissions that arrive while earlier
writes are in flight are written together by one statement — references from the sequence,
customer rows, ticket rows (each with its generated search vector and 10 indexes), their
\`ticket.created\` events and idempotency records — and each is answered only after that
statement has committed. "Tickets per commit" is the mean batch size during the measurement. PGlite runs on a data dir in the temp directory, PostgreSQL with the
app's default pool of 20 connections.

Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
  );
}
