/**
 * The console's first load carries only the dictionaries merged in its `i18n.ts`; a lazily loaded
 * chunk brings its own in a `*.texts.ts` module that registers them (see `registerTexts`). This
 * checks, by reading the source, that every text a module uses is there when it renders: keys in
 * the first load's modules are in the first load's dictionaries, and keys in a lazy chunk's
 * modules are in those or in a `*.texts.ts` the chunk imports. Otherwise the key would show until
 * some other chunk happened to register it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

type Texts = Record<string, string>;
const src = join(import.meta.dirname, "../../../apps/console/src");

const STATIC_IMPORT = /^import\s+(?!type\b)(?:[^;]*?\bfrom\s*)?["'](\.[^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.[^"']+)["']\s*\)/g;
/** Relative imports of `file` that exist (a doc comment may show an example import). */
const importsOf = (file: string, pattern: RegExp) =>
  [...readFileSync(file, "utf8").matchAll(pattern)].map((m) => resolve(dirname(file), m[1] as string)).filter((f) => existsSync(f));

/** `entry` and what it imports statically, transitively, leaving out modules in `loaded`. */
function closure(entry: string, loaded = new Set<string>()): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || loaded.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file, STATIC_IMPORT)) visit(next);
  };
  visit(entry);
  return seen;
}

const isCode = (file: string) => /\.tsx?$/.test(file) && !/\.(i18n|texts|test)\.ts$/.test(file) && !file.endsWith("/i18n.ts");

/**
 * The keys `files` use: string literals that are keys, and for a template like `rules.field.${f}`
 * every key under that prefix. A one-word prefix (`sla.${status}`) can be shared by unrelated
 * texts (or be no key at all, as a form field's `statuses.${i}.key`), so for it one key under
 * the prefix is asked for, if any key has it.
 */
function keysUsed(files: Iterable<string>, known: string[]) {
  const knownSet = new Set(known);
  const exact = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const file of files) {
    if (!isCode(file)) continue;
    const text = readFileSync(file, "utf8");
    const where = relative(src, file);
    for (const m of text.matchAll(/["'`]([\w.-]+)["'`]/g)) if (knownSet.has(m[1] as string)) exact.set(m[1] as string, where);
    for (const m of text.matchAll(/`([\w-]+(?:\.[\w-]+)*\.)\$\{/g)) {
      const prefix = m[1] as string;
      if (prefix.split(".").length > 2) for (const key of known.filter((k) => k.startsWith(prefix))) exact.set(key, where);
      else if (known.some((k) => k.startsWith(prefix))) prefixes.set(prefix, where);
    }
  }
  return { exact, prefixes };
}

/** What is missing for `files` when `available` keys are loaded. */
function missingFor(files: Set<string>, available: Set<string>, known: string[]) {
  const { exact, prefixes } = keysUsed(files, known);
  return [
    ...[...exact].filter(([key]) => !available.has(key)).map(([key, where]) => `${key} (${where})`),
    ...[...prefixes].filter(([prefix]) => ![...available].some((k) => k.startsWith(prefix))).map(([p, where]) => `${p}… (${where})`),
  ].sort();
}

describe("the console's texts per chunk", async () => {
  const { dictionaries: firstLoad } = (await import(join(src, "i18n.ts"))) as { dictionaries: { fi: Texts } };
  const files = (readdirSync(src, { recursive: true }) as string[]).map((f) => join(src, f));
  const known = (
    await Promise.all(
      files.filter((f) => f.endsWith(".i18n.ts")).map(async (f) => Object.entries((await import(f)) as Record<string, Texts>)),
    )
  )
    .flat()
    .flatMap(([name, texts]) => (name.endsWith("Fi") ? Object.keys(texts) : []));
  const registeredBy = async (file: string) => Object.keys(((await import(file)) as { dictionaries: { fi: Texts } }).dictionaries.fi);

  const firstLoadModules = closure(join(src, "main.tsx"));
  const firstLoadKeys = new Set(Object.keys(firstLoad.fi));

  it("has every text of the first load's modules in i18n.ts", () => {
    expect(firstLoadModules.size).toBeGreaterThan(20);
    expect(missingFor(firstLoadModules, firstLoadKeys, known)).toEqual([]);
  });

  it("has every text of a lazy chunk in i18n.ts or in a *.texts.ts the chunk imports", async () => {
    const entries = new Set([...firstLoadModules].flatMap((f) => importsOf(f, DYNAMIC_IMPORT)));
    expect(entries.size).toBeGreaterThan(3);
    for (const entry of entries) {
      const chunk = closure(entry, firstLoadModules);
      const available = new Set(firstLoadKeys);
      for (const file of chunk) if (file.endsWith(".texts.ts")) for (const key of await registeredBy(file)) available.add(key);
      expect(missingFor(chunk, available, known), relative(src, entry)).toEqual([]);
    }
  });

  it("leaves the admin pages' own texts out of the first load", async () => {
    const adminKeys = await registeredBy(join(src, "admin/admin.texts.ts"));
    expect(adminKeys.length).toBeGreaterThan(500);
    expect(adminKeys.filter((key) => firstLoadKeys.has(key))).toEqual([]);
  });
});
