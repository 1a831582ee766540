/**
 * A small typed i18n layer shared by the portal and the console: dictionaries per language with
 * the same keys (TypeScript checks that sv and en have every fi key), `{name}` placeholders,
 * Intl formatting, and the chosen language remembered in the browser. The provider holds the
 * first load's dictionaries; a lazily loaded chunk adds its own with `registerTexts`.
 */
import type { Language } from "@yhteys/contracts";
import { languages } from "@yhteys/contracts/constants";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

export type Dictionary<K extends string> = Record<K, string>;
export type Dictionaries<K extends string> = { fi: Dictionary<K>; sv: Dictionary<K>; en: Dictionary<K> };

const STORAGE_KEY = "yhteys.language";

/** The remembered language, else the browser's, else Finnish. */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored && (languages as readonly string[]).includes(stored)) return stored as Language;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return (languages as readonly string[]).includes(browser ?? "") ? (browser as Language) : "fi";
}

export type I18n<K extends string> = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: K, params?: Record<string, string | number>) => string;
  formatDateTime: (iso: string) => string;
  formatDate: (iso: string) => string;
  formatNumber: (n: number) => string;
  /** How long ago (or in how long) an instant is from `now`, in the largest whole unit: "3 päivää sitten", "in 2 hours". */
  formatRelative: (iso: string, now?: number) => string;
};

/** Texts registered by lazily loaded chunks, by language (see `registerTexts`). */
const registered: Record<Language, Record<string, string>> = { fi: {}, sv: {}, en: {} };

/**
 * Adds the dictionaries of a lazily loaded chunk (an app's admin pages, say), so that the first
 * load need not carry them. Call it at the top level of a module the chunk imports: the chunk's
 * modules run before React.lazy renders its view, so the texts are there at the first render.
 */
export function registerTexts<K extends string>(dictionaries: Dictionaries<K>): void {
  for (const language of languages) Object.assign(registered[language], dictionaries[language]);
}

const warned = new Set<string>();

/** A key with no text anywhere shows as itself (never blank), with a warning once in development. */
function missingText(key: string): string {
  if (import.meta.env?.DEV && !warned.has(key)) {
    warned.add(key);
    console.warn(`i18n: no text for "${key}" (is its dictionary in i18n.ts, or registered by the lazy chunk that uses it?)`);
  }
  return key;
}
const MINUTE_MS = 60_000;
/** The unit a relative time is told in, by how far the instant is: under an hour in minutes, under two days in hours… */
const relativeUnits: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", MINUTE_MS, 60 * MINUTE_MS],
  ["hour", 60 * MINUTE_MS, 48 * 60 * MINUTE_MS],
  ["day", 24 * 60 * MINUTE_MS, 60 * 24 * 60 * MINUTE_MS],
  ["month", 30 * 24 * 60 * MINUTE_MS, 365 * 24 * 60 * MINUTE_MS],
  ["year", 365 * 24 * 60 * MINUTE_MS, Number.POSITIVE_INFINITY],
];

const locales: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

const Context = createContext<I18n<string> | null>(null);

/** Provides an app's dictionaries (fi, sv, en with the same keys) and the chosen language. */
export function I18nProvider<K extends string>({ dictionaries, children }: { dictionaries: Dictionaries<K>; children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n<string>>(() => {
    const dict: Record<string, string> = dictionaries[language];
    const fallback: Record<string, string> = dictionaries.fi;
    const dateTime = new Intl.DateTimeFormat(locales[language], { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Helsinki" });
    const date = new Intl.DateTimeFormat(locales[language], { dateStyle: "medium", timeZone: "Europe/Helsinki" });
    const number = new Intl.NumberFormat(locales[language]);
    const relative = new Intl.RelativeTimeFormat(locales[language], { numeric: "auto" });
    return {
      language,
      setLanguage,
      t: (key, params) => {
        const text = dict[key] ?? registered[language][key] ?? fallback[key] ?? registered.fi[key] ?? missingText(key);
        return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
      },
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
      formatDate: (iso) => date.format(new Date(iso)),
      formatNumber: (n) => number.format(n),
      formatRelative: (iso, now = Date.now()) => {
        const ms = new Date(iso).getTime() - now;
        const [unit, size] = relativeUnits.find(([, , below]) => Math.abs(ms) < below) ?? ["year", 1];
        return relative.format(Math.trunc(ms / size), unit);
      },
    };
  }, [dictionaries, language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The i18n of the nearest provider; apps wrap it with their key type (`useI18n = () => useTranslation<Key>()`). */
export function useTranslation<K extends string>(): I18n<K> {
  const value = useContext(Context);
  if (!value) throw new Error("useTranslation outside I18nProvider");
  return value as I18n<K>;
}

/** Names of the languages in themselves, for language switchers. */
export const languageNames: Record<Language, string> = { fi: "Suomi", sv: "Svenska", en: "English" };
