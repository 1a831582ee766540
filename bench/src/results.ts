/**
 * Writes the figures into bench/RESULTS.md. Each benchmark owns one section between HTML comment
 * markers, so running one benchmark replaces its section and keeps the others' last figures.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RESULTS = fileURLToPath(new URL("../RESULTS.md", import.meta.url));

const HEADER = `# Benchmark results

Measured by \`npm run bench\` (see \`bench/src/run.ts\`; \`npm run bench -- submissions|queue|durability\` runs one part).
Each section is rewritten by the run that measured it and says when and under which load it ran.
`;

/** The sections in the order they appear in the file. */
const sectionOrder = [
  "machine",
  "submissions",
  "queue",
  "rules",
  "time-rules",
  "reports",
  "durability",
  "attachments",
  "bundles",
  "webhooks",
  "email",
  "live",
  "notes",
] as const;
export type Section = (typeof sectionOrder)[number];

const start = (name: Section) => `<!-- bench:${name} -->`;
const end = (name: Section) => `<!-- /bench:${name} -->`;

function readSections(): Map<Section, string> {
  const sections = new Map<Section, string>();
  if (!existsSync(RESULTS)) return sections;
  const text = readFileSync(RESULTS, "utf8");
  for (const name of sectionOrder) {
    const from = text.indexOf(start(name));
    const to = text.indexOf(end(name));
    if (from >= 0 && to > from) sections.set(name, text.slice(from + start(name).length, to).trim());
  }
  return sections;
}

/** Replaces one section of RESULTS.md (creating the file when missing). */
export function writeSection(name: Section, markdown: string): void {
  const sections = readSections();
  sections.set(name, markdown.trim());
  const body = sectionOrder
    .filter((s) => sections.has(s))
    .map((s) => `${start(s)}\n${sections.get(s)}\n${end(s)}`)
    .join("\n\n");
  writeFileSync(RESULTS, `${HEADER}\n${body}\n`);
}

/** Display width as the formatter counts it: emoji take two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/\p{Extended_Pictographic}/u.test(ch) ? 2 : 1), 0);

/** A Markdown table from a header row and data rows, padded the way `biome format` lays it out. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat((widths[i] ?? 0) - width(c))).join(" | ")} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

export const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
export const verdict = (ok: boolean) => (ok ? "✅ met" : "❌ missed");
