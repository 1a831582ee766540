/**
 * The i18n layer's lookups: the provider's dictionaries, texts a lazily loaded chunk registered,
 * Finnish where a language lacks a text, and a missing key shown as itself (never blank) with one
 * warning in development.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Dictionaries, I18nProvider, registerTexts, useTranslation } from "./i18n.tsx";

function Texts({ keys }: { keys: string[] }) {
  const { t } = useTranslation<string>();
  return createElement("p", null, keys.map((key) => t(key, { n: 2 })).join("|"));
}

const firstLoad: Dictionaries<string> = {
  fi: { "shell.title": "Otsikko", "shell.onlyFi": "Vain suomeksi" },
  sv: { "shell.title": "Rubrik" },
  en: { "shell.title": "Title" },
};

/** What `keys` render as in `language` (the remembered choice). */
function render(language: string, keys: string[]) {
  vi.stubGlobal("localStorage", { getItem: () => language, setItem: () => undefined });
  return renderToStaticMarkup(
    createElement(I18nProvider<string>, {
      dictionaries: firstLoad,
      // biome-ignore lint/correctness/noChildrenProp: a .test.ts has no JSX, and the provider's props require children
      children: createElement(Texts, { keys }),
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("useTranslation", () => {
  it("finds a lazily loaded chunk's texts once it registers them, in the chosen language", () => {
    expect(render("sv", ["shell.title", "page.count"])).toBe("<p>Rubrik|page.count</p>");
    registerTexts({ fi: { "page.count": "{n} asiaa" }, sv: { "page.count": "{n} ärenden" }, en: { "page.count": "{n} tickets" } });
    expect(render("sv", ["shell.title", "page.count"])).toBe("<p>Rubrik|2 ärenden</p>");
    expect(render("en", ["page.count"])).toBe("<p>2 tickets</p>");
  });

  it("shows Finnish where a language lacks a text, and a missing key as itself with one warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(render("en", ["shell.onlyFi", "nowhere.key", "nowhere.key"])).toBe("<p>Vain suomeksi|nowhere.key|nowhere.key</p>");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('"nowhere.key"');
  });
});
