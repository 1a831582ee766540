/**
 * The apps' dictionaries are merged from per-feature `*.i18n.ts` files: in `i18n.ts` for the first
 * load and in a `*.texts.ts` for each lazily loaded chunk that registers its own. TypeScript checks
 * that each file's sv and en have its fi keys; this checks what it cannot: that each merged fi, sv
 * and en have the same keys, that no key is defined in two files (a later spread would silently
 * win) or left out of every merge, and that no Swedish or English text was left in Finnish.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

type Texts = Record<string, string>;
const root = join(import.meta.dirname, "../../..");

/** Texts that are the same in every language: names, brands and format codes. */
const sameInEveryLanguage = new Set([
  "app.name",
  "theme.font.arial",
  "theme.font.verdana",
  "theme.logo",
  "channel.chat",
  "webhooks.httpStatus",
  "feedback.rss",
  "feedback.jsonFeed",
]);
/** A text with no word once its `{placeholders}` are removed (e.g. `{hours} h`, `{from} → {to}`) needs no translation. */
const hasWords = (text: string) => /\p{L}{3,}/u.test(text.replace(/\{\w+\}/g, ""));

describe.each(["console", "portal"])("the %s's dictionaries", (app) => {
  const src = join(root, "apps", app, "src");
  const all = (readdirSync(src, { recursive: true }) as string[]).sort();
  const files = all.filter((f) => f.endsWith(".i18n.ts"));
  /** The first load's merge and those of the lazy chunks. */
  const merges = ["i18n.ts", ...all.filter((f) => f.endsWith(".texts.ts"))];
  const load = async (merge: string) =>
    ((await import(join(src, merge))) as { dictionaries: Record<"fi" | "sv" | "en", Texts> }).dictionaries;

  it.each(merges)("have the same keys in Finnish, Swedish and English (%s)", async (merge) => {
    const dictionaries = await load(merge);
    const fi = Object.keys(dictionaries.fi).sort();
    // A merge that loaded nothing would pass the comparisons below.
    expect(fi.length).toBeGreaterThan(20);
    expect(Object.keys(dictionaries.sv).sort()).toEqual(fi);
    expect(Object.keys(dictionaries.en).sort()).toEqual(fi);
    for (const language of ["fi", "sv", "en"] as const)
      for (const key of fi) expect(dictionaries[language][key]?.trim(), `${language} ${key}`).toBeTruthy();
  });

  it.each(merges)("translate every Finnish text into Swedish and English (%s)", async (merge) => {
    const dictionaries = await load(merge);
    const untranslated = Object.entries(dictionaries.fi).flatMap(([key, fi]) =>
      (["sv", "en"] as const)
        .filter((language) => dictionaries[language][key] === fi && hasWords(fi) && !sameInEveryLanguage.has(key))
        .map((language) => `${language} ${key}: ${fi}`),
    );
    expect(untranslated).toEqual([]);
  });

  it("take every key from exactly one feature file", async () => {
    const merged = new Set((await Promise.all(merges.map(load))).flatMap((dictionaries) => Object.keys(dictionaries.fi)));
    const owner = new Map<string, string>();
    for (const file of files) {
      const parts = (await import(join(src, file))) as Record<string, Texts>;
      for (const [name, texts] of Object.entries(parts)) {
        if (!name.endsWith("Fi")) continue;
        for (const key of Object.keys(texts)) {
          expect(owner.get(key), `${key} in ${file} and in ${owner.get(key)}`).toBeUndefined();
          owner.set(key, file);
        }
      }
    }
    expect([...owner.keys()].sort(), relative(root, src)).toEqual([...merged].sort());
  });
});
