/**
 * Rule evaluation cost (issue 4 target: ≤ 2 ms per ticket with 200 active rules). 200 rules of a
 * realistic mix — word lists, category subtrees, channels, areas, priorities, business hours,
 * a few that stop processing — run over resident-style texts in three languages, first through
 * the pure engine, then through `runRules` on a real (PGlite) database the way a new ticket does.
 */
import { randomUUID } from "node:crypto";
import type { Language, RuleAction, RuleCondition } from "@yhteys/contracts";
import { channels, priorities } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import { openPglite } from "../../apps/server/src/db/client.ts";
import { automationRules } from "../../apps/server/src/db/schema.ts";
import { seededRandom, seedOrganisation } from "../../apps/server/src/modules/demo/demo.ts";
import { compileRules, evaluateRules, type RuleFacts, type RuleSource } from "../../apps/server/src/modules/rules/rules.engine.ts";
import { runRules } from "../../apps/server/src/modules/rules/rules.ts";
import { loadAverage } from "./machine.ts";
import { table, verdict, writeSection } from "./results.ts";
import { sentencePool } from "./sentences.ts";

const RULES = 200;
const TICKETS = 20_000;
const TARGET_MS = 2;

const words = [
  "katuvalo",
  "vuoto",
  "rikki",
  "roska",
  "graffiti",
  "lumi",
  "liukas",
  "kuoppa",
  "ilkivalta",
  "vaarallinen",
  "broken",
  "gatlampa",
  "trasig",
  "light",
  "bench",
  "keinu",
];

/** 200 rules: each has one to three conditions, about half with words, and one or two actions. */
function makeRules(random: () => number, ids: { categories: string[]; areas: string[]; groups: string[] }): RuleSource[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const some = <T>(list: readonly T[], n: number) => Array.from({ length: n }, () => pick(list));
  const condition = (): RuleCondition => {
    const r = random();
    if (r < 0.45) return { field: "words", anyOf: some(words, 2 + Math.floor(random() * 5)) };
    if (r < 0.65) return { field: "category", anyOf: some(ids.categories, 2) };
    if (r < 0.75) return { field: "channel", anyOf: some(channels, 2) };
    if (r < 0.85) return { field: "area", anyOf: some(ids.areas, 2) };
    if (r < 0.95) return { field: "priority", anyOf: some(priorities, 2) };
    return { field: "businessHours", is: random() < 0.5 };
  };
  const action = (): RuleAction =>
    random() < 0.6 ? { action: "route", groupId: pick(ids.groups) } : { action: "setPriority", priority: pick(priorities) };
  return Array.from({ length: RULES }, (_, i) => ({
    id: randomUUID(),
    name: `Rule ${i + 1}`,
    trigger: "created" as const,
    stopsProcessing: random() < 0.05,
    conditions: Array.from({ length: 1 + Math.floor(random() * 3) }, condition),
    actions: Array.from({ length: 1 + Math.floor(random() * 2) }, action),
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

export async function benchRules(): Promise<void> {
  const random = seededRandom(7);
  const db = await openPglite(null);
  const org = await seedOrganisation(db.db, { slug: "bench-rules", emailDomain: "rules.bench.test", apiKey: "bench-rules" });
  const ids = { categories: Object.values(org.categories), areas: Object.values(org.areas), groups: Object.values(org.groups) };
  const sources = makeRules(random, ids);
  const languages: Language[] = ["fi", "sv", "en"];
  const texts = languages.flatMap((l) => sentencePool(l, 300));
  const tickets: RuleFacts[] = Array.from({ length: TICKETS }, () => ({
    categoryId: ids.categories[Math.floor(random() * ids.categories.length)] as string,
    type: "fault_report",
    channel: channels[Math.floor(random() * 3)] as string,
    priority: "normal",
    language: languages[Math.floor(random() * 3)] as string,
    state: "new",
    areaId: random() < 0.7 ? (ids.areas[Math.floor(random() * ids.areas.length)] as string) : null,
    description: texts[Math.floor(random() * texts.length)] as string,
    customerKnown: random() < 0.5,
    assigned: false,
    changed: [],
  }));

  const compileStart = performance.now();
  const compiled = compileRules(sources);
  const compileMs = performance.now() - compileStart;
  const env = {
    categoryPath: (id: string) => [id],
    isBusinessHours: () => true,
    minutesSince: () => 0,
    statusOf: () => null,
    phaseOf: () => undefined,
  };
  for (const t of tickets.slice(0, 2000)) evaluateRules(compiled, t, env); // warm-up
  const pure: number[] = [];
  let fired = 0;
  for (const t of tickets) {
    const start = performance.now();
    fired += evaluateRules(compiled, t, env).fired.length;
    pure.push(performance.now() - start);
  }
  pure.sort((a, b) => a - b);

  // The same rules stored, loaded and cached as the server does, with the real category tree and calendar.
  await db.db.insert(automationRules).values(
    sources.map((r, i) => ({
      organisationId: org.id,
      name: r.name,
      trigger: r.trigger,
      position: i + 1,
      stopsProcessing: r.stopsProcessing,
      conditions: r.conditions,
      actions: r.actions,
    })),
  );
  const active = await db.db.select({ id: automationRules.id }).from(automationRules).where(eq(automationRules.organisationId, org.id));
  const served: number[] = [];
  for (const t of tickets.slice(0, 2000)) await runRules(db.db, org.id, "created", t);
  for (const t of tickets) {
    const start = performance.now();
    await runRules(db.db, org.id, "created", t);
    served.push(performance.now() - start);
  }
  served.sort((a, b) => a - b);
  await db.close();

  const p99 = percentile(served, 99);
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const markdown = `## Rule evaluation (200 active rules)

${when} UTC, load average before: ${loadAverage()}. ${active.length} active "created" rules (45 % of conditions
are word lists of 2–6 words, the rest categories, channels, areas, priorities and business hours; 1–3
conditions and 1–2 actions each, 5 % stop processing) over ${TICKETS.toLocaleString("en")} tickets with
resident-style texts in Finnish, Swedish and English; ${(fired / TICKETS).toFixed(1)} rules fired per ticket on
average. Compiling the 200 rules took ${compileMs.toFixed(2)} ms (once per 30 s per organisation).

${table(
  ["path", "mean", "p50", "p99", "max", "target ≤ 2 ms per ticket"],
  [
    [
      "engine (pure)",
      us(pure.reduce((a, b) => a + b, 0) / pure.length),
      us(percentile(pure, 50)),
      us(percentile(pure, 99)),
      us(pure.at(-1) ?? 0),
      verdict(percentile(pure, 99) <= TARGET_MS),
    ],
    [
      "runRules (cached settings, category tree, calendar)",
      us(served.reduce((a, b) => a + b, 0) / served.length),
      us(percentile(served, 50)),
      us(p99),
      us(served.at(-1) ?? 0),
      verdict(p99 <= TARGET_MS),
    ],
  ],
)}`;
  writeSection("rules", markdown);
  console.log(markdown);
}
