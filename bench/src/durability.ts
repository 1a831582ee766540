/**
 * Durability: the real server as a child process takes submissions from concurrent clients and
 * is killed with SIGKILL mid-load, twice; after a restart every acknowledged submission (HTTP 201)
 * must be found again by its tracking token. On PGlite (data dir on disk) and PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropDatabase, freshDatabase } from "./databases.ts";
import { loadAverage } from "./machine.ts";
import { table, verdict, writeSection } from "./results.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const ORG = "demo";
const CLIENTS = 32;
const ROUNDS = 2;
const DB_NAME = "yhteys_bench_durability";

type Receipt = { reference: string; trackingToken: string };
type Tally = { engine: string; rounds: number; sent: number; acknowledged: number; unanswered: number; found: number; lost: string[] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `node --import tsx apps/server/src/main.ts`, as `npm start` runs it, ready when /readyz answers. */
class ServerProcess {
  private child: ChildProcess | undefined;
  private output = "";
  constructor(
    private readonly env: Record<string, string>,
    readonly url: string,
  ) {}

  async start(): Promise<void> {
    this.output = "";
    const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
      cwd: REPO,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      const ready = await fetch(`${this.url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      await sleep(200);
    }
    await this.kill("SIGKILL");
    throw new Error(`server not ready in 180 s:\n${this.output}`);
  }

  /** Sends `signal` and waits for the process to end. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }
}

async function leafCategory(url: string): Promise<string> {
  const res = await fetch(`${url}/api/public/${ORG}/categories`);
  const { items } = (await res.json()) as { items: { id: string; code: string }[] };
  const leaf = items.find((c) => c.code === "potholes");
  if (!leaf) throw new Error("no potholes category in the demo organisation");
  return leaf.id;
}

/** Submits from CLIENTS concurrent loops until the server dies; SIGKILLs it after `killAfterMs`. */
async function submitUntilKilled(server: ServerProcess, killAfterMs: number, round: number) {
  const categoryId = await leafCategory(server.url);
  const acknowledged: Receipt[] = [];
  let sent = 0;
  let dead = false;
  const client = async (n: number) => {
    for (let i = 0; !dead; i++) {
      sent++;
      try {
        const res = await fetch(`${server.url}/api/public/${ORG}/contacts`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ categoryId, description: `Kestävyystesti ${round}/${n}/${i}: kuoppa ajoradalla`, language: "fi" }),
        });
        const body = (await res.json()) as Receipt;
        if (res.status === 201) acknowledged.push(body);
        else throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
      } catch (e) {
        if (!dead) throw e;
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
  await sleep(killAfterMs);
  // From here on, failed requests are the expected effect of the kill.
  dead = true;
  await Promise.all([server.kill("SIGKILL"), ...clients]);
  return { sent, acknowledged };
}

async function findAll(url: string, receipts: Receipt[]): Promise<string[]> {
  const lost: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < receipts.length) {
      const r = receipts[next++] as Receipt;
      const res = await fetch(`${url}/api/public/${ORG}/contacts/${r.trackingToken}`);
      const body = (await res.json()) as { reference?: string };
      if (res.status !== 200 || body.reference !== r.reference) lost.push(r.reference);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return lost;
}

async function runEngine(engine: string, env: Record<string, string>): Promise<Tally> {
  const port = await freePort();
  const server = new ServerProcess(
    { ...env, PORT: String(port), HOST: "127.0.0.1", DEMO: "true", LOG_LEVEL: "warn", PUBLIC_RATE_LIMIT: "100000000" },
    `http://127.0.0.1:${port}`,
  );
  const tally: Tally = { engine, rounds: ROUNDS, sent: 0, acknowledged: 0, unanswered: 0, found: 0, lost: [] };
  const receipts: Receipt[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await server.start();
      // Kill at a different moment in each round, a few seconds into the load.
      const { sent, acknowledged } = await submitUntilKilled(server, 2500 + round * 1000 + Math.random() * 1000, round);
      receipts.push(...acknowledged);
      tally.sent += sent;
      tally.acknowledged += acknowledged.length;
      tally.unanswered += sent - acknowledged.length;
      console.log(
        `durability ${engine}: round ${round}: ${acknowledged.length} acknowledged, ${sent - acknowledged.length} cut off by SIGKILL`,
      );
    }
    await server.start();
    tally.lost = await findAll(server.url, receipts);
    tally.found = receipts.length - tally.lost.length;
    console.log(`durability ${engine}: ${tally.found} of ${tally.acknowledged} found after restart`);
  } finally {
    await server.kill("SIGTERM");
  }
  return tally;
}

/** Runs PGlite and PostgreSQL and writes the `durability` section of RESULTS.md. */
export async function benchDurability(): Promise<void> {
  const loadBefore = loadAverage();
  const tallies: Tally[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "yhteys-bench-durability-"));
  try {
    tallies.push(await runEngine("PGlite (DATA_DIR on disk)", { DATA_DIR: dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = await freshDatabase(DB_NAME);
  try {
    tallies.push(await runEngine("PostgreSQL (fresh database)", { DATABASE_URL: url }));
  } finally {
    await dropDatabase(DB_NAME);
  }
  writeSection(
    "durability",
    `## Durability (SIGKILL under load)

${table(
  ["Engine", "Kills", "Requests sent", "Acknowledged (201)", "Cut off by the kill", "Found after restart", "Lost", "Result"],
  tallies.map((t) => [
    t.engine,
    t.rounds,
    t.sent,
    t.acknowledged,
    t.unanswered,
    t.found,
    t.lost.length ? `${t.lost.length} (${t.lost.slice(0, 5).join(", ")}…)` : 0,
    verdict(t.lost.length === 0 && t.acknowledged > 0),
  ]),
)}

How: \`bench/src/durability.ts\` starts the real server (\`node --import tsx apps/server/src/main.ts\`,
DEMO=true, its own port on 127.0.0.1; PGlite in a temporary DATA_DIR, PostgreSQL in a fresh
database \`${DB_NAME}\`) and ${CLIENTS} concurrent clients submit contacts without pause. A few
seconds in, the server gets SIGKILL (no shutdown hooks run); it is restarted and the load and the
kill repeated (${ROUNDS} kills in all, the second on a database recovered from the first). After a
final restart every acknowledged submission (a complete HTTP 201 answer) is looked up by its
tracking token (\`GET /api/public/demo/contacts/{token}\`) and its reference compared. Requests cut
off by the kill got no answer, so the resident was not told they were received.

Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
  );
}
