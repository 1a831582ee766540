/**
 * The benchmark suite: `npm run bench [-- <part>...] [--seconds=N] [--tickets=N,N] [--keep] [--reuse]`.
 * Parts: submissions, queue, reports, rules, timerules, durability, attachments, bundles, webhooks, email, live (default: all). Figures go to bench/RESULTS.md.
 */
import { parseArgs } from "node:util";
import { benchAttachments } from "./attachments.ts";
import { benchBundles } from "./bundles.ts";
import { benchDurability } from "./durability.ts";
import { benchEmail } from "./email.ts";
import { benchLive } from "./live.ts";
import { describeMachine, machineMarkdown } from "./machine.ts";
import { benchQueue } from "./queue.ts";
import { benchReports } from "./reports.ts";
import { writeSection } from "./results.ts";
import { benchRules } from "./rules.ts";
import { benchSubmissions } from "./submissions.ts";
import { benchTimeRules } from "./time-rules.ts";
import { benchWebhooks } from "./webhooks.ts";

const parts = [
  "submissions",
  "queue",
  "reports",
  "rules",
  "timerules",
  "durability",
  "attachments",
  "bundles",
  "webhooks",
  "email",
  "live",
] as const;
type Part = (typeof parts)[number];
const isPart = (s: string): s is Part => (parts as readonly string[]).includes(s);

const usage = `usage: npm run bench -- [${parts.join("|")}...] [--seconds=12] [--tickets=100000,1000000] [--emails=10000] [--keep]
  submissions  public submissions/s and latency at 50 connections vs hello-world, PGlite and PostgreSQL
  queue        staff queue list and full-text search latency with bulk-generated tickets on PostgreSQL
  reports      report summaries over a year at the largest --tickets count on PostgreSQL
  rules        cost of running 200 active automation rules over a new ticket
  timerules    the time-rule scan over the largest --tickets count on PostgreSQL (backlog, then steady rounds)
  durability   SIGKILL the real server under load, restart, look up every acknowledged submission
  attachments  p95 of a photo upload at 50 concurrent senders and the cleaning job's photos/s, PGlite and PostgreSQL
  bundles      first-load gzipped size of the embedded form and the portal (builds the portal)
  webhooks     webhook deliveries/s to a receiver that takes 200 ms per answer, PGlite and PostgreSQL
  email        emails ingested/s from an IMAP mailbox (dovecot on loopback), PGlite and PostgreSQL
  live         live-update latency from a new ticket to each of 200 connected agents, PGlite and PostgreSQL
  --seconds    duration of each submissions measurement (default 12)
  --tickets    ticket counts for the queue benchmark (default 100000,1000000)
  --emails     messages in the email benchmark's mailbox (default 10000)
  --keep       keep the queue and reports benchmarks' databases (yhteys_bench, yhteys_bench_reports) afterwards
  --reuse      measure on the kept database (generating only the tickets it lacks) and keep it`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: "string", default: "12" },
      tickets: { type: "string", default: "100000,1000000" },
      emails: { type: "string", default: "10000" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(usage);
  const unknown = positionals.filter((p) => !isPart(p));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(", ")}\n${usage}`);
  const selected = positionals.length ? positionals.filter(isPart) : [...parts];
  const seconds = Number(values.seconds);
  const tickets = values.tickets.split(",").map(Number);
  if (!(seconds > 0) || tickets.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`bad --seconds or --tickets\n${usage}`);

  const started = performance.now();
  const machine = await describeMachine();
  writeSection("machine", `## Machine\n\n${machineMarkdown(machine)}`);
  console.log(machineMarkdown(machine));
  for (const part of selected) {
    const t = performance.now();
    if (part === "submissions") await benchSubmissions({ seconds });
    if (part === "queue") await benchQueue({ tickets, keep: values.keep, reuse: values.reuse });
    if (part === "reports") await benchReports({ tickets: Math.max(...tickets), keep: values.keep, reuse: values.reuse });
    if (part === "rules") await benchRules();
    if (part === "timerules") await benchTimeRules({ tickets: Math.max(...tickets) });
    if (part === "durability") await benchDurability();
    if (part === "attachments") await benchAttachments({ seconds });
    if (part === "bundles") await benchBundles();
    if (part === "webhooks") await benchWebhooks();
    if (part === "email") await benchEmail({ emails: Number(values.emails) });
    if (part === "live") await benchLive();
    console.log(`${part}: done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  console.log(`all done in ${((performance.now() - started) / 60000).toFixed(1)} min; see bench/RESULTS.md`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
